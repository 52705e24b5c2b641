import type { TrainingSet } from '../data/training-set';
import { meanOf } from '../data/training-set';
import { notConvergedReason, type CdOutcome, type CdSolver } from './cd-solver';
import { axpy, dot, softThreshold } from './soft-threshold';

/**
 * Gaussian coordinate descent with naive updates (glmnet's elnet2), the choice when p ≥ n.
 *
 * Keeps the residual r = y − ȳ − Zβ. The update of coordinate k is
 *     g_k = ⟨z_k, r⟩/n,   β_k ← S(g_k + v_k β_k, λr) / (v_k + λ(1 − r)),   r −= Δ·z_k,
 * costing O(n) per coordinate. The residual update of one coordinate is deferred and fused with the inner product of
 * the next (shiftAndDot), so each update sweeps the residual once instead of twice.
 */
export class GaussianNaiveSolver implements CdSolver {
  readonly beta: Float64Array;
  readonly gradient: Float64Array;
  private readonly yMean: number;
  private readonly residual: Float64Array;
  private readonly active: Int32Array;
  private readonly isActive: Uint8Array;
  private activeCount = 0;
  /** The deferred residual update r −= pendingDelta·z_k, k = pendingColumn / n (none when pendingDelta is 0). */
  private pendingColumn = 0;
  private pendingDelta = 0;

  constructor(
    private readonly set: TrainingSet,
    private readonly l1Ratio: number,
    private readonly threshold: number,
  ) {
    const { n, p, z, y } = set;
    this.beta = new Float64Array(p);
    this.gradient = new Float64Array(p);
    this.yMean = meanOf(y);
    this.residual = new Float64Array(n);
    for (let i = 0; i < n; i++) this.residual[i] = y[i] - this.yMean;
    for (let j = 0; j < p; j++) if (!set.isConstant[j]) this.gradient[j] = dot(z, j * n, this.residual, 0, n) / n;
    this.active = new Int32Array(p);
    this.isActive = new Uint8Array(p);
  }

  intercept(): number {
    return this.yMean;
  }

  dataLoss(): number {
    this.flush();
    const n = this.set.n;
    return n > 0 ? (0.5 * dot(this.residual, 0, this.residual, 0, n)) / n : 0;
  }

  solve(lambda: number, eligible: Uint8Array, maxPasses: number): CdOutcome {
    const { n, p, z, isConstant } = this.set;
    const l1Penalty = lambda * this.l1Ratio;
    const l2Penalty = lambda * (1 - this.l1Ratio);
    let passes = 0;
    for (;;) {
      passes++;
      let maxChange = 0;
      for (let k = 0; k < p; k++) {
        if (eligible[k]) maxChange = Math.max(maxChange, this.update(k, l1Penalty, l2Penalty));
      }
      if (maxChange < this.threshold) {
        // KKT check of the variables the strong rule left out: β_j = 0 is optimal iff |g_j| ≤ λr.
        this.flush();
        let violated = false;
        for (let k = 0; k < p; k++) {
          if (eligible[k] || isConstant[k]) continue;
          const g = dot(z, k * n, this.residual, 0, n) / n;
          this.gradient[k] = g;
          if (Math.abs(g) > l1Penalty) {
            eligible[k] = 1;
            violated = true;
          }
        }
        if (!violated) {
          this.flush();
          return { passes, converged: true };
        }
        continue;
      }
      // Passes over the active set only, until they converge.
      do {
        if (passes >= maxPasses) return { passes, converged: false, reason: notConvergedReason(maxPasses) };
        passes++;
        maxChange = 0;
        for (let l = 0; l < this.activeCount; l++) {
          maxChange = Math.max(maxChange, this.update(this.active[l], l1Penalty, l2Penalty));
        }
      } while (maxChange >= this.threshold);
      if (passes >= maxPasses) return { passes, converged: false, reason: notConvergedReason(maxPasses) };
    }
  }

  /** One coordinate update; returns v_k·Δ², glmnet's measure of the change. */
  private update(k: number, l1Penalty: number, l2Penalty: number): number {
    const { n, variances } = this.set;
    const beta = this.beta;
    const offset = k * n;
    const g = this.shiftAndDot(offset) / n;
    this.gradient[k] = g;
    const old = beta[k];
    const updated = softThreshold(g + variances[k] * old, l1Penalty) / (variances[k] + l2Penalty);
    if (updated === old) return 0;
    if (!this.isActive[k]) {
      this.isActive[k] = 1;
      this.active[this.activeCount++] = k;
    }
    const delta = updated - old;
    beta[k] = updated;
    // r −= Δ·z_k is deferred to the next inner product (or flush).
    this.pendingColumn = offset;
    this.pendingDelta = delta;
    // The gradient after the update: g_k − v_k·Δ (exact, since ⟨z_k, z_k⟩/n = v_k).
    this.gradient[k] = g - variances[k] * delta;
    return variances[k] * delta * delta;
  }

  /** Applies the deferred update r −= Δ·z_k (if any) while computing ⟨z_target, r⟩ over the updated r. */
  private shiftAndDot(target: number): number {
    const { n, z } = this.set;
    const r = this.residual;
    const delta = this.pendingDelta;
    if (delta === 0) return dot(z, target, r, 0, n);
    const source = this.pendingColumn;
    this.pendingDelta = 0;
    let s0 = 0;
    let s1 = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const r0 = r[i] - delta * z[source + i];
      const r1 = r[i + 1] - delta * z[source + i + 1];
      r[i] = r0;
      r[i + 1] = r1;
      s0 += z[target + i] * r0;
      s1 += z[target + i + 1] * r1;
    }
    for (; i < n; i++) {
      const ri = r[i] - delta * z[source + i];
      r[i] = ri;
      s0 += z[target + i] * ri;
    }
    return s0 + s1;
  }

  /** Applies the deferred residual update, so that r = y − ȳ − Zβ exactly. */
  private flush(): void {
    if (this.pendingDelta === 0) return;
    axpy(-this.pendingDelta, this.set.z, this.pendingColumn, this.residual, 0, this.set.n);
    this.pendingDelta = 0;
  }
}
