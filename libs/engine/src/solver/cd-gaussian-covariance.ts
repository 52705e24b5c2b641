import type { GramTrainingSet } from '../data/gram-training-set';
import type { TrainingSet } from '../data/training-set';
import { meanOf } from '../data/training-set';
import { notConvergedReason, type CdOutcome, type CdSolver } from './cd-solver';
import { dot, softThreshold } from './soft-threshold';

/**
 * What the covariance updates need to know about the training rows: the response's mean and covariances with the
 * standardized columns, and a way to get Gram columns G_jk = ⟨z_j, z_k⟩/n. Two sources: the gathered columns z
 * (inner products on demand, computed only for variables that enter), or a precomputed p×p Gram matrix.
 */
export interface CovarianceInput {
  readonly p: number;
  readonly isConstant: Uint8Array;
  readonly variances: Float64Array;
  readonly yMean: number;
  /** ⟨z_j, y − ȳ⟩/n. */
  readonly responseCovariance: Float64Array;
  /** ‖y − ȳ‖²/n. */
  readonly responseSquares: number;
  /** Writes G_jk into out[offset + j] for each j in which[0 .. count). */
  gramEntries(k: number, which: Int32Array, count: number, out: Float64Array, offset: number): void;
}

/** Gram entries read off a precomputed matrix (GramTrainingSet: the fold's cross products, no copy of the rows). */
export function covarianceInputFromGram(set: GramTrainingSet): CovarianceInput {
  const { p, gram } = set;
  return {
    ...set,
    gramEntries: (k, which, count, out, offset) => {
      const column = k * p;
      for (let c = 0; c < count; c++) out[offset + which[c]] = gram[column + which[c]];
    },
  };
}

/** Gram entries as inner products of the gathered standardized columns, computed when a variable enters. */
export function covarianceInputFromTrainingSet(set: TrainingSet): CovarianceInput {
  const { n, p, z, y } = set;
  const yMean = meanOf(y);
  const centred = new Float64Array(n);
  let squares = 0;
  for (let i = 0; i < n; i++) {
    centred[i] = y[i] - yMean;
    squares += centred[i] * centred[i];
  }
  const responseCovariance = new Float64Array(p);
  for (let j = 0; j < p; j++) if (!set.isConstant[j]) responseCovariance[j] = dot(z, j * n, centred, 0, n) / n;
  return {
    p,
    isConstant: set.isConstant,
    variances: set.variances,
    yMean,
    responseCovariance,
    responseSquares: n > 0 ? squares / n : 0,
    gramEntries: (k, which, count, out, offset) => innerProducts(set, k, which, count, out, offset),
  };
}

/** out[offset + j] = ⟨z_j, z_k⟩/n for the listed j, four at a time so that z_k is read once per four columns. */
function innerProducts(set: TrainingSet, k: number, which: Int32Array, count: number, out: Float64Array, offset: number): void {
  const { n, z } = set;
  const offsetK = k * n;
  let c = 0;
  for (; c + 4 <= count; c += 4) {
    const j0 = which[c];
    const j1 = which[c + 1];
    const j2 = which[c + 2];
    const j3 = which[c + 3];
    const o0 = j0 * n;
    const o1 = j1 * n;
    const o2 = j2 * n;
    const o3 = j3 * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      const v = z[offsetK + i];
      s0 += z[o0 + i] * v;
      s1 += z[o1 + i] * v;
      s2 += z[o2 + i] * v;
      s3 += z[o3 + i] * v;
    }
    out[offset + j0] = s0 / n;
    out[offset + j1] = s1 / n;
    out[offset + j2] = s2 / n;
    out[offset + j3] = s3 / n;
  }
  for (; c < count; c++) out[offset + which[c]] = dot(z, which[c] * n, z, offsetK, n) / n;
}

/**
 * Gaussian coordinate descent with covariance updates (glmnet's elnet1), the choice when n > p.
 *
 * Keeps g_j = ⟨z_j, y − ȳ⟩/n − Σ_k G_jk β_k for every j, with G_jk = ⟨z_j, z_k⟩/n stored only for the variables k
 * that ever became nonzero. The update of coordinate k is
 *     β_k ← S(g_k + v_k β_k, λr) / (v_k + λ(1 − r)),
 * and a change Δ of β_k costs O(p): g_j −= G_jk·Δ. Inside the active-set loop only the active g_j are updated;
 * the others are brought up to date once when that loop ends.
 */
export class GaussianCovarianceSolver implements CdSolver {
  readonly beta: Float64Array;
  readonly gradient: Float64Array;
  private readonly yMean: number;
  /** c_j = ⟨z_j, y − ȳ⟩/n and ‖y − ȳ‖²/n, for the objective. */
  private readonly responseCovariance: Float64Array;
  private readonly responseSquares: number;
  /** Gram columns of the active variables: column of slot l at gram[l*p, (l+1)*p). */
  private gram: Float64Array;
  private readonly slotOf: Int32Array;
  private readonly active: Int32Array;
  private activeCount = 0;
  private readonly betaAtInnerStart: Float64Array;
  /** Scratch list of the variables whose Gram entries an entering variable must compute. */
  private readonly pending: Int32Array;

  constructor(
    private readonly set: CovarianceInput,
    private readonly l1Ratio: number,
    private readonly threshold: number,
  ) {
    const { p } = set;
    this.beta = new Float64Array(p);
    this.responseCovariance = set.responseCovariance;
    this.gradient = Float64Array.from(set.responseCovariance);
    this.yMean = set.yMean;
    this.responseSquares = set.responseSquares;
    this.gram = new Float64Array(p * Math.min(p, 8));
    this.slotOf = new Int32Array(p).fill(-1);
    this.active = new Int32Array(p);
    this.betaAtInnerStart = new Float64Array(p);
    this.pending = new Int32Array(p);
  }

  intercept(): number {
    return this.yMean;
  }

  /** (1/2n)‖y − ȳ − Zβ‖² = ½‖y − ȳ‖²/n − ½ βᵀc − ½ βᵀg, since Gβ = c − g. */
  dataLoss(): number {
    let loss = 0.5 * this.responseSquares;
    for (let l = 0; l < this.activeCount; l++) {
      const k = this.active[l];
      loss -= 0.5 * this.beta[k] * (this.responseCovariance[k] + this.gradient[k]);
    }
    return loss;
  }

  solve(lambda: number, eligible: Uint8Array, maxPasses: number): CdOutcome {
    const { p, variances, isConstant } = this.set;
    const { beta, gradient } = this;
    const l1Penalty = lambda * this.l1Ratio;
    const l2Penalty = lambda * (1 - this.l1Ratio);
    let passes = 0;
    for (;;) {
      // Full pass over the eligible (strong) set.
      passes++;
      let maxChange = 0;
      for (let k = 0; k < p; k++) {
        if (!eligible[k]) continue;
        const old = beta[k];
        const updated = softThreshold(gradient[k] + variances[k] * old, l1Penalty) / (variances[k] + l2Penalty);
        if (updated === old) continue;
        if (this.slotOf[k] < 0) this.enter(k);
        const delta = updated - old;
        beta[k] = updated;
        maxChange = Math.max(maxChange, variances[k] * delta * delta);
        const column = this.slotOf[k] * p;
        const gram = this.gram;
        for (let j = 0; j < p; j++) gradient[j] -= gram[column + j] * delta;
      }
      if (maxChange < this.threshold) {
        // KKT check of the variables the strong rule left out: β_j = 0 is optimal iff |g_j| ≤ λr.
        let violated = false;
        for (let k = 0; k < p; k++) {
          if (eligible[k] || isConstant[k]) continue;
          if (Math.abs(gradient[k]) > l1Penalty) {
            eligible[k] = 1;
            violated = true;
          }
        }
        if (!violated) return { passes, converged: true };
        continue;
      }
      if (passes >= maxPasses) return { passes, converged: false, reason: notConvergedReason(maxPasses) };
      passes = this.activeSetLoop(l1Penalty, l2Penalty, passes, maxPasses);
      if (passes >= maxPasses) return { passes, converged: false, reason: notConvergedReason(maxPasses) };
    }
  }

  /** Passes over the active set only until they converge; returns the pass count. */
  private activeSetLoop(l1Penalty: number, l2Penalty: number, passes: number, maxPasses: number): number {
    const { p, variances } = this.set;
    const { beta, gradient, active, slotOf } = this;
    const gram = this.gram;
    const count = this.activeCount;
    for (let l = 0; l < count; l++) this.betaAtInnerStart[l] = beta[active[l]];
    let maxChange: number;
    do {
      passes++;
      maxChange = 0;
      for (let l = 0; l < count; l++) {
        const k = active[l];
        const old = beta[k];
        const updated = softThreshold(gradient[k] + variances[k] * old, l1Penalty) / (variances[k] + l2Penalty);
        if (updated === old) continue;
        const delta = updated - old;
        beta[k] = updated;
        maxChange = Math.max(maxChange, variances[k] * delta * delta);
        const column = slotOf[k] * p;
        for (let m = 0; m < count; m++) gradient[active[m]] -= gram[column + active[m]] * delta;
      }
    } while (maxChange >= this.threshold && passes < maxPasses);
    // Bring the inactive gradients up to date: g_j −= Σ_l G_{j,k_l} (β_{k_l} − β_{k_l}^start).
    for (let l = 0; l < count; l++) {
      const delta = beta[active[l]] - this.betaAtInnerStart[l];
      if (delta === 0) continue;
      const column = l * p;
      for (let j = 0; j < p; j++) if (slotOf[j] < 0) gradient[j] -= gram[column + j] * delta;
    }
    return passes;
  }

  /** Adds k to the active set and stores its Gram column G_jk = ⟨z_j, z_k⟩/n (by symmetry where already known). */
  private enter(k: number): void {
    const { p, isConstant } = this.set;
    const slot = this.activeCount;
    if ((slot + 1) * p > this.gram.length) {
      const grown = new Float64Array(Math.min(p, 2 * slot + 1) * p);
      grown.set(this.gram.subarray(0, slot * p));
      this.gram = grown;
    }
    const gram = this.gram;
    const column = slot * p;
    const pending = this.pending;
    let count = 0;
    for (let j = 0; j < p; j++) {
      if (isConstant[j]) continue;
      const slotJ = this.slotOf[j];
      if (slotJ >= 0) gram[column + j] = gram[slotJ * p + k];
      else pending[count++] = j;
    }
    this.set.gramEntries(k, pending, count, gram, column);
    this.slotOf[k] = slot;
    this.active[slot] = k;
    this.activeCount = slot + 1;
  }
}
