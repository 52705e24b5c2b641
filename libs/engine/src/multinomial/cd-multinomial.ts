import type { TrainingSet } from '../data/training-set';
import { notConvergedReason, type CdOutcome } from '../solver/cd-solver';
import { softThreshold } from '../solver/soft-threshold';
import { elasticNetCentre } from './elastic-net-centre';
import {
  admitKktViolators,
  PROBABILITY_CEILING,
  PROBABILITY_FLOOR,
  SATURATED,
  WEIGHT_SUM_MIN,
  type MultinomialCdSolver,
} from './multinomial-solver';
import { MultinomialState } from './multinomial-state';
import type { ResidualSweep } from './residual-sweeps';
import { createRowKernels, type MultinomialRowKernels, type RowKernelChoice } from './row-kernels';

/**
 * Ungrouped multinomial lasso / elastic net by proximal Newton, as glmnet's lognetn: each outer step visits the
 * classes in turn and, for class k with the others held fixed, builds the quadratic approximation of the logloss
 *     v_i = p_ik(1 − p_ik)/n,   r_i = (y_ik − p_ik)/n,
 * minimised (plus the penalty on β_k) by weighted coordinate descent,
 *     β_jk ← S(⟨z_j, r⟩ + xv_j β_jk, λr) / (xv_j + λ(1 − r)),   xv_j = Σ_i v_i z_ij²,   b0_k += Σr / Σv,
 * then refreshes η_k and the probabilities. After every outer step the intercepts are centred and each feature's
 * coefficients shifted by glmnet's elastic-net centre (the likelihood does not change). The outer loop ends when no
 * coefficient moved by more than the threshold (xv_j·Δ², Σv·Δb0²) and the features left out pass the KKT check
 * max_k |⟨z_j, y_k − p_k⟩/n| ≤ λr.
 */
export class UngroupedMultinomialSolver implements MultinomialCdSolver {
  readonly state: MultinomialState;
  private readonly rows: MultinomialRowKernels;
  private readonly weights: Float64Array;
  private readonly residual: Float64Array;
  private readonly weightedVariances: Float64Array;
  private readonly betaAtClassStart: Float64Array;
  private readonly active: Int32Array;
  private readonly isActive: Uint8Array;
  /**
   * xv_j is computed when first needed in a class's quadratic (`varianceStep[j] === step`): a coefficient that is
   * 0 and stays 0 (|⟨z_j, r⟩| ≤ λr) never needs it, and a nonzero one gets it in the same sweep as its ⟨z_j, r⟩.
   */
  private readonly varianceStep: Int32Array;
  private step = 0;
  private readonly sweep: ResidualSweep = { gradient: 0, squares: 0 };
  private activeCount = 0;
  private readonly threshold: number;
  private readonly rowShift: Float64Array;
  /** The last coordinate step's residual update r −= pendingDelta·v∘z_j, j = pendingFeature (−1: none). */
  private pendingFeature = -1;
  private pendingDelta = 0;

  constructor(
    private readonly set: TrainingSet,
    classes: number,
    private readonly l1Ratio: number,
    tolerance: number,
    kernels: RowKernelChoice = 'auto',
  ) {
    const { n, p } = set;
    this.rows = createRowKernels(set, classes, kernels);
    this.state = new MultinomialState(set, classes, this.rows);
    this.weights = this.rows.weights;
    this.residual = this.rows.residual;
    this.weightedVariances = new Float64Array(p);
    this.betaAtClassStart = new Float64Array(p);
    this.active = new Int32Array(p);
    this.isActive = new Uint8Array(p);
    this.varianceStep = new Int32Array(p).fill(-1);
    this.rowShift = new Float64Array(n);
    this.threshold = tolerance * (this.state.nullLoss || 1);
  }

  featureScore(j: number): number {
    const { p } = this.set;
    let score = 0;
    for (let k = 0; k < this.state.classes; k++) score = Math.max(score, Math.abs(this.state.gradient[k * p + j]));
    return score;
  }

  solve(lambda: number, eligible: Uint8Array, maxPasses: number): CdOutcome {
    const { p, isConstant } = this.set;
    const l1Penalty = lambda * this.l1Ratio;
    const l2Penalty = lambda * (1 - this.l1Ratio);
    let passes = 0;
    for (;;) {
      let moved = false;
      let anyClassFitted = false;
      for (let k = 0; k < this.state.classes; k++) {
        const weightSum = this.buildQuadraticApproximation(k);
        if (weightSum <= WEIGHT_SUM_MIN) continue;
        anyClassFitted = true;
        const b0AtClassStart = this.state.intercepts[k];
        this.betaAtClassStart.set(this.state.beta.subarray(k * p, (k + 1) * p));
        passes = this.descend(k, eligible, l1Penalty, l2Penalty, weightSum, passes, maxPasses);
        if (passes < 0) return this.stopped(maxPasses);
        moved ||= this.classMoved(k, b0AtClassStart, weightSum);
        // Every coefficient that moved is in the active set (update() adds it there).
        const b0Change = this.state.intercepts[k] - b0AtClassStart;
        this.state.moveClassPredictor(k, b0Change, this.active, this.activeCount, this.betaAtClassStart);
      }
      this.centre();
      if (!anyClassFitted) {
        this.state.refreshGradient(eligible);
        return { passes, converged: false, reason: SATURATED };
      }
      if (!moved) {
        this.state.refreshGradient(eligible);
        if (!admitKktViolators(this, eligible, isConstant, p, l1Penalty)) return { passes, converged: true };
      }
      if (passes >= maxPasses) return this.stopped(maxPasses);
    }
  }

  /** v, r of class k at the current probabilities (xv_j comes when needed, see varianceStep); returns Σv. */
  private buildQuadraticApproximation(k: number): number {
    const { n, y } = this.set;
    const state = this.state;
    this.step++;
    let weightSum = 0;
    for (let i = 0; i < n; i++) {
      let probability = state.probability(k, i);
      let weight = 0;
      if (probability < PROBABILITY_FLOOR) probability = 0;
      else if (probability > PROBABILITY_CEILING) probability = 1;
      else weight = (probability * (1 - probability)) / n;
      this.weights[i] = weight;
      weightSum += weight;
      this.residual[i] = ((y[i] === k ? 1 : 0) - probability) / n;
    }
    return weightSum;
  }

  /**
   * Coordinate descent on class k's quadratic: a full pass over the eligible features (and the intercept), then
   * passes over the active ones until a pass is quiet, until a full pass is quiet. Returns the pass count, or −1
   * when it ran out of passes.
   */
  private descend(
    k: number,
    eligible: Uint8Array,
    l1Penalty: number,
    l2Penalty: number,
    weightSum: number,
    passes: number,
    maxPasses: number,
  ): number {
    const p = this.set.p;
    for (;;) {
      passes++;
      let maxChange = 0;
      for (let j = 0; j < p; j++)
        if (eligible[j]) maxChange = Math.max(maxChange, this.update(k, j, l1Penalty, l2Penalty));
      maxChange = Math.max(maxChange, this.updateIntercept(k, weightSum));
      if (maxChange < this.threshold) return passes;
      do {
        if (passes >= maxPasses) return -1;
        passes++;
        maxChange = 0;
        const beta = this.state.beta;
        for (let l = 0; l < this.activeCount; l++) {
          const j = this.active[l];
          if (beta[k * p + j] !== 0) maxChange = Math.max(maxChange, this.update(k, j, l1Penalty, l2Penalty));
        }
        maxChange = Math.max(maxChange, this.updateIntercept(k, weightSum));
      } while (maxChange >= this.threshold);
    }
  }

  /**
   * β_jk ← S(⟨z_j, r⟩ + xv_j β_jk, λr) / (xv_j + λ(1 − r)), then r −= Δ·v∘z_j — left pending, and done in the
   * same sweep over the rows as the next coordinate's ⟨z, r⟩ (sweepResidual); returns xv_j·Δ².
   */
  private update(k: number, j: number, l1Penalty: number, l2Penalty: number): number {
    const { n, z } = this.set;
    const index = k * this.set.p + j;
    const old = this.state.beta[index];
    const needsVariance = old !== 0 && this.varianceStep[j] !== this.step;
    const sweep = this.sweep;
    this.rows.sweep(j, this.pendingFeature, this.pendingDelta, needsVariance, sweep);
    this.pendingFeature = -1;
    if (needsVariance) this.setVariance(j, sweep.squares);
    // β_jk = 0 stays 0 when S(⟨z_j, r⟩, λr) = 0.
    if (old === 0 && Math.abs(sweep.gradient) <= l1Penalty) return 0;
    if (this.varianceStep[j] !== this.step) this.setVariance(j, weightedSquareSum(z, n, j, this.weights));
    const variance = this.weightedVariances[j];
    const updated = softThreshold(sweep.gradient + variance * old, l1Penalty) / (variance + l2Penalty);
    if (updated === old) return 0;
    if (!this.isActive[j]) {
      this.isActive[j] = 1;
      this.active[this.activeCount++] = j;
    }
    const delta = updated - old;
    this.state.beta[index] = updated;
    this.pendingFeature = j;
    this.pendingDelta = delta;
    return variance * delta * delta;
  }

  private setVariance(j: number, value: number): void {
    this.weightedVariances[j] = value;
    this.varianceStep[j] = this.step;
  }

  /** The pending residual update on its own (before the intercept's step reads r). */
  private flushPending(): void {
    const q = this.pendingFeature * this.set.n;
    if (q < 0) return;
    const { n, z } = this.set;
    const d = this.pendingDelta;
    const r = this.residual;
    const w = this.weights;
    this.pendingFeature = -1;
    for (let i = 0; i < n; i++) r[i] -= d * w[i] * z[q + i];
  }

  /** b0_k += Σr / Σv (the exact minimiser of the quadratic in b0_k); returns Σv·Δ². */
  private updateIntercept(k: number, weightSum: number): number {
    this.flushPending();
    const n = this.set.n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.residual[i];
    const delta = sum / weightSum;
    if (delta === 0) return 0;
    this.state.intercepts[k] += delta;
    for (let i = 0; i < n; i++) this.residual[i] -= delta * this.weights[i];
    return weightSum * delta * delta;
  }

  private classMoved(k: number, b0AtClassStart: number, weightSum: number): boolean {
    const change = this.state.intercepts[k] - b0AtClassStart;
    if (weightSum * change * change > this.threshold) return true;
    const p = this.set.p;
    for (let l = 0; l < this.activeCount; l++) {
      const j = this.active[l];
      const d = this.state.beta[k * p + j] - this.betaAtClassStart[j];
      if (this.weightedVariances[j] * d * d > this.threshold) return true;
    }
    return false;
  }

  /**
   * Intercepts to mean zero, each active feature shifted by its elastic-net centre s_j; every class's η_i moves by
   * the same −c − Σ_j s_j z_ij, so p stays (MultinomialState.shiftRows).
   */
  private centre(): void {
    const { n, p, z } = this.set;
    const classes = this.state.classes;
    const { intercepts, beta } = this.state;
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += intercepts[k];
    for (let k = 0; k < classes; k++) intercepts[k] -= sum / classes;
    this.rowShift.fill(-sum / classes);
    const values = new Float64Array(classes);
    for (let l = 0; l < this.activeCount; l++) {
      const j = this.active[l];
      for (let k = 0; k < classes; k++) values[k] = beta[k * p + j];
      const shift = elasticNetCentre(values, this.l1Ratio);
      if (shift === 0) continue;
      for (let k = 0; k < classes; k++) beta[k * p + j] -= shift;
      for (let i = 0; i < n; i++) this.rowShift[i] -= shift * z[j * n + i];
    }
    this.state.shiftRows(this.rowShift);
  }

  private stopped(maxPasses: number): CdOutcome {
    this.centre();
    this.state.refreshGradient();
    return { passes: maxPasses, converged: false, reason: notConvergedReason(maxPasses) };
  }
}

/** xv_j = Σ_i w_i z_ij² of one column. */
function weightedSquareSum(z: Float64Array, n: number, j: number, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i] * z[j * n + i] * z[j * n + i];
  return s;
}
