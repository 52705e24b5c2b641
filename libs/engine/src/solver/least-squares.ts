import type { GramTrainingSet } from '../data/gram-training-set';
import type { TrainingSet } from '../data/training-set';
import { meanOf } from '../data/training-set';
import { unpenalizedFits, type FeatureScaling } from '../path/point-fit';
import type { PointFit } from '../types';
import { dot } from './soft-threshold';

/**
 * Penalty `none` with the linear model, the one implementation for both routes: ordinary least squares on the
 * standardized scale, the normal equations G β = r with G = ZᵀZ/n and r = Zᵀ(y − ȳ)/n over the non-constant columns,
 * solved by Cholesky. Coordinate descent at λ = 0 would converge only linearly at the rate set by G's conditioning
 * (slow on collinear data such as diabetes). What differs between the routes is only where G, r and the data term
 * (1/2n)‖y − ȳ − Zβ‖² come from: the gathered columns (rowsNormalEquations) or a fold's cross products
 * (gramNormalEquations, O(p³/3) for the Cholesky instead of O(n·p²) for G from the rows).
 */
export interface NormalEquations extends FeatureScaling {
  readonly n: number;
  /** The intercept on the centred scale, ȳ. */
  readonly intercept: number;
  readonly gram: (j: number, k: number) => number;
  readonly rhs: (j: number) => number;
  /** (1/2n)‖y − ȳ − Zβ‖² at the solution β. */
  readonly dataLoss: (beta: Float64Array) => number;
}

/** The normal equations from the gathered, standardized training columns z (fit-path.ts). */
export function rowsNormalEquations(set: TrainingSet): NormalEquations {
  const { n, p, z, y } = set;
  const yMean = meanOf(y);
  const centred = new Float64Array(n);
  for (let i = 0; i < n; i++) centred[i] = y[i] - yMean;
  return {
    ...scalingOf(set),
    n,
    intercept: yMean,
    gram: (a, b) => dot(z, a * n, z, b * n, n) / n,
    rhs: (a) => dot(z, a * n, centred, 0, n) / n,
    // The residual y − ȳ − Zβ formed directly from the rows.
    dataLoss: (beta) => {
      const residual = Float64Array.from(centred);
      for (let j = 0; j < p; j++) {
        if (beta[j] === 0) continue;
        for (let i = 0; i < n; i++) residual[i] -= beta[j] * z[j * n + i];
      }
      let squares = 0;
      for (let i = 0; i < n; i++) squares += residual[i] * residual[i];
      return (0.5 * squares) / n;
    },
  };
}

/** The normal equations from a fold's cross products (gram-training-set.ts holds G and r already). */
export function gramNormalEquations(set: GramTrainingSet): NormalEquations {
  return {
    ...scalingOf(set),
    n: set.n,
    intercept: set.yMean,
    gram: set.gramEntry,
    rhs: (a) => set.responseCovariance[a],
    // Expanded: ½(‖y − ȳ‖²/n − 2βᵀr + βᵀGβ), over the nonzero β only.
    dataLoss: (beta) => {
      let quadratic = 0;
      let linear = 0;
      for (let j = 0; j < set.p; j++) {
        if (beta[j] === 0) continue;
        linear += beta[j] * set.responseCovariance[j];
        let row = 0;
        for (let k = 0; k < set.p; k++) if (beta[k] !== 0) row += set.gramEntry(j, k) * beta[k];
        quadratic += beta[j] * row;
      }
      return 0.5 * Math.max(set.responseSquares - 2 * linear + quadratic, 0);
    },
  };
}

/**
 * The least-squares solution β on the standardized scale; null when G is not numerically positive definite
 * (p ≥ n, or exactly collinear columns).
 */
export function leastSquares(equations: NormalEquations): Float64Array | null {
  const columns = nonConstantColumns(equations);
  if (columns.length >= equations.n) return null;
  return solveNormalEquations(equations.p, columns, equations.gram, equations.rhs);
}

/**
 * The unpenalized path: the one least-squares solution reported at every (zero) λ, its data term written into
 * `dataLosses` when given; null when G is singular (the caller then runs coordinate descent at λ = 0).
 */
export function leastSquaresPath(
  equations: NormalEquations,
  lambdas: Float64Array,
  signal?: { readonly aborted: boolean },
  dataLosses?: Float64Array,
): PointFit[] | null {
  const beta = leastSquares(equations);
  if (!beta) return null;
  const dataLoss = equations.dataLoss(beta);
  dataLosses?.fill(dataLoss);
  return unpenalizedFits(equations, lambdas, { intercept: equations.intercept, beta, dataLoss }, signal);
}

function scalingOf(set: FeatureScaling): FeatureScaling {
  return { p: set.p, means: set.means, scales: set.scales, isConstant: set.isConstant };
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
