/**
 * What a fold's scores need from cross products S = AᵀA (cross-products.ts), without its rows: the residual sum of
 * squares of a fit as a quadratic form in S, and the response's moments.
 */
import type { CrossProducts } from './cross-products';

/** Scratch space for residualSquares: indices and weights of v (length ≥ p + 2 each). */
export interface QuadraticScratch {
  readonly indices: Int32Array;
  readonly weights: Float64Array;
}

export function quadraticScratch(p: number): QuadraticScratch {
  return { indices: new Int32Array(p + 2), weights: new Float64Array(p + 2) };
}

/**
 * Σ_i (y_i − b0 − x_iᵀβ)² over the rows of S, as the quadratic form vᵀSv with v = (−β, 1, −a) and
 * a = b0 + cᵀβ − c_y (so that y − b0 − xᵀβ = ỹ − x̃ᵀβ − a). Only the nonzero β enter: O(nonzeros²).
 */
export function residualSquares(
  s: CrossProducts,
  centre: Float64Array,
  responseCentre: number,
  intercept: number,
  coefficients: Float64Array,
  scratch: QuadraticScratch,
): number {
  const q = s.size;
  const p = q - 2;
  const S = s.values;
  const { indices, weights } = scratch;
  let count = 0;
  let shift = intercept - responseCentre;
  for (let j = 0; j < p; j++) {
    if (coefficients[j] === 0) continue;
    indices[count] = j;
    weights[count++] = -coefficients[j];
    shift += centre[j] * coefficients[j];
  }
  indices[count] = p;
  weights[count++] = 1;
  indices[count] = p + 1;
  weights[count++] = -shift;
  // vᵀSv = Σ_l w_l (S_ll w_l + 2 Σ_{m<l} S_lm w_m)
  let total = 0;
  for (let l = 0; l < count; l++) {
    const row = indices[l] * q;
    let inner = 0;
    for (let m = 0; m < l; m++) inner += S[row + indices[m]] * weights[m];
    total += weights[l] * (2 * inner + S[row + indices[l]] * weights[l]);
  }
  return Math.max(total, 0);
}

/** The rows' count, Σ ỹ and Σ ỹ² (for r2's total sum of squares). */
export function responseMoments(s: CrossProducts): { count: number; sum: number; squares: number } {
  const q = s.size;
  const p = q - 2;
  return { count: s.values[(p + 1) * q + p + 1], sum: s.values[(p + 1) * q + p], squares: s.values[p * q + p] };
}
