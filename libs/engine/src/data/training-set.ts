import type { Dataset } from '../types';
import { columnScaling } from './standardize';

/**
 * The training rows of a dataset gathered once into a contiguous column-major buffer, each column centred
 * and (when standardizing) divided by its sd: z_ij = (x_ij − m_j) / s_j. Every solver works on z; a constant
 * column is all zeros in z and is never eligible. One allocation per path, reused by every λ.
 */
export interface TrainingSet {
  readonly n: number;
  readonly p: number;
  /** n×p column-major standardized (or only centred) training columns. */
  readonly z: Float64Array;
  /** The response on the training rows (not centred). */
  readonly y: Float64Array;
  readonly means: Float64Array;
  /** 0 for a constant column. */
  readonly scales: Float64Array;
  /** 1 for a constant column: its coefficient is exactly 0. */
  readonly isConstant: Uint8Array;
  /** v_j = ⟨z_j, z_j⟩ / n: 1 for standardized columns, the variance when only centring, 0 when constant. */
  readonly variances: Float64Array;
}

export function prepareTrainingSet(data: Dataset, rows: Int32Array, standardize: boolean): TrainingSet {
  const n = rows.length;
  const p = data.x.cols;
  const z = new Float64Array(n * p);
  const means = new Float64Array(p);
  const scales = new Float64Array(p);
  const isConstant = new Uint8Array(p);
  const variances = new Float64Array(p);
  const values = data.x.values;
  for (let j = 0; j < p; j++) {
    // Gather column j's training rows, then centre and scale it in place (same arithmetic as computeScaling).
    const source = j * data.x.rows;
    const target = j * n;
    for (let i = 0; i < n; i++) z[target + i] = values[source + rows[i]];
    const { mean, scale } = columnScaling(z, target, n, standardize);
    means[j] = mean;
    scales[j] = scale;
    if (scale === 0) {
      isConstant[j] = 1;
      z.fill(0, target, target + n);
      continue;
    }
    const inverseScale = 1 / scale;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const value = (z[target + i] - mean) * inverseScale;
      z[target + i] = value;
      squares += value * value;
    }
    variances[j] = squares / n;
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = data.y[rows[i]];
  return { n, p, z, y, means, scales, isConstant, variances };
}

/**
 * Maps standardized-scale coefficients to the original feature scale: β_j = β̃_j / s_j and
 * b0 = b̃0 − Σ_j β_j·m_j. Writes β into `coefficients` and returns the intercept.
 */
export function toOriginalScale(
  set: Pick<TrainingSet, 'p' | 'means' | 'scales' | 'isConstant'>,
  standardIntercept: number,
  beta: Float64Array,
  coefficients: Float64Array,
): number {
  let intercept = standardIntercept;
  for (let j = 0; j < set.p; j++) {
    const value = set.isConstant[j] || beta[j] === 0 ? 0 : beta[j] / set.scales[j];
    coefficients[j] = value;
    intercept -= value * set.means[j];
  }
  return intercept;
}

/** Mean of the training response. */
export function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length > 0 ? sum / values.length : 0;
}
