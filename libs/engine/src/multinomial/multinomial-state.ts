/**
 * What both multinomial solvers keep between λ values (warm starts), on the standardized scale of a TrainingSet
 * whose y holds class indices: the intercepts b0_k, the coefficients β (class-major, β[k·p + j]), the linear
 * predictors η (class-major, η[k·n + i]) and the probabilities p = softmax(η). As glmnet's lognetn, it keeps
 * e_ik = exp(η_ik) (η clamped to ±250 inside the exp only) and s_i = Σ_k e_ik, so that a change of one class's η
 * costs n exponentials rather than K·n, and a shift of every class's η of a row (which leaves p unchanged) none.
 */
import type { TrainingSet } from '../data/training-set';
import { dot } from '../solver/soft-threshold';
import { JsRowKernels, type PredictorColumns } from './row-kernels';
import { classFrequencies, multinomialLogLoss, nullMultinomialLogLoss } from './softmax';

/** glmnet's exmx: |η| beyond this is clamped inside exp (e^250 ≈ 4e108 leaves room to sum K of them). */
const ETA_CLAMP = 250;

export class MultinomialState {
  readonly intercepts: Float64Array;
  readonly beta: Float64Array;
  readonly eta: Float64Array;
  private readonly expEta: Float64Array;
  private readonly expSum: Float64Array;
  /** −(1/n)·∂(logloss)/∂β_jk = ⟨z_j, y_k − p_k⟩ / n at the current point, refreshed by `refreshGradient`. */
  readonly gradient: Float64Array;
  /** Classes with no training row: the null model (and every fit) does not exist. */
  readonly missingClasses: number[] = [];
  /** Null logloss −Σ q_k log q_k (glmnet's dev0/2). */
  readonly nullLoss: number;
  /** refreshGradient's (y_k − p_k)/n, kept so that a refresh allocates nothing. */
  private readonly gradientResidual: Float64Array;
  /** moveClassPredictor's moved features and their changes, kept so that a move allocates nothing. */
  private readonly movedFeatures: Int32Array;
  private readonly movedChanges: Float64Array;

  /** η and its update by moved coefficients: `columns`, or plain JavaScript on the set's z. */
  private readonly columns: PredictorColumns;

  constructor(
    readonly set: TrainingSet,
    readonly classes: number,
    columns?: PredictorColumns,
  ) {
    const { n, p } = set;
    this.intercepts = new Float64Array(classes);
    this.beta = new Float64Array(classes * p);
    this.columns = columns ?? new JsRowKernels(set.z, n, classes);
    this.eta = this.columns.eta;
    this.expEta = new Float64Array(classes * n);
    this.expSum = new Float64Array(n);
    this.gradient = new Float64Array(classes * p);
    this.gradientResidual = new Float64Array(n);
    this.movedFeatures = new Int32Array(p);
    this.movedChanges = new Float64Array(p);
    // Null model: p_k = q_k, b0_k = log q_k centred to sum to zero.
    const frequencies = classFrequencies(set.y, n, classes);
    this.nullLoss = nullMultinomialLogLoss(frequencies);
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      if (frequencies[k] === 0) this.missingClasses.push(k);
      this.intercepts[k] = frequencies[k] > 0 ? Math.log(frequencies[k]) : 0;
      sum += this.intercepts[k];
    }
    for (let k = 0; k < classes; k++) this.intercepts[k] -= sum / classes;
    this.refreshPredictors();
    this.refreshGradient();
  }

  /** y_ik − p_ik, the one-hot indicator minus the probability. */
  residual(k: number, i: number): number {
    return (this.set.y[i] === k ? 1 : 0) - this.probability(k, i);
  }

  /** p_ik = e_ik / s_i. */
  probability(k: number, i: number): number {
    return this.expEta[k * this.set.n + i] / this.expSum[i];
  }

  /** η_k = b0_k + Zβ_k for class k, then e_k and s (s_i −= old e_ik, += new e_ik, as glmnet's sxp). */
  refreshClassPredictor(k: number): void {
    this.computeClassPredictor(k);
    this.refreshClassExp(k);
  }

  /**
   * η_k += Δb0 + Σ_j Δβ_jk z_j over the features whose coefficient moved since `betaBefore` (class k's β then) —
   * `features[0 … count)` must hold every feature that moved — then e_k and s: the work of the coefficients that
   * changed, not of all the nonzero ones (refreshClassPredictor's).
   */
  moveClassPredictor(
    k: number,
    interceptChange: number,
    features: Int32Array,
    count: number,
    betaBefore: Float64Array,
  ): void {
    const { n, p } = this.set;
    const eta = this.eta;
    const offset = k * n;
    if (interceptChange !== 0) for (let i = 0; i < n; i++) eta[offset + i] += interceptChange;
    let moved = 0;
    for (let l = 0; l < count; l++) {
      const j = features[l];
      const change = this.beta[k * p + j] - betaBefore[j];
      if (change === 0) continue;
      this.movedFeatures[moved] = j;
      this.movedChanges[moved++] = change;
    }
    this.columns.addScaledColumns(offset, this.movedFeatures, this.movedChanges, moved);
    this.refreshClassExp(k);
  }

  /** e_k = exp(η_k) (clamped) and s_i −= old e_ik, += new e_ik. */
  private refreshClassExp(k: number): void {
    const n = this.set.n;
    const { eta, expEta, expSum } = this;
    for (let i = 0; i < n; i++) {
      const updated = Math.exp(Math.min(Math.max(eta[k * n + i], -ETA_CLAMP), ETA_CLAMP));
      expSum[i] += updated - expEta[k * n + i];
      expEta[k * n + i] = updated;
    }
  }

  /** η, e, s and p from the current b0 and β. */
  refreshPredictors(): void {
    const n = this.set.n;
    for (let k = 0; k < this.classes; k++) {
      this.computeClassPredictor(k);
      for (let i = 0; i < n; i++) {
        this.expEta[k * n + i] = Math.exp(Math.min(Math.max(this.eta[k * n + i], -ETA_CLAMP), ETA_CLAMP));
      }
    }
    this.refreshSums();
  }

  /**
   * η_ik += shift_i for every class (a centring of b0 or of a feature's coefficients across classes): p does not
   * change; e and s are scaled by exp(shift_i).
   */
  shiftRows(shift: Float64Array): void {
    const n = this.set.n;
    for (let i = 0; i < n; i++) {
      const d = shift[i];
      if (d === 0) continue;
      const factor = Math.exp(d);
      for (let k = 0; k < this.classes; k++) {
        this.eta[k * n + i] += d;
        this.expEta[k * n + i] *= factor;
      }
      this.expSum[i] *= factor;
    }
  }

  private computeClassPredictor(k: number): void {
    const { n, p, z } = this.set;
    const eta = this.eta;
    const offset = k * n;
    eta.fill(this.intercepts[k], offset, offset + n);
    for (let j = 0; j < p; j++) {
      const b = this.beta[k * p + j];
      if (b === 0) continue;
      for (let i = 0; i < n; i++) eta[offset + i] += b * z[j * n + i];
    }
  }

  /** s_i = Σ_k e_ik, summed afresh (no drift from the incremental updates). */
  private refreshSums(): void {
    const n = this.set.n;
    const { expEta, expSum } = this;
    expSum.fill(0);
    for (let k = 0; k < this.classes; k++) for (let i = 0; i < n; i++) expSum[i] += expEta[k * n + i];
  }

  /**
   * gradient[k·p + j] = ⟨z_j, y_k − p_k⟩ / n for every non-constant feature, or, with `skip`, for those it does not
   * mark (the path's eligible features: they stay eligible, and only the others' scores are read — KKT checks and
   * strong rules — so theirs would be computed for nothing).
   */
  refreshGradient(skip?: Uint8Array): void {
    const { n, p, z, isConstant } = this.set;
    const residual = this.gradientResidual;
    for (let k = 0; k < this.classes; k++) {
      for (let i = 0; i < n; i++) residual[i] = this.residual(k, i) / n;
      for (let j = 0; j < p; j++) {
        if (skip?.[j]) continue;
        this.gradient[k * p + j] = isConstant[j] ? 0 : dot(z, j * n, residual, 0, n);
      }
    }
  }

  /** −(1/n) Σ log p(y_i | x_i) at the current η. */
  dataLoss(): number {
    return multinomialLogLoss(this.eta, this.set.y, this.set.n, this.classes);
  }
}
