/**
 * The SPEC objective on the standardized coordinates of a TrainingSet, and its gradient:
 *     F(b0, β) = (1/n) Σ ℓ(η_i, y_i) + λ·[ r‖β‖₁ + (1−r)/2 ‖β‖₂² ],   η = b0 + Zβ,
 * ℓ = ½(y − η)² (linear) or log(1 + e^η) − yη (logistic). The gradient is
 *     ∂F/∂b0 = (1/n) Σ ℓ'(η_i),   ∂F/∂β_j = (1/n) ⟨z_j, ℓ'(η)⟩ + λ(1−r)β_j + λr·sign(β_j)
 * (the L1 part differentiable only away from β_j = 0, where sign(0) is taken as 0).
 * Used by gd and by the tests that check gradients against finite differences.
 */
import type { TrainingSet } from './data/training-set';
import { familyOf, type Family } from './family/family';
import { penaltyValue } from './path/penalty';
import { dot } from './solver/soft-threshold';
import type { Model } from './types';

export interface ObjectiveTerms {
  readonly model: Model;
  readonly lambda: number;
  readonly l1Ratio: number;
}

/** η = b0 + Zβ on the standardized scale, written to `eta` (length n). */
export function standardizedPredictor(
  set: TrainingSet,
  intercept: number,
  beta: Float64Array,
  eta: Float64Array,
): void {
  const { n, p, z } = set;
  eta.fill(intercept, 0, n);
  for (let j = 0; j < p; j++) {
    const b = beta[j];
    if (b === 0 || set.isConstant[j]) continue;
    const offset = j * n;
    for (let i = 0; i < n; i++) eta[i] += b * z[offset + i];
  }
}

/** (1/n) Σ loss(η_i, y_i). */
export function meanLoss(
  loss: (eta: number, y: number) => number,
  eta: Float64Array,
  y: Float64Array,
  n: number,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += loss(eta[i], y[i]);
  return n > 0 ? total / n : 0;
}

/**
 * Data-term gradient at η: out[0] = (1/n) Σ ℓ'(η_i), out[1 + j] = (1/n) ⟨z_j, ℓ'(η)⟩. `derivative` is scratch (length n).
 */
export function dataTermGradient(
  set: TrainingSet,
  family: Family,
  eta: Float64Array,
  derivative: Float64Array,
  out: Float64Array,
): void {
  const { n, p, z, y } = set;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    derivative[i] = family.derivative(eta[i], y[i]);
    sum += derivative[i];
  }
  out[0] = n > 0 ? sum / n : 0;
  for (let j = 0; j < p; j++) out[1 + j] = set.isConstant[j] || n === 0 ? 0 : dot(z, j * n, derivative, 0, n) / n;
}

export function objectiveValue(set: TrainingSet, terms: ObjectiveTerms, intercept: number, beta: Float64Array): number {
  const eta = new Float64Array(set.n);
  standardizedPredictor(set, intercept, beta, eta);
  return meanLoss(familyOf(terms.model).loss, eta, set.y, set.n) + penaltyValue(beta, terms.lambda, terms.l1Ratio);
}

/** Writes ∂F/∂b0 to out[0] and ∂F/∂β_j to out[1 + j] (out has length p + 1). */
export function objectiveGradient(
  set: TrainingSet,
  terms: ObjectiveTerms,
  intercept: number,
  beta: Float64Array,
  out: Float64Array,
): void {
  const eta = new Float64Array(set.n);
  standardizedPredictor(set, intercept, beta, eta);
  dataTermGradient(set, familyOf(terms.model), eta, new Float64Array(set.n), out);
  const { lambda, l1Ratio } = terms;
  for (let j = 0; j < set.p; j++) {
    out[1 + j] += lambda * (1 - l1Ratio) * beta[j] + lambda * l1Ratio * Math.sign(beta[j]);
  }
}
