import type { GramTrainingSet } from '../data/gram-training-set';
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
  const { n, p, z, y } = set;
  const columns = nonConstantColumns(set);
  if (columns.length >= n) return null;
  const yMean = meanOf(y);
  const centred = new Float64Array(n);
  for (let i = 0; i < n; i++) centred[i] = y[i] - yMean;
  return solveNormalEquations(
    p,
    columns,
    (a, b) => dot(z, a * n, z, b * n, n) / n,
    (a) => dot(z, a * n, centred, 0, n) / n,
  );
}

/**
 * The same solution from a fold's cross products (gram-training-set.ts), which already hold G = ZᵀZ/n and
 * r = Zᵀ(y − ȳ)/n: O(p³/3) for the Cholesky instead of O(n·p²) for the Gram matrix from the rows.
 */
export function gramLeastSquares(set: GramTrainingSet): Float64Array | null {
  const columns = nonConstantColumns(set);
  if (columns.length >= set.n) return null;
  return solveNormalEquations(set.p, columns, set.gramEntry, (a) => set.responseCovariance[a]);
}

function nonConstantColumns(set: { p: number; isConstant: Uint8Array }): number[] {
  const columns: number[] = [];
  for (let j = 0; j < set.p; j++) if (!set.isConstant[j]) columns.push(j);
  return columns;
}

/**
 * β over `columns` solving G β = c, with G_ab = gram(columns[a], columns[b]) and c_a = rhs(columns[a]); the other
 * coefficients are 0. Null when G is singular to working precision.
 */
function solveNormalEquations(
  p: number,
  columns: readonly number[],
  gram: (j: number, k: number) => number,
  rhs: (j: number) => number,
): Float64Array | null {
  const m = columns.length;
  // Lower triangle of G (row-major m×m) and right-hand side c.
  const g = new Float64Array(m * m);
  const c = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    c[a] = rhs(columns[a]);
    for (let b = 0; b <= a; b++) g[a * m + b] = gram(columns[a], columns[b]);
  }
  if (!choleskyInPlace(g, m)) return null;
  // Forward then back substitution: L u = c, Lᵀ β = u.
  for (let a = 0; a < m; a++) {
    let s = c[a];
    for (let b = 0; b < a; b++) s -= g[a * m + b] * c[b];
    c[a] = s / g[a * m + a];
  }
  for (let a = m - 1; a >= 0; a--) {
    let s = c[a];
    for (let b = a + 1; b < m; b++) s -= g[b * m + a] * c[b];
    c[a] = s / g[a * m + a];
  }
  const beta = new Float64Array(p);
  for (let a = 0; a < m; a++) beta[columns[a]] = c[a];
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
