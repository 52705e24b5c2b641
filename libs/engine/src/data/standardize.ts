import type { DesignMatrix } from '../types';

/**
 * A column whose sd is below this fraction of |mean| is treated as constant: its sd is rounding noise
 * (e.g. a column of 0.1s has a computed sd near 1e-17), and dividing by it would blow the column up.
 */
export const CONSTANT_RELATIVE_SD = 1e-12;

export interface Scaling {
  /** Column means over the given rows (the intercept is unpenalized, so x is always centred). */
  readonly means: Float64Array;
  /** Population sd (1/n) over the rows when standardizing, else 1; 0 marks a constant column. */
  readonly scales: Float64Array;
}

/** Means and scales of each column of `x` over `rows`. A constant column gets scale 0 and never enters the model. */
export function computeScaling(x: DesignMatrix, rows: Int32Array, standardize: boolean): Scaling {
  const n = rows.length;
  const p = x.cols;
  const means = new Float64Array(p);
  const scales = new Float64Array(p);
  const column = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const offset = j * x.rows;
    for (let i = 0; i < n; i++) column[i] = x.values[offset + rows[i]];
    const { mean, scale } = columnScaling(column, 0, n, standardize);
    means[j] = mean;
    scales[j] = scale;
  }
  return { means, scales };
}

/**
 * Mean and scale of values[offset, offset + n): mean = Σx/n; sd = sqrt(Σ(x − mean)²/n) (two passes, for
 * accuracy); scale = sd when standardizing, else 1; 0 when the column is constant.
 */
export function columnScaling(
  values: Float64Array,
  offset: number,
  n: number,
  standardize: boolean,
): { mean: number; scale: number } {
  if (n === 0) return { mean: 0, scale: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[offset + i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[offset + i] - mean;
    squares += d * d;
  }
  const sd = Math.sqrt(squares / n);
  const constant = !(sd > CONSTANT_RELATIVE_SD * Math.abs(mean));
  return { mean, scale: constant ? 0 : standardize ? sd : 1 };
}
