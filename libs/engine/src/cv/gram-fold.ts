/**
 * The fast route for a linear fold (lasso, ridge or elastic net by covariance updates; unpenalized by Cholesky): the
 * fold's training Gram matrix is the whole dataset's cross products (computed once per thread) minus those of the
 * rows the fold does not train on, so a fold costs O(n_validation·p²) instead of a gather, a standardization and
 * O(n_train·p²). mse and r2 need no predictions either: on the training rows from the data term the solver keeps, on
 * the validation rows as a quadratic form in their cross products, O(nonzeros²) per λ rather than O(rows·nonzeros)
 * (by predictions where that is less: fits with more nonzeros than validation rows).
 *
 * It also serves p ≥ n, up to p = 2n: there the naive updates (O(n) per coordinate visit) cost more than the
 * covariance updates (O(active set) per coordinate change) plus the fold's share of the cross products (figures in
 * docs/benchmarks.md). Which folds take this route is chooseRoute's decision (route.ts).
 */
import {
  crossProducts,
  CrossProductsWorkspace,
  subtractCrossProducts,
  type CrossProducts,
  type DatasetCrossProducts,
} from '../data/cross-products';
import { responseMoments } from '../data/cross-products-forms';
import { MlpWorkspaces } from '../mlp/workspaces';
import { datasetCrossProducts } from '../data/dataset-cross-products';
import { gramTrainingSet } from '../data/gram-training-set';
import { runCdPath } from '../path/cd-path';
import { effectiveL1Ratio } from '../path/penalty';
import { chooseRoute } from '../route';
import { CovarianceWorkspace, GaussianCovarianceSolver } from '../solver/cd-gaussian-covariance';
import { covarianceInputFromGram } from '../solver/covariance-input';
import { gramNormalEquations, leastSquaresPath } from '../solver/least-squares';
import type { Dataset, FoldRows, PathSpec, PointFit } from '../types';

export interface GramFold {
  readonly fits: PointFit[];
  /** Fit j's data term (1/2n)‖y − b0 − Xβ‖² on the training rows, as the solver left it: half the training mse. */
  readonly trainLosses: Float64Array;
  readonly full: DatasetCrossProducts;
  /** The workspace's memory: valid until the next fold fitted with the same FoldWorkspace. */
  readonly train: CrossProducts;
  /** Null when the fold has no validation rows. */
  readonly validation: CrossProducts | null;
}

/**
 * Cross products a caller computed already (the server's runner sums them once per sweep, spread over its threads):
 * the whole dataset's, the fold's validation rows' and those of the rows in neither of its sets (e.g. test rows;
 * null when there are none). Each must be centred at `full.centre`.
 */
export interface FoldCrossProducts {
  readonly full: DatasetCrossProducts;
  readonly validation: CrossProducts | null;
  readonly others: CrossProducts | null;
}

/**
 * Memory a caller keeps from fold to fold (a worker thread keeps one for its life; every fold gets a fresh one when
 * none is given): the training rows' cross products (a − b − c of the whole dataset's, (p+2)² float64), the solver's
 * Gram columns, the cross products' scratch and whole-data sums, and the MLP's training workspaces. A fresh multi-MB array per fold costs page
 * faults that two threads at once pay far more slowly than one (docs/benchmarks.md). So GramFold.train is valid
 * until the next fold fitted with the same workspace.
 */
export class FoldWorkspace {
  /** An MLP fold task's training workspaces (mlp/workspaces.ts). */
  readonly mlp = new MlpWorkspaces();
  readonly crossProducts = new CrossProductsWorkspace();
  readonly solver = new CovarianceWorkspace();
  private trainValues = new Float64Array(0);

  /** (p+2)² float64 for a fold's training cross products (contents left over). */
  trainScratch(size: number): Float64Array {
    if (this.trainValues.length !== size * size) this.trainValues = new Float64Array(size * size);
    return this.trainValues;
  }
}

/** Whether a fold takes the cross-products route (chooseRoute: linear cd, p ≤ 2·n_train, p ≤ MAX_GRAM_FEATURES). */
export function gramFoldApplies(data: Dataset, fold: FoldRows, spec: PathSpec): boolean {
  return foldRoute(data, fold, spec).crossProducts;
}

function foldRoute(data: Dataset, fold: FoldRows, spec: PathSpec) {
  return chooseRoute(
    { rows: data.x.rows, features: data.x.cols },
    { model: spec.model, solver: spec.solver.kind, trainRows: fold.trainRows.length },
  );
}

/**
 * Fits the fold's path from cross products (`given` ones, else computed here: the whole dataset's once per
 * workspace, the rest per fold); null when its training and validation rows overlap (never in a plan).
 */
export function fitGramFold(
  data: Dataset,
  fold: FoldRows,
  spec: PathSpec,
  lambdas: Float64Array,
  signal?: { readonly aborted: boolean },
  given?: FoldCrossProducts,
  workspace: FoldWorkspace = new FoldWorkspace(),
): GramFold | null {
  if (spec.solver.kind !== 'cd') return null;
  const n = data.x.rows;
  const { trainRows, validationRows } = fold;
  const role = new Uint8Array(n); // 1 train, 2 validation, 0 neither (e.g. test rows)
  for (let i = 0; i < trainRows.length; i++) role[trainRows[i]] = 1;
  for (let i = 0; i < validationRows.length; i++) {
    if (role[validationRows[i]] !== 0) return null;
    role[validationRows[i]] = 2;
  }
  if (given && givenMatches(given, role, validationRows.length)) {
    const { full, validation, others } = given;
    return fitFromCrossProducts(
      full,
      subtractCrossProducts(full, validation, others, workspace.trainScratch(full.size)),
      validation,
      spec,
      lambdas,
      signal,
      workspace,
    );
  }
  const sums = workspace.crossProducts;
  const full = datasetCrossProducts(data, sums);
  const { centre, responseCentre } = full;
  const rowsProducts = (rows: Int32Array) => crossProducts(data, rows, centre, responseCentre, undefined, sums);
  const validation = validationRows.length > 0 ? rowsProducts(validationRows) : null;
  let train: CrossProducts;
  if (foldRoute(data, fold, spec).trainSums === 'direct') {
    // Most rows are left out: summing the training rows directly is cheaper and avoids cancellation.
    train = rowsProducts(trainRows);
  } else {
    const others = rowsWithRole(role, 0);
    const rest = others.length > 0 ? rowsProducts(others) : null;
    train = subtractCrossProducts(full, validation, rest, workspace.trainScratch(full.size));
  }
  return fitFromCrossProducts(full, train, validation, spec, lambdas, signal, workspace);
}

function fitFromCrossProducts(
  full: DatasetCrossProducts,
  train: CrossProducts,
  validation: CrossProducts | null,
  spec: PathSpec,
  lambdas: Float64Array,
  signal: { readonly aborted: boolean } | undefined,
  workspace: FoldWorkspace,
): GramFold | null {
  if (spec.solver.kind !== 'cd') return null;
  const set = gramTrainingSet(train, full.centre, full.responseCentre, spec.standardize);
  const trainLosses = new Float64Array(lambdas.length);
  if (spec.penalty.kind === 'none') {
    const fits = leastSquaresPath(gramNormalEquations(set), lambdas, signal, trainLosses);
    if (fits) return { fits, trainLosses, full, train, validation };
    // Singular (p ≥ n or collinear columns): coordinate descent at λ = 0, as fitPath does from the rows.
  }
  const l1Ratio = effectiveL1Ratio(spec.penalty);
  const threshold = spec.solver.tolerance * (set.responseSquares || 1);
  const solver = new GaussianCovarianceSolver(covarianceInputFromGram(set), l1Ratio, threshold, workspace.solver);
  const fits = runCdPath(solver, set, l1Ratio, lambdas, spec.solver, { signal, dataLosses: trainLosses });
  return { fits, trainLosses, full, train, validation };
}

/**
 * A cheap guard against products of the wrong rows: the row counts they carry (the constant column's square) must be
 * the fold's validation size and its count of rows in neither set.
 */
function givenMatches(given: FoldCrossProducts, role: Uint8Array, validationCount: number): boolean {
  let othersCount = 0;
  for (let i = 0; i < role.length; i++) if (role[i] === 0) othersCount++;
  const count = (s: CrossProducts | null) => (s ? responseMoments(s).count : 0);
  return (
    given.full.size === given.full.centre.length + 2 &&
    count(given.full) === role.length &&
    count(given.validation) === validationCount &&
    count(given.others) === othersCount
  );
}

function rowsWithRole(role: Uint8Array, wanted: number): Int32Array {
  let count = 0;
  for (let i = 0; i < role.length; i++) if (role[i] === wanted) count++;
  const rows = new Int32Array(count);
  for (let i = 0, c = 0; i < role.length; i++) if (role[i] === wanted) rows[c++] = i;
  return rows;
}
