/**
 * A penalized linear cd path from the training rows' cross products (chooseRoute's pathSource 'crossProducts': n > p,
 * p ≤ MAX_GRAM_FEATURES). The cross products AᵀA of A = [x − c, y − c_y, 1] are summed block by block over
 * cache-resident rows (cross-products.ts), c the training rows' own means, so no n×p standardized copy of the rows is
 * made; gramTrainingSet turns them into the Gram entries, response covariances and scaling the covariance solver
 * needs, equal to those of prepareTrainingSet up to rounding. The path loop is runCdPath's, as from the rows.
 */
import { crossProducts, datasetCentre } from '../data/cross-products';
import { isEveryRow } from '../data/every-row';
import { gramTrainingSet, type GramTrainingSet } from '../data/gram-training-set';
import type { CrossProductsWorkspace } from '../data/cross-products';
import { GaussianCovarianceSolver, type CovarianceWorkspace } from '../solver/cd-gaussian-covariance';
import { covarianceInputFromGram } from '../solver/covariance-input';
import type { CdSolverConfig, Dataset, PointFit } from '../types';
import { runCdPath, type CdPathOptions } from './cd-path';
import type { LambdasOf } from './lambda-grid';

/**
 * Memory a caller that fits path after path keeps from one to the next (cv/gram-fold.ts's FoldWorkspace is one): the
 * cross products' kernel, whose WebAssembly memory is then grown once for the shape rather than made afresh and
 * first touched by every path, and the solver's Gram columns. Without one, each path makes its own.
 */
export interface PathWorkspace {
  readonly crossProducts: CrossProductsWorkspace;
  readonly solver: CovarianceWorkspace;
}

export function gramPath(
  data: Dataset,
  trainRows: Int32Array,
  l1Ratio: number,
  lambdas: Float64Array | LambdasOf,
  standardize: boolean,
  config: CdSolverConfig,
  options: CdPathOptions = {},
  workspace?: PathWorkspace,
): PointFit[] {
  const everyRow = isEveryRow(trainRows, data.x.rows);
  const { centre, responseCentre } = everyRow ? datasetCentre(data) : rowsCentre(data, trainRows);
  const rows = everyRow ? null : trainRows;
  const products = crossProducts(data, rows, centre, responseCentre, undefined, workspace?.crossProducts);
  const set = gramTrainingSet(products, centre, responseCentre, standardize);
  // glmnet's convergence threshold, tolerance × ‖y − ȳ‖²/n, as createCdSolver sets it from the rows.
  const threshold = config.tolerance * (set.responseSquares || 1);
  const solver = new GaussianCovarianceSolver(covarianceInputFromGram(set), l1Ratio, threshold, workspace?.solver);
  const values = typeof lambdas === 'function' ? lambdas(() => gramLargestInnerProduct(set)) : lambdas;
  return runCdPath(solver, set, l1Ratio, values, config, options);
}

/**
 * largestInnerProduct from the cross products: max_j |⟨z_j, y − ȳ⟩| = m·max_j |r_j|, r_j = C_jy/(m·s_j) (0 for a
 * constant column), the same quantity summed in another order, so equal up to rounding.
 */
function gramLargestInnerProduct(set: GramTrainingSet): number {
  let largest = 0;
  for (let j = 0; j < set.p; j++) largest = Math.max(largest, Math.abs(set.responseCovariance[j]));
  return set.n * largest;
}

/** The feature and response means over `rows`. */
function rowsCentre(data: Dataset, rows: Int32Array): { centre: Float64Array; responseCentre: number } {
  const { rows: n, cols: p, values: x } = data.x;
  const count = rows.length;
  const centre = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += x[j * n + rows[i]];
    centre[j] = count > 0 ? sum / count : 0;
  }
  let ySum = 0;
  for (let i = 0; i < count; i++) ySum += data.y[rows[i]];
  return { centre, responseCentre: count > 0 ? ySum / count : 0 };
}
