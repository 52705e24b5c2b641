/**
 * The multinomial family's vocabulary (SPEC §7 "Multiclass"): K classes, K intercepts and K coefficient vectors in
 * glmnet's symmetric parametrisation,
 *     p(y = k | x) = exp(η_k) / Σ_l exp(η_l),   η_k = b0_k + xᵀβ_k,
 *     minimise −(1/n) Σ_i log p(y_i | x_i) + λ·Σ_k [ r‖β_k‖₁ + (1−r)/2 ‖β_k‖₂² ]         (ungrouped)
 *     minimise −(1/n) Σ_i log p(y_i | x_i) + λ·Σ_j [ r‖β_j·‖₂ + (1−r)/2 ‖β_j·‖₂² ]       (grouped: one group per feature)
 * The likelihood only sees differences between classes, so the intercepts are reported centred to sum to zero and
 * each feature's coefficients are centred as glmnet centres them (elastic-net-centre.ts).
 */
import type { CdSolverConfig, DesignMatrix, FitOutcome, Penalty } from '../types';

/** A design matrix and a class index per row (0 ≤ y_i < classes.length, stored as a number). */
export interface MultinomialDataset {
  readonly x: DesignMatrix;
  readonly y: Float64Array;
  /** Class labels in index order (glmnet's factor levels: sorted). */
  readonly classes: readonly string[];
  readonly key?: string;
}

export interface MultinomialPathSpec {
  readonly penalty: Penalty;
  /** Decreasing λ values. */
  readonly lambdas: Float64Array;
  readonly standardize: boolean;
  /** glmnet's type.multinomial = "grouped": one L1 (group) penalty per feature across the classes. */
  readonly grouped: boolean;
  readonly solver: CdSolverConfig;
}

/** The fit at one λ, on the original feature scale. */
export interface MultinomialPointFit extends FitOutcome {
  readonly lambda: number;
  /** One per class, summing to zero. */
  readonly intercepts: Float64Array;
  /** Class-major: class k's coefficients are coefficients[k·p, (k+1)·p). Exact zeros where the penalty removed them. */
  readonly coefficients: Float64Array;
}

export type MultinomialMetric = 'logloss' | 'accuracy' | 'f1';
