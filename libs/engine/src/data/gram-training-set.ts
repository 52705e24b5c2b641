/**
 * A fold's training rows described by their cross products only (no n×p copy of the data): what the covariance
 * solver needs when n > p. From S = AᵀA over the training rows (see cross-products.ts), with m rows,
 * μ̃ = (Σx̃)/m, μ̃_y = (Σỹ)/m:
 *     C_jk = S_jk − m·μ̃_j·μ̃_k                 centred cross products
 *     mean_j = c_j + μ̃_j,  sd_j = √(C_jj/m),  scale_j = sd_j (standardizing) or 1, 0 when constant
 *     G_jk = C_jk / (m·s_j·s_k)                 the Gram matrix ⟨z_j, z_k⟩/m of the standardized columns
 *     r_j  = C_jy / (m·s_j)                     ⟨z_j, y − ȳ⟩/m
 * These equal what prepareTrainingSet computes from the gathered columns, up to rounding.
 */
import type { CrossProducts } from './cross-products';
import { CONSTANT_RELATIVE_SD } from './standardize';

export interface GramTrainingSet {
  readonly n: number;
  readonly p: number;
  readonly means: Float64Array;
  /** 0 for a constant column. */
  readonly scales: Float64Array;
  readonly isConstant: Uint8Array;
  /** v_j = G_jj. */
  readonly variances: Float64Array;
  /**
   * G_jk (0 for constant features), computed from the cross products when asked: the solver reads only the columns
   * of the variables that enter, and a full p×p G was an 8 MB allocation and pass per fold at p = 1000.
   */
  readonly gramEntry: (j: number, k: number) => number;
  readonly yMean: number;
  /** r_j = ⟨z_j, y − ȳ⟩/n. */
  readonly responseCovariance: Float64Array;
  /** ‖y − ȳ‖²/n. */
  readonly responseSquares: number;
}

export function gramTrainingSet(
  train: CrossProducts,
  centre: Float64Array,
  responseCentre: number,
  standardize: boolean,
): GramTrainingSet {
  const q = train.size;
  const p = q - 2;
  const S = train.values;
  const ones = (p + 1) * q;
  const m = S[ones + p + 1];
  const shift = new Float64Array(p + 1); // μ̃_j, and μ̃_y at index p
  for (let j = 0; j <= p; j++) shift[j] = S[ones + j] / m;
  const centred = (j: number, k: number): number => S[j * q + k] - m * shift[j] * shift[k];

  const means = new Float64Array(p);
  const scales = new Float64Array(p);
  const isConstant = new Uint8Array(p);
  for (let j = 0; j < p; j++) {
    means[j] = centre[j] + shift[j];
    const sd = Math.sqrt(Math.max(centred(j, j), 0) / m);
    const constant = !(sd > CONSTANT_RELATIVE_SD * Math.abs(means[j]));
    isConstant[j] = constant ? 1 : 0;
    scales[j] = constant ? 0 : standardize ? sd : 1;
  }
  const inverses = new Float64Array(p); // 1/(m·s_k)
  const variances = new Float64Array(p);
  const responseCovariance = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    if (isConstant[k]) continue;
    inverses[k] = 1 / (m * scales[k]);
    variances[k] = (centred(k, k) * inverses[k]) / scales[k];
    responseCovariance[k] = centred(k, p) * inverses[k];
  }
  // S is symmetric: row k (contiguous) rather than column k.
  const gramEntry = (j: number, k: number): number =>
    isConstant[j] || isConstant[k] ? 0 : ((S[k * q + j] - m * shift[j] * shift[k]) * inverses[k]) / scales[j];
  return {
    n: m,
    p,
    means,
    scales,
    isConstant,
    variances,
    gramEntry,
    yMean: responseCentre + shift[p],
    responseCovariance,
    responseSquares: Math.max(centred(p, p), 0) / m,
  };
}
