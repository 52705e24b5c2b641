import type { TrainingSet } from '../data/training-set';
import { meanOf } from '../data/training-set';
import { dot } from './soft-threshold';

/**
 * Ordinary least squares on the standardized scale, for penalty `none` with the linear model: solves the normal
 * equations (ZᵀZ/n) β = Zᵀ(y − ȳ)/n over the non-constant columns by Cholesky. Coordinate descent at λ = 0 would
 * converge only linearly at the rate set by the Gram matrix's conditioning (slow on collinear data such as diabetes).
 * Returns null when the Gram matrix is not numerically positive definite (p ≥ n, or exactly collinear columns).
 */
export function leastSquares(set: TrainingSet): Float64Array | null {
  const { n, p, z, y, isConstant } = set;
  const columns: number[] = [];
  for (let j = 0; j < p; j++) if (!isConstant[j]) columns.push(j);
  const m = columns.length;
  if (m >= n) return null;
  const yMean = meanOf(y);
  const centred = new Float64Array(n);
  for (let i = 0; i < n; i++) centred[i] = y[i] - yMean;
  // Lower triangle of G (row-major m×m) and right-hand side c.
  const gram = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    rhs[a] = dot(z, columns[a] * n, centred, 0, n) / n;
    for (let b = 0; b <= a; b++) gram[a * m + b] = dot(z, columns[a] * n, z, columns[b] * n, n) / n;
  }
  if (!choleskyInPlace(gram, m)) return null;
  // Forward then back substitution: L u = c, Lᵀ β = u.
  for (let a = 0; a < m; a++) {
    let s = rhs[a];
    for (let b = 0; b < a; b++) s -= gram[a * m + b] * rhs[b];
    rhs[a] = s / gram[a * m + a];
  }
  for (let a = m - 1; a >= 0; a--) {
    let s = rhs[a];
    for (let b = a + 1; b < m; b++) s -= gram[b * m + a] * rhs[b];
    rhs[a] = s / gram[a * m + a];
  }
  const beta = new Float64Array(p);
  for (let a = 0; a < m; a++) beta[columns[a]] = rhs[a];
  return beta;
}

/**
 * G = L Lᵀ in the lower triangle of a row-major m×m matrix. Fails (returns false) when a pivot is not clearly
 * positive relative to the diagonal, i.e. the Gram matrix is singular to working precision.
 */
function choleskyInPlace(a: Float64Array, m: number): boolean {
  for (let j = 0; j < m; j++) {
    let diagonal = a[j * m + j];
    const original = diagonal;
    for (let k = 0; k < j; k++) diagonal -= a[j * m + k] * a[j * m + k];
    if (!(diagonal > 1e-12 * original)) return false;
    const pivot = Math.sqrt(diagonal);
    a[j * m + j] = pivot;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j];
      for (let k = 0; k < j; k++) s -= a[i * m + k] * a[j * m + k];
      a[i * m + j] = s / pivot;
    }
  }
  return true;
}
