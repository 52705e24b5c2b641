import { columnScaling } from '../data/standardize';
import type { Dataset, DesignMatrix, LambdaGridSpec, Model, Penalty } from '../types';
import { largestInnerProduct } from './largest-inner-product';
import { effectiveL1Ratio } from './penalty';

export { largestInnerProduct };

/** glmnet's floor on r in λ_max, so that ridge (r = 0) still gets a finite grid. */
const L1_RATIO_FLOOR = 1e-3;

/**
 * The smallest λ at which every coefficient is zero:
 *     λ_max = max_j |⟨z_j, y − ȳ⟩| / (n · max(r, 1e-3)),
 * z_j the standardized (or only centred) column j over `rows`. The same formula serves logistic (y ∈ {0, 1}),
 * as glmnet's lognet computes it from the null-model residual y − ȳ. The model does not change the formula.
 */
export function lambdaMax(
  data: Dataset,
  rows: Int32Array,
  _model: Model,
  l1Ratio: number,
  standardize: boolean,
): number {
  if (rows.length === 0) return 0;
  return lambdaMaxOf(largestInnerProduct(data, rows, standardize), rows.length, l1Ratio);
}

/**
 * λ values that depend on the largest inner product max_j |⟨z_j, y − ȳ⟩| over the training rows (lambdaGrid's auto
 * grid, fitOne's warm start), given as a function of it so that a path can supply it from its own cross products
 * (fitGridPath) rather than a pass over x; `largestInnerProduct` is called at most once, and only when needed.
 */
export type LambdasOf = (largestInnerProduct: () => number) => Float64Array;

/** λ_max from the largest inner product max_j |⟨z_j, residual⟩| (or its grouped norm) over n rows and the penalty's ratio r. */
export function lambdaMaxOf(innerProduct: number, n: number, l1Ratio: number): number {
  return innerProduct / (n * Math.max(l1Ratio, L1_RATIO_FLOOR));
}

/**
 * Calls `visit` for each column j of x that is not constant over `rows`, with `column` holding x_ij for i in rows
 * (one buffer reused for every column) and the column's centre m_j and scale s_j (columnScaling; s_j = 1 when not
 * standardizing), so z_ij = (x_ij − m_j) / s_j. A constant column has z_j = 0 and no say in λ_max.
 */
export function forEachScaledColumn(
  x: DesignMatrix,
  rows: Int32Array,
  standardize: boolean,
  visit: (column: Float64Array, mean: number, scale: number) => void,
): void {
  const n = rows.length;
  const column = new Float64Array(n);
  for (let j = 0; j < x.cols; j++) {
    const offset = j * x.rows;
    for (let i = 0; i < n; i++) column[i] = x.values[offset + rows[i]];
    const { mean, scale } = columnScaling(column, 0, n, standardize);
    if (scale !== 0) visit(column, mean, scale);
  }
}

/** numpy.linspace(start, stop, count): start + i·step with step = (stop − start)/(count − 1), the last value exactly stop. */
export function linspace(start: number, stop: number, count: number): Float64Array {
  const out = new Float64Array(count);
  if (count === 0) return out;
  out[0] = start;
  if (count === 1) return out;
  const step = (stop - start) / (count - 1);
  for (let i = 1; i < count; i++) out[i] = i * step + start;
  out[count - 1] = stop;
  return out;
}

/** exp(linspace(log a, log b, count)): log-spaced values from a to b, as numpy (and cvref.py) compute them. */
export function logspace(from: number, to: number, count: number): Float64Array {
  const out = linspace(Math.log(from), Math.log(to), count);
  for (let i = 0; i < count; i++) out[i] = Math.exp(out[i]);
  return out;
}

/**
 * The decreasing λ grid of one penalty curve (SPEC §1): auto = `count` log-spaced values from λ_max down to
 * λ_max·minRatio (minRatio 1e-4 when n > p, else 1e-2); range = log or linear spacing from max down to min;
 * values = sorted decreasing without duplicates. Penalty `none` has the single λ 0.
 * When λ_max is 0 (constant response or only constant columns) every λ gives the null model: the grid is [0].
 * `innerProduct`: largestInnerProduct(data, rows, standardize), when the caller keeps it for several penalties.
 */
export function lambdaGrid(
  spec: LambdaGridSpec,
  data: Dataset,
  rows: Int32Array,
  _model: Model,
  penalty: Penalty,
  standardize: boolean,
  innerProduct: () => number = () => largestInnerProduct(data, rows, standardize),
): Float64Array {
  if (penalty.kind === 'none') return Float64Array.of(0);
  if ('values' in spec) {
    const sorted = [...new Set(spec.values)].sort((a, b) => b - a);
    return Float64Array.from(sorted);
  }
  if ('range' in spec) {
    const { min, max, count, scale } = spec.range;
    return scale === 'log' ? logspace(max, min, count) : linspace(max, min, count);
  }
  const count = spec.auto.count ?? 100;
  const largest = lambdaMaxOf(innerProduct(), rows.length, effectiveL1Ratio(penalty));
  if (!(largest > 0) || !Number.isFinite(largest)) return Float64Array.of(0);
  const minRatio = spec.auto.minRatio ?? (rows.length > data.x.cols ? 1e-4 : 1e-2);
  return logspace(largest, largest * minRatio, count);
}
