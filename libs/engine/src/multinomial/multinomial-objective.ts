/**
 * The multinomial objective on the standardized coordinates of a TrainingSet (y = class indices) and its gradient,
 *     F(b0, β) = −(1/n) Σ_i log p(y_i | x_i) + P(β),   η_ik = b0_k + z_iᵀβ_k,
 *     ∂F/∂b0_k = (1/n) Σ_i (p_ik − y_ik),   ∂F/∂β_jk = (1/n) ⟨z_j, p_k − y_k⟩ + ∂P/∂β_jk,
 * P ungrouped: λ Σ_k [r‖β_k‖₁ + (1−r)/2‖β_k‖²], ∂P/∂β_jk = λ(1−r)β_jk + λr·sign(β_jk);
 * P grouped:   λ Σ_j [r‖β_j·‖₂ + (1−r)/2‖β_j·‖²], ∂P/∂β_jk = λ(1−r)β_jk + λr·β_jk/‖β_j·‖₂ (0 when the group is 0).
 * Used by the tests (finite differences, KKT) and to report each fit's objective.
 */
import type { TrainingSet } from '../data/training-set';
import { multinomialLogLoss, softmaxInto } from './softmax';

export interface MultinomialTerms {
  readonly classes: number;
  readonly lambda: number;
  readonly l1Ratio: number;
  readonly grouped: boolean;
}

/** η (class-major, η[k·n + i]) from standardized b0 (length K) and β (class-major, length K·p). */
export function multinomialPredictor(
  set: TrainingSet,
  classes: number,
  intercepts: Float64Array,
  beta: Float64Array,
): Float64Array {
  const { n, p, z } = set;
  const eta = new Float64Array(classes * n);
  for (let k = 0; k < classes; k++) {
    eta.fill(intercepts[k], k * n, (k + 1) * n);
    for (let j = 0; j < p; j++) {
      const b = beta[k * p + j];
      if (b === 0) continue;
      for (let i = 0; i < n; i++) eta[k * n + i] += b * z[j * n + i];
    }
  }
  return eta;
}

export function multinomialPenalty(
  beta: Float64Array,
  classes: number,
  p: number,
  lambda: number,
  l1Ratio: number,
  grouped: boolean,
): number {
  if (lambda === 0) return 0;
  let l1 = 0;
  let squares = 0;
  for (let j = 0; j < p; j++) {
    let groupSquares = 0;
    for (let k = 0; k < classes; k++) {
      const b = beta[k * p + j];
      groupSquares += b * b;
      if (!grouped) l1 += Math.abs(b);
    }
    squares += groupSquares;
    if (grouped) l1 += Math.sqrt(groupSquares);
  }
  return lambda * (l1Ratio * l1 + ((1 - l1Ratio) / 2) * squares);
}

export function multinomialObjective(
  set: TrainingSet,
  terms: MultinomialTerms,
  intercepts: Float64Array,
  beta: Float64Array,
): number {
  const eta = multinomialPredictor(set, terms.classes, intercepts, beta);
  const loss = multinomialLogLoss(eta, set.y, set.n, terms.classes);
  return loss + multinomialPenalty(beta, terms.classes, set.p, terms.lambda, terms.l1Ratio, terms.grouped);
}

/** Writes ∂F/∂b0_k to out[k] and ∂F/∂β_jk to out[K + k·p + j] (out has length K·(p + 1)). */
export function multinomialGradient(
  set: TrainingSet,
  terms: MultinomialTerms,
  intercepts: Float64Array,
  beta: Float64Array,
  out: Float64Array,
): void {
  const { n, p, z, y } = set;
  const { classes, lambda, l1Ratio, grouped } = terms;
  const eta = multinomialPredictor(set, classes, intercepts, beta);
  const probabilities = new Float64Array(classes * n);
  softmaxInto(eta, n, classes, probabilities);
  for (let k = 0; k < classes; k++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += probabilities[k * n + i] - (y[i] === k ? 1 : 0);
    out[k] = sum / n;
    for (let j = 0; j < p; j++) {
      let inner = 0;
      for (let i = 0; i < n; i++) inner += z[j * n + i] * (probabilities[k * n + i] - (y[i] === k ? 1 : 0));
      out[classes + k * p + j] = inner / n;
    }
  }
  for (let j = 0; j < p; j++) {
    let groupNorm = 0;
    for (let k = 0; k < classes; k++) groupNorm += beta[k * p + j] ** 2;
    groupNorm = Math.sqrt(groupNorm);
    for (let k = 0; k < classes; k++) {
      const b = beta[k * p + j];
      const l1Part = grouped ? (groupNorm > 0 ? b / groupNorm : 0) : Math.sign(b);
      out[classes + k * p + j] += lambda * (1 - l1Ratio) * b + lambda * l1Ratio * l1Part;
    }
  }
}
