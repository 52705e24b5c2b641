import type { DesignMatrix } from './types';

/**
 * η_i = b0 + Σ_j x_ij β_j for each of `rows`, on the original feature scale, written to out[0 .. rows.length).
 * Column by column, skipping zero coefficients, so a sparse lasso fit costs O(n · nonzeros).
 */
export function linearPredictor(
  x: DesignMatrix,
  rows: Int32Array,
  intercept: number,
  coefficients: Float64Array,
  out: Float64Array,
): void {
  const n = rows.length;
  out.fill(intercept, 0, n);
  const values = x.values;
  for (let j = 0; j < x.cols; j++) {
    const beta = coefficients[j];
    if (beta === 0) continue;
    const offset = j * x.rows;
    for (let i = 0; i < n; i++) out[i] += values[offset + rows[i]] * beta;
  }
}
