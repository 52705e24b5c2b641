import type { TrainingSet } from '../data/training-set';
import { meanOf, toOriginalScale } from '../data/training-set';
import { familyOf, type Family } from '../family/family';
import { PROBABILITY_MIN } from '../family/binomial';
import { dataTermGradient, meanLoss, standardizedPredictor } from '../objective';
import { throwIfAborted } from '../path/abort';
import { penaltyValue } from '../path/penalty';
import type { SolvedPoint } from '../path/point-fit';
import { linearPredictor } from '../predict';
import type { Dataset, GdSolverConfig, LearningCurve, Model } from '../types';
import { EpochCurve } from './epoch-curve';
import { describeRungStop, EpochRungJudge } from './epoch-rungs';
import { softThreshold } from './soft-threshold';

/** A loss this many times above its starting value counts as divergence. */
const DIVERGENCE_FACTOR = 1e6;

/**
 * Full-batch proximal gradient descent on the standardized scale, warm-started along the λ path. One epoch:
 *     b0 ← b0 − η·∂L/∂b0
 *     β  ← S( β − η·(∇_β L + λ(1−r)β),  ηλr )
 * (L the data term; S the soft-threshold, the proximal step of the L1 part, which gives exact zeros).
 * Stops early, converged, when the relative change of the objective over an epoch falls below `tolerance`, and,
 * reported as converged with the pruner's reason, at the first rung epoch of `config.rungs` it loses.
 */
export class GdSolver {
  private readonly family: Family;
  private readonly beta: Float64Array;
  private intercept: number;
  private readonly nullIntercept: number;
  /** Data loss of the null model, the reference for the divergence test when the warm start is already good. */
  private readonly nullLoss: number;
  private readonly eta: Float64Array;
  private readonly derivative: Float64Array;
  private readonly gradient: Float64Array;
  private readonly coefficients: Float64Array;
  private readonly validationEta: Float64Array;

  constructor(
    private readonly set: TrainingSet,
    model: Model,
    private readonly l1Ratio: number,
    private readonly config: GdSolverConfig,
    private readonly data: Dataset,
    private readonly validationRows: Int32Array,
    private readonly signal?: { readonly aborted: boolean },
  ) {
    this.family = familyOf(model);
    const yMean = meanOf(set.y);
    const q0 = Math.min(Math.max(yMean, PROBABILITY_MIN), 1 - PROBABILITY_MIN);
    this.nullIntercept = this.family.nullIntercept(model === 'logistic' ? q0 : yMean);
    this.intercept = this.nullIntercept;
    this.beta = new Float64Array(set.p);
    this.eta = new Float64Array(set.n);
    this.derivative = new Float64Array(set.n);
    this.gradient = new Float64Array(set.p + 1);
    this.coefficients = new Float64Array(set.p);
    this.validationEta = new Float64Array(validationRows.length);
    standardizedPredictor(set, this.intercept, this.beta, this.eta);
    this.nullLoss = meanLoss(this.family.loss, this.eta, set.y, set.n);
  }

  /** Runs up to `epochs` epochs at λ from the current (warm) state. */
  solve(lambda: number): SolvedPoint {
    const { set, family, beta, l1Ratio } = this;
    const { learningRate: rate, epochs, tolerance } = this.config;
    const curve = new EpochCurve(epochs);
    const rungs =
      this.config.rungs && this.validationRows.length > 0 ? new EpochRungJudge(this.config.rungs) : undefined;
    standardizedPredictor(set, this.intercept, beta, this.eta);
    let loss = meanLoss(family.loss, this.eta, set.y, set.n);
    let objective = loss + penaltyValue(beta, lambda, l1Ratio);
    const divergenceLimit = DIVERGENCE_FACTOR * Math.max(loss, this.nullLoss);
    const shrink = rate * lambda * (1 - l1Ratio);
    const threshold = rate * lambda * l1Ratio;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      if (epoch % 256 === 0) throwIfAborted(this.signal);
      dataTermGradient(set, family, this.eta, this.derivative, this.gradient);
      this.intercept -= rate * this.gradient[0];
      for (let j = 0; j < set.p; j++) {
        if (set.isConstant[j]) continue;
        beta[j] = softThreshold(beta[j] - rate * this.gradient[1 + j] - shrink * beta[j], threshold);
      }
      standardizedPredictor(set, this.intercept, beta, this.eta);
      loss = meanLoss(family.loss, this.eta, set.y, set.n);
      const previous = objective;
      objective = loss + penaltyValue(beta, lambda, l1Ratio);
      if (!Number.isFinite(objective) || loss > divergenceLimit) {
        const what = Number.isFinite(objective)
          ? `grew above ${DIVERGENCE_FACTOR} × its starting value`
          : 'became non-finite';
        curve.record(epoch, this.curveLoss(), this.validationLoss(), true);
        const point = this.point(lambda, loss, epoch, false, curve.finish());
        this.restart();
        return {
          ...point,
          diverged: true,
          reason: `loss ${what} at epoch ${epoch} (learning rate ${rate} too large?)`,
        };
      }
      const converged = Math.abs(previous - objective) <= tolerance * Math.abs(objective);
      const last = converged || epoch === epochs;
      if (curve.wants(epoch) || last) {
        const validationLoss = this.validationLoss();
        curve.record(epoch, this.curveLoss(), validationLoss, last);
        // A pruner's rung (epoch-rungs.ts): judged on the epochs the curve keeps, so the stored curve replays it.
        const stop = curve.wants(epoch) ? rungs?.stops(epoch, validationLoss) : undefined;
        if (stop) return { ...this.point(lambda, loss, epoch, true, curve.finish()), reason: describeRungStop(stop) };
      }
      if (converged) return this.point(lambda, loss, epoch, true, curve.finish());
    }
    return {
      ...this.point(lambda, loss, epochs, false, curve.finish()),
      reason: `gradient descent did not converge within ${epochs} epochs (relative objective change still above ${tolerance})`,
    };
  }

  private point(
    lambda: number,
    dataLoss: number,
    iterations: number,
    converged: boolean,
    learningCurve: LearningCurve,
  ): SolvedPoint {
    return {
      lambda,
      l1Ratio: this.l1Ratio,
      intercept: this.intercept,
      beta: Float64Array.from(this.beta),
      dataLoss,
      iterations,
      converged,
      learningCurve,
    };
  }

  /** After divergence the next λ starts again from the null model rather than from the blown-up state. */
  private restart(): void {
    this.intercept = this.nullIntercept;
    this.beta.fill(0);
  }

  /** Mean curve loss (mse or logloss) on the training rows at the current η. */
  private curveLoss(): number {
    return meanLoss(this.family.curveLoss, this.eta, this.set.y, this.set.n);
  }

  /** Mean curve loss on the validation rows, from the original-scale predictions; NaN without validation rows. */
  private validationLoss(): number {
    const rows = this.validationRows;
    if (rows.length === 0) return NaN;
    const intercept = toOriginalScale(this.set, this.intercept, this.beta, this.coefficients);
    linearPredictor(this.data.x, rows, intercept, this.coefficients, this.validationEta);
    let total = 0;
    for (let i = 0; i < rows.length; i++) total += this.family.curveLoss(this.validationEta[i], this.data.y[rows[i]]);
    return total / rows.length;
  }
}
