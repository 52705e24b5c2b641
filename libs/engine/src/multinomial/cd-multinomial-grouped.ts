import type { TrainingSet } from '../data/training-set';
import { notConvergedReason, type CdOutcome } from '../solver/cd-solver';
import { dot } from '../solver/soft-threshold';
import { SATURATED, type MultinomialCdSolver } from './cd-multinomial';
import { MultinomialState } from './multinomial-state';

/** glmnet's eps: below this largest p(1 − p) every probability is 0 or 1 and the grouped fit stops. */
const CURVATURE_MIN = 1e-6;

/**
 * Grouped multinomial lasso / elastic net (glmnet's type.multinomial = "grouped", multlognetn): the penalty
 * λ·Σ_j [ r‖β_j·‖₂ + (1−r)/2 ‖β_j·‖₂² ] keeps or drops a feature in every class at once. Each outer step bounds the
 * logloss's Hessian by t·I with t = 2·max_ik p_ik(1 − p_ik) (per row, diag(p) − ppᵀ ≼ 2·max_k p_k(1 − p_k)·I), so the
 * quadratic approximation is isotropic across classes and each feature's block has the closed-form group update
 *     g_j = ⟨z_j, R⟩ + xv_j β_j·,  β_j· ← g_j · max(0, 1 − (λr/t)/‖g_j‖) / (xv_j + λ(1 − r)/t),
 * with R_ik = (y_ik − p_ik)/(n·t), xv_j = ⟨z_j, z_j⟩/n, and the intercepts moved once per step, b0_k += Σ_i R_ik
 * (z is centred, so they do not interact with β). The outer loop stops as the ungrouped one does, the KKT check
 * being ‖(⟨z_j, y_k − p_k⟩/n)_k‖₂ ≤ λr. The optimum has every β_j· summing to zero by itself (shifting a group
 * towards its mean lowers ‖β_j·‖), so only the intercepts are centred.
 */
export class GroupedMultinomialSolver implements MultinomialCdSolver {
  readonly state: MultinomialState;
  /** R, class-major (R[k·n + i]). */
  private readonly residual: Float64Array;
  private readonly betaAtStepStart: Float64Array;
  private readonly interceptsAtStepStart: Float64Array;
  private readonly active: Int32Array;
  private readonly isActive: Uint8Array;
  private activeCount = 0;
  private readonly threshold: number;
  private readonly groupGradient: Float64Array;

  constructor(
    private readonly set: TrainingSet,
    classes: number,
    private readonly l1Ratio: number,
    tolerance: number,
  ) {
    const { n, p } = set;
    this.state = new MultinomialState(set, classes);
    this.residual = new Float64Array(classes * n);
    this.betaAtStepStart = new Float64Array(classes * p);
    this.interceptsAtStepStart = new Float64Array(classes);
    this.active = new Int32Array(p);
    this.isActive = new Uint8Array(p);
    this.groupGradient = new Float64Array(classes);
    this.threshold = tolerance * (this.state.nullLoss || 1);
  }

  featureScore(j: number): number {
    const { p } = this.set;
    let squares = 0;
    for (let k = 0; k < this.state.classes; k++) squares += this.state.gradient[k * p + j] ** 2;
    return Math.sqrt(squares);
  }

  solve(lambda: number, eligible: Uint8Array, maxPasses: number): CdOutcome {
    const { n, p, isConstant } = this.set;
    const classes = this.state.classes;
    const { intercepts, beta, probabilities } = this.state;
    let passes = 0;
    for (;;) {
      let curvature = 0;
      for (let index = 0; index < classes * n; index++) {
        const q = probabilities[index];
        curvature = Math.max(curvature, q * (1 - q));
      }
      if (curvature < CURVATURE_MIN) {
        this.state.refreshGradient();
        return { passes, converged: false, reason: SATURATED };
      }
      const t = 2 * curvature;
      const l1Penalty = (lambda * this.l1Ratio) / t;
      const l2Penalty = (lambda * (1 - this.l1Ratio)) / t;
      this.betaAtStepStart.set(beta);
      this.interceptsAtStepStart.set(intercepts);
      for (let k = 0; k < classes; k++) {
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const r = this.state.residual(k, i) / (n * t);
          this.residual[k * n + i] = r;
          sum += r;
        }
        // b0_k += Σ_i R_ik: the intercept's curvature in the bounded quadratic is Σ_i 1/n = 1.
        intercepts[k] += sum;
        for (let i = 0; i < n; i++) this.residual[k * n + i] -= sum / n;
      }
      for (;;) {
        passes++;
        let maxChange = 0;
        for (let j = 0; j < p; j++) if (eligible[j]) maxChange = Math.max(maxChange, this.update(j, l1Penalty, l2Penalty));
        if (maxChange < this.threshold) break;
        do {
          if (passes >= maxPasses) return this.stopped(maxPasses);
          passes++;
          maxChange = 0;
          for (let l = 0; l < this.activeCount; l++) {
            maxChange = Math.max(maxChange, this.update(this.active[l], l1Penalty, l2Penalty));
          }
        } while (maxChange >= this.threshold);
      }
      const moved = this.stepMoved();
      let sum = 0;
      for (let k = 0; k < classes; k++) sum += intercepts[k];
      for (let k = 0; k < classes; k++) intercepts[k] -= sum / classes;
      this.state.refreshPredictors();
      if (!moved) {
        this.state.refreshGradient();
        let violated = false;
        for (let j = 0; j < p; j++) {
          if (eligible[j] || isConstant[j]) continue;
          if (this.featureScore(j) > lambda * this.l1Ratio) {
            eligible[j] = 1;
            violated = true;
          }
        }
        if (!violated) return { passes, converged: true };
      }
      if (passes >= maxPasses) return this.stopped(maxPasses);
    }
  }

  /** The group update of feature j; returns xv_j·max_k Δ_k². */
  private update(j: number, l1Penalty: number, l2Penalty: number): number {
    const { n, p, z, variances } = this.set;
    const classes = this.state.classes;
    const beta = this.state.beta;
    const offset = j * n;
    const variance = variances[j];
    let norm = 0;
    for (let k = 0; k < classes; k++) {
      const g = dot(z, offset, this.residual, k * n, n) + variance * beta[k * p + j];
      this.groupGradient[k] = g;
      norm += g * g;
    }
    norm = Math.sqrt(norm);
    const shrink = norm > 0 ? 1 - l1Penalty / norm : 0;
    let maxChange = 0;
    for (let k = 0; k < classes; k++) {
      const updated = shrink > 0 ? (this.groupGradient[k] * shrink) / (variance + l2Penalty) : 0;
      const delta = updated - beta[k * p + j];
      if (delta === 0) continue;
      beta[k * p + j] = updated;
      // R_k −= Δ_k·z_j/n (the bounded quadratic's weights are 1/n per row).
      for (let i = 0; i < n; i++) this.residual[k * n + i] -= (delta * z[offset + i]) / n;
      maxChange = Math.max(maxChange, variance * delta * delta);
      if (!this.isActive[j]) {
        this.isActive[j] = 1;
        this.active[this.activeCount++] = j;
      }
    }
    return maxChange;
  }

  private stepMoved(): boolean {
    const { p, variances } = this.set;
    const classes = this.state.classes;
    for (let k = 0; k < classes; k++) {
      const change = this.state.intercepts[k] - this.interceptsAtStepStart[k];
      if (change * change > this.threshold) return true;
      for (let l = 0; l < this.activeCount; l++) {
        const j = this.active[l];
        const d = this.state.beta[k * p + j] - this.betaAtStepStart[k * p + j];
        if (variances[j] * d * d > this.threshold) return true;
      }
    }
    return false;
  }

  private stopped(maxPasses: number): CdOutcome {
    this.state.refreshPredictors();
    this.state.refreshGradient();
    return { passes: maxPasses, converged: false, reason: notConvergedReason(maxPasses) };
  }
}
