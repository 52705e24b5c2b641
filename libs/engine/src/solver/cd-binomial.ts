import type { TrainingSet } from '../data/training-set';
import { meanOf } from '../data/training-set';
import { clampedProbability, logisticLoss, PROBABILITY_MIN, WEIGHT_SUM_MIN } from '../family/binomial';
import { notConvergedReason, type CdOutcome, type CdSolver } from './cd-solver';
import { dot, softThreshold } from './soft-threshold';

const SEPARATED =
  'the classes are separable: without a penalty the logistic MLE does not exist (the coefficients grow without bound)';

/**
 * Logistic regression by proximal Newton, as glmnet's lognet2n: an outer IRLS loop builds the weighted quadratic
 * approximation of the logloss at the current (b0, β),
 *     q_i = σ(η_i),  v_i = q_i(1 − q_i)/n,  r_i = (y_i − q_i)/n   (weights 1/n per row),
 * and an inner weighted coordinate descent minimises it (plus the penalty):
 *     β_k ← S(⟨z_k, r⟩ + xv_k β_k, λr) / (xv_k + λ(1 − r)),  r −= Δ·v∘z_k,   xv_k = Σ_i v_i z_ik²,
 * with the unpenalized intercept updated after every pass: b0 += Σr / Σv, r −= Δ0·v.
 * The outer loop stops when no coefficient moved by more than the threshold (xv_k·Δ_k², Σv·Δ0²) during it.
 */
export class BinomialSolver implements CdSolver {
  readonly beta: Float64Array;
  readonly gradient: Float64Array;
  private b0: number;
  private readonly eta: Float64Array;
  private readonly weights: Float64Array;
  private readonly residual: Float64Array;
  private weightSum: number;
  private readonly weightedVariances: Float64Array;
  private readonly active: Int32Array;
  private readonly isActive: Uint8Array;
  private activeCount = 0;
  private readonly betaAtOuterStart: Float64Array;
  /** Set when the training rows hold a single class: there is no finite null model to start from. */
  private readonly singleClass: boolean;

  constructor(
    private readonly set: TrainingSet,
    private readonly l1Ratio: number,
    private readonly threshold: number,
  ) {
    const { n, p, z, y } = set;
    this.beta = new Float64Array(p);
    this.gradient = new Float64Array(p);
    this.eta = new Float64Array(n);
    this.weights = new Float64Array(n);
    this.residual = new Float64Array(n);
    this.weightedVariances = new Float64Array(p);
    this.active = new Int32Array(p);
    this.isActive = new Uint8Array(p);
    this.betaAtOuterStart = new Float64Array(p);
    // Null model: q = ȳ for every row, b0 = log(ȳ / (1 − ȳ)).
    const yMean = meanOf(y);
    this.singleClass = !(yMean > PROBABILITY_MIN && yMean < 1 - PROBABILITY_MIN);
    const q0 = Math.min(Math.max(yMean, PROBABILITY_MIN), 1 - PROBABILITY_MIN);
    this.b0 = Math.log(q0 / (1 - q0));
    this.eta.fill(this.b0);
    this.weights.fill((q0 * (1 - q0)) / n);
    for (let i = 0; i < n; i++) this.residual[i] = (y[i] - q0) / n;
    this.weightSum = q0 * (1 - q0);
    for (let j = 0; j < p; j++) if (!set.isConstant[j]) this.gradient[j] = dot(z, j * n, this.residual, 0, n);
  }

  intercept(): number {
    return this.b0;
  }

  dataLoss(): number {
    const { n, y } = this.set;
    let loss = 0;
    for (let i = 0; i < n; i++) loss += logisticLoss(this.eta[i], y[i]);
    return n > 0 ? loss / n : 0;
  }

  solve(lambda: number, eligible: Uint8Array, maxPasses: number): CdOutcome {
    if (this.singleClass) {
      return {
        passes: 0,
        converged: false,
        reason: 'the training rows hold a single class: the logistic fit does not exist',
      };
    }
    const { n, p, z, isConstant } = this.set;
    const l1Penalty = lambda * this.l1Ratio;
    const l2Penalty = lambda * (1 - this.l1Ratio);
    let passes = 0;
    for (;;) {
      // Outer IRLS step: remember where it starts, then the weighted variances of the quadratic approximation.
      const b0AtOuterStart = this.b0;
      this.betaAtOuterStart.set(this.beta);
      for (let k = 0; k < p; k++) {
        if (!eligible[k]) continue;
        let s = 0;
        const offset = k * n;
        for (let i = 0; i < n; i++) s += this.weights[i] * z[offset + i] * z[offset + i];
        this.weightedVariances[k] = s;
      }
      // Inner coordinate descent: full pass over the eligible set, then active-set passes, until a full pass is quiet.
      for (;;) {
        passes++;
        let maxChange = 0;
        for (let k = 0; k < p; k++)
          if (eligible[k]) maxChange = Math.max(maxChange, this.update(k, l1Penalty, l2Penalty));
        maxChange = Math.max(maxChange, this.updateIntercept());
        if (maxChange < this.threshold) break;
        do {
          if (passes >= maxPasses) return this.stopped(passes, maxPasses);
          passes++;
          maxChange = 0;
          for (let l = 0; l < this.activeCount; l++) {
            maxChange = Math.max(maxChange, this.update(this.active[l], l1Penalty, l2Penalty));
          }
          maxChange = Math.max(maxChange, this.updateIntercept());
        } while (maxChange >= this.threshold);
      }
      this.refreshQuadraticApproximation();
      if (this.weightSum <= WEIGHT_SUM_MIN) {
        return {
          passes,
          converged: false,
          reason: `every fitted probability is 0 or 1 at λ = ${lambda}: ${SEPARATED}`,
        };
      }
      if (this.outerStepWasSmall(b0AtOuterStart)) {
        // KKT check of the variables the strong rule left out: β_j = 0 is optimal iff |g_j| ≤ λr.
        let violated = false;
        for (let k = 0; k < p; k++) {
          if (eligible[k] || isConstant[k]) continue;
          const g = dot(z, k * n, this.residual, 0, n);
          this.gradient[k] = g;
          if (Math.abs(g) > l1Penalty) {
            eligible[k] = 1;
            violated = true;
          }
        }
        if (!violated) {
          if (lambda === 0 && this.classesSeparated()) return { passes, converged: false, reason: SEPARATED };
          return { passes, converged: true };
        }
      }
      if (passes >= maxPasses) return this.stopped(passes, maxPasses);
    }
  }

  /** Out of passes: η (and so the reported loss) is brought up to date with the β the solve stopped at. */
  private stopped(passes: number, maxPasses: number): CdOutcome {
    this.refreshQuadraticApproximation();
    return { passes, converged: false, reason: notConvergedReason(maxPasses) };
  }

  /** Weighted coordinate update of β_k; returns xv_k·Δ². */
  private update(k: number, l1Penalty: number, l2Penalty: number): number {
    const { n, z } = this.set;
    const offset = k * n;
    const residual = this.residual;
    const weights = this.weights;
    const g = dot(z, offset, residual, 0, n);
    this.gradient[k] = g;
    const variance = this.weightedVariances[k];
    const old = this.beta[k];
    const updated = softThreshold(g + variance * old, l1Penalty) / (variance + l2Penalty);
    if (updated === old) return 0;
    if (!this.isActive[k]) {
      this.isActive[k] = 1;
      this.active[this.activeCount++] = k;
    }
    const delta = updated - old;
    this.beta[k] = updated;
    for (let i = 0; i < n; i++) residual[i] -= delta * weights[i] * z[offset + i];
    return variance * delta * delta;
  }

  /** b0 += Σr / Σv (the exact minimiser of the quadratic in b0); returns Σv·Δ0². */
  private updateIntercept(): number {
    const n = this.set.n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.residual[i];
    const delta = sum / this.weightSum;
    if (delta === 0) return 0;
    this.b0 += delta;
    for (let i = 0; i < n; i++) this.residual[i] -= delta * this.weights[i];
    return this.weightSum * delta * delta;
  }

  /** η = b0 + Zβ, then q, v, r and Σv at the new point (glmnet's clamping of q to exactly 0/1 past ±log(1/pmin − 1)). */
  private refreshQuadraticApproximation(): void {
    const { n, z, y } = this.set;
    const eta = this.eta;
    eta.fill(this.b0);
    for (let l = 0; l < this.activeCount; l++) {
      const k = this.active[l];
      const b = this.beta[k];
      if (b === 0) continue;
      const offset = k * n;
      for (let i = 0; i < n; i++) eta[i] += b * z[offset + i];
    }
    let weightSum = 0;
    for (let i = 0; i < n; i++) {
      const q = clampedProbability(eta[i]);
      const v = (q * (1 - q)) / n;
      this.weights[i] = v;
      this.residual[i] = (y[i] - q) / n;
      weightSum += v;
    }
    this.weightSum = weightSum;
  }

  /**
   * Does η put every row on its own side (y = 1 ⇔ η > 0)? Then scaling β up lowers the logloss forever: without a
   * penalty the MLE does not exist, and what the clamped IRLS stopped at is not a fit.
   */
  private classesSeparated(): boolean {
    const { n, y } = this.set;
    for (let i = 0; i < n; i++) if (y[i] === 1 ? !(this.eta[i] > 0) : !(this.eta[i] < 0)) return false;
    return true;
  }

  /** Did the last outer step move every coefficient (and b0) by less than the threshold? */
  private outerStepWasSmall(b0AtOuterStart: number): boolean {
    const change = this.b0 - b0AtOuterStart;
    if (this.weightSum * change * change >= this.threshold) return false;
    for (let l = 0; l < this.activeCount; l++) {
      const k = this.active[l];
      const d = this.beta[k] - this.betaAtOuterStart[k];
      if (this.weightedVariances[k] * d * d >= this.threshold) return false;
    }
    return true;
  }
}
