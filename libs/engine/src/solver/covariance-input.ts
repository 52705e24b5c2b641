import type { GramTrainingSet } from '../data/gram-training-set';
import { meanOf, type TrainingSet } from '../data/training-set';
import { dot } from './soft-threshold';

/**
 * What the covariance updates need to know about the training rows: the response's mean and covariances with the
 * standardized columns, and a way to get Gram columns G_jk = ⟨z_j, z_k⟩/n. Two sources: the gathered columns z
 * (inner products on demand, computed only for variables that enter), or a precomputed p×p Gram matrix.
 */
export interface CovarianceInput {
  readonly p: number;
  readonly isConstant: Uint8Array;
  readonly variances: Float64Array;
  readonly yMean: number;
  /** ⟨z_j, y − ȳ⟩/n. */
  readonly responseCovariance: Float64Array;
  /** ‖y − ȳ‖²/n. */
  readonly responseSquares: number;
  /** Writes G_jk into out[offset + j] for each j in which[0 .. count). */
  gramEntries(k: number, which: Int32Array, count: number, out: Float64Array, offset: number): void;
}

/** Gram entries from the fold's cross products (GramTrainingSet: no copy of the rows, no p×p matrix). */
export function covarianceInputFromGram(set: GramTrainingSet): CovarianceInput {
  const { gramEntry } = set;
  return {
    ...set,
    gramEntries: (k, which, count, out, offset) => {
      for (let c = 0; c < count; c++) out[offset + which[c]] = gramEntry(which[c], k);
    },
  };
}

/** Gram entries as inner products of the gathered standardized columns, computed when a variable enters. */
export function covarianceInputFromTrainingSet(set: TrainingSet): CovarianceInput {
  const { n, p, z, y } = set;
  const yMean = meanOf(y);
  const centred = new Float64Array(n);
  let squares = 0;
  for (let i = 0; i < n; i++) {
    centred[i] = y[i] - yMean;
    squares += centred[i] * centred[i];
  }
  const responseCovariance = new Float64Array(p);
  for (let j = 0; j < p; j++) if (!set.isConstant[j]) responseCovariance[j] = dot(z, j * n, centred, 0, n) / n;
  return {
    p,
    isConstant: set.isConstant,
    variances: set.variances,
    yMean,
    responseCovariance,
    responseSquares: n > 0 ? squares / n : 0,
    gramEntries: (k, which, count, out, offset) => innerProducts(set, k, which, count, out, offset),
  };
}

/** out[offset + j] = ⟨z_j, z_k⟩/n for the listed j, four at a time so that z_k is read once per four columns. */
function innerProducts(
  set: TrainingSet,
  k: number,
  which: Int32Array,
  count: number,
  out: Float64Array,
  offset: number,
): void {
  const { n, z } = set;
  const offsetK = k * n;
  let c = 0;
  for (; c + 4 <= count; c += 4) {
    const j0 = which[c];
    const j1 = which[c + 1];
    const j2 = which[c + 2];
    const j3 = which[c + 3];
    const o0 = j0 * n;
    const o1 = j1 * n;
    const o2 = j2 * n;
    const o3 = j3 * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      const v = z[offsetK + i];
      s0 += z[o0 + i] * v;
      s1 += z[o1 + i] * v;
      s2 += z[o2 + i] * v;
      s3 += z[o3 + i] * v;
    }
    out[offset + j0] = s0 / n;
    out[offset + j1] = s1 / n;
    out[offset + j2] = s2 / n;
    out[offset + j3] = s3 / n;
  }
  for (; c < count; c++) out[offset + which[c]] = dot(z, which[c] * n, z, offsetK, n) / n;
}
