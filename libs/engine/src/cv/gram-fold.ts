/**
 * The fast route for a linear fold (lasso, ridge or elastic net by covariance updates; unpenalized by Cholesky): the
 * fold's training Gram matrix is the whole dataset's cross products (computed once per thread) minus those of the
 * rows the fold does not train on, so a fold costs O(n_validation·p²) instead of a gather, a standardization and
 * O(n_train·p²). mse and r2 need no predictions either: on the training rows from the data term the solver keeps, on
 * the validation rows as a quadratic form in their cross products, O(nonzeros²) per λ rather than O(rows·nonzeros)
 * (by predictions where that is less: fits with more nonzeros than validation rows).
 *
 * It also serves p ≥ n, up to p = 2n: there the naive updates (O(n) per coordinate visit) cost more than the
 * covariance updates (O(active set) per coordinate change) plus the fold's share of the cross products. On
 * 1000×1000, 10 folds of 900 rows: 0.36 s per fold naive against 0.13 s from cross products (same passes). Beyond
 * p = 2n the n·p² cross products outweigh the solve, and the fold keeps the naive updates (glmnet's advice for p ≫ n).
 */
import {
  crossProducts,
  datasetCrossProducts,
  residualSquares,
  responseMoments,
  quadraticScratch,
  subtractCrossProducts,
  type CrossProducts,
  type DatasetCrossProducts,
} from '../data/cross-products';
import { gramTrainingSet, type GramTrainingSet } from '../data/gram-training-set';
import { runCdPath } from '../path/cd-path';
import { effectiveL1Ratio } from '../path/penalty';
import { unpenalizedFits } from '../path/point-fit';
import {
  covarianceInputFromGram,
  CovarianceWorkspace,
  GaussianCovarianceSolver,
} from '../solver/cd-gaussian-covariance';
import { gramLeastSquares } from '../solver/least-squares';
import type { Dataset, FoldRows, MetricName, PathSpec, PointFit } from '../types';
import { ValidationBlock } from './validation-block';

/** Beyond this many features the p×p matrices (8·p² bytes each, a few per fold) cost more memory than they save. */
export const MAX_GRAM_FEATURES = 2000;

export interface GramFold {
  readonly fits: PointFit[];
  /** Fit j's data term (1/2n)‖y − b0 − Xβ‖² on the training rows, as the solver left it: half the training mse. */
  readonly trainLosses: Float64Array;
  readonly full: DatasetCrossProducts;
  /** Per-thread memory: valid until the next fold fitted on this thread. */
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
 * The training rows' cross products (a − b − c of the whole dataset's) go into memory kept per thread: a fresh
 * (p+2)² array per fold cost page faults that two threads at once pay far more slowly than one (cross-products.ts).
 * So GramFold.train is valid until the next fold fitted on the same thread.
 */
let trainValues = new Float64Array(0);
/** The same for the solver's Gram columns (CovarianceWorkspace). */
const solverWorkspace = new CovarianceWorkspace();

function trainScratch(size: number): Float64Array {
  if (trainValues.length !== size * size) trainValues = new Float64Array(size * size);
  return trainValues;
}

/** Whether a fold takes the cross-products route: linear cd, p ≤ 2·n_train and p ≤ MAX_GRAM_FEATURES. */
export function gramFoldApplies(data: Dataset, fold: FoldRows, spec: PathSpec): boolean {
  return (
    spec.model === 'linear' &&
    spec.solver.kind === 'cd' &&
    2 * fold.trainRows.length >= data.x.cols &&
    data.x.cols <= MAX_GRAM_FEATURES
  );
}

/**
 * Fits the fold's path from cross products (`given` ones, else computed here: the whole dataset's once per thread,
 * the rest per fold); null when its training and validation rows overlap (never in a plan).
 */
export function fitGramFold(
  data: Dataset,
  fold: FoldRows,
  spec: PathSpec,
  lambdas: Float64Array,
  signal?: { readonly aborted: boolean },
  given?: FoldCrossProducts,
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
      subtractCrossProducts(full, validation, others, trainScratch(full.size)),
      validation,
      spec,
      lambdas,
      signal,
    );
  }
  const full = datasetCrossProducts(data);
  const { centre, responseCentre } = full;
  const validation = validationRows.length > 0 ? crossProducts(data, validationRows, centre, responseCentre) : null;
  let train: CrossProducts;
  if (2 * trainRows.length < n) {
    // Most rows are left out: summing the training rows directly is cheaper and avoids cancellation.
    train = crossProducts(data, trainRows, centre, responseCentre);
  } else {
    const others = rowsWithRole(role, 0);
    const rest = others.length > 0 ? crossProducts(data, others, centre, responseCentre) : undefined;
    train = subtractCrossProducts(full, validation, rest ?? null, trainScratch(full.size));
  }
  return fitFromCrossProducts(full, train, validation, spec, lambdas, signal);
}

function fitFromCrossProducts(
  full: DatasetCrossProducts,
  train: CrossProducts,
  validation: CrossProducts | null,
  spec: PathSpec,
  lambdas: Float64Array,
  signal?: { readonly aborted: boolean },
): GramFold | null {
  if (spec.solver.kind !== 'cd') return null;
  const set = gramTrainingSet(train, full.centre, full.responseCentre, spec.standardize);
  const trainLosses = new Float64Array(lambdas.length);
  if (spec.penalty.kind === 'none') {
    const fits = leastSquaresPath(set, lambdas, trainLosses, signal);
    if (fits) return { fits, trainLosses, full, train, validation };
    // Singular (p ≥ n or collinear columns): coordinate descent at λ = 0, as fitPath does from the rows.
  }
  const l1Ratio = effectiveL1Ratio(spec.penalty);
  const threshold = spec.solver.tolerance * (set.responseSquares || 1);
  const solver = new GaussianCovarianceSolver(covarianceInputFromGram(set), l1Ratio, threshold, solverWorkspace);
  const fits = runCdPath(solver, set, l1Ratio, lambdas, spec.solver, { signal, dataLosses: trainLosses });
  return { fits, trainLosses, full, train, validation };
}

/**
 * Penalty `none` from the cross products: the normal equations G β = r by Cholesky (O(p³/3), no pass over the rows)
 * at every (zero) λ of the path; null when G is singular. Data term (1/2n)‖y − ȳ − Zβ‖² = ½(‖y − ȳ‖²/n − 2βᵀr + βᵀGβ).
 */
function leastSquaresPath(
  set: GramTrainingSet,
  lambdas: Float64Array,
  dataLosses: Float64Array,
  signal?: { readonly aborted: boolean },
): PointFit[] | null {
  const beta = gramLeastSquares(set);
  if (!beta) return null;
  let quadratic = 0;
  let linear = 0;
  for (let j = 0; j < set.p; j++) {
    if (beta[j] === 0) continue;
    linear += beta[j] * set.responseCovariance[j];
    let row = 0;
    for (let k = 0; k < set.p; k++) if (beta[k] !== 0) row += set.gramEntry(j, k) * beta[k];
    quadratic += beta[j] * row;
  }
  const dataLoss = 0.5 * Math.max(set.responseSquares - 2 * linear + quadratic, 0);
  dataLosses.fill(dataLoss);
  return unpenalizedFits(set, lambdas, { intercept: set.yMean, beta, dataLoss }, signal);
}

/** A fold's mse or r2 scores from its sums, without predictions. */
export interface GramScorer {
  /** On the training rows, fit j: from the data term the solver keeps (mse = 2·loss), no pass over any sums. */
  train(j: number): number;
  /**
   * On the validation rows (NaN without them): SSE as the quadratic form vᵀS_v v of the validation sums,
   * O(nonzeros²), while the fit has no more nonzeros than there are validation rows; past that by predictions from
   * the rows (validation-block.ts), O(rows·nonzeros). (The training rows' form read two p×p matrices per λ; at
   * p = 1000 that traffic was what two threads fought over.)
   */
  validation(fit: PointFit): number;
}

/**
 * The scorer of a fold fitted from cross products, `validationRows` of `data` being the rows of its validation sums;
 * null for metrics that need predictions (mae, logistic ones).
 */
export function gramScorer(
  metric: MetricName,
  gram: GramFold,
  data: Dataset,
  validationRows: Int32Array,
): GramScorer | null {
  if (metric !== 'mse' && metric !== 'r2') return null;
  const { centre, responseCentre } = gram.full;
  const scratch = quadraticScratch(centre.length);
  let block: ValidationBlock | undefined; // built the first time a fit has more nonzeros than validation rows
  // mean squared residual → the metric; r2 = 1 − SSE/SST, SST = Σ(y − ȳ)² = Σỹ² − (Σỹ)²/m from the rows' sums,
  // a constant target scoring as in metrics.ts.
  const score = ({ count, sum, squares }: ReturnType<typeof responseMoments>, mse: number): number => {
    if (metric === 'mse') return mse;
    const sst = Math.max(squares - (sum * sum) / count, 0) / count;
    if (sst === 0) return mse === 0 ? 1 : 0;
    return 1 - mse / sst;
  };
  const train = responseMoments(gram.train);
  const validation = gram.validation ? responseMoments(gram.validation) : null;
  return {
    train: (j) => (train.count > 0 ? score(train, 2 * gram.trainLosses[j]) : NaN),
    validation: (fit) => {
      const s = gram.validation;
      if (!s || !validation || !(validation.count > 0)) return NaN;
      const sse =
        fit.nonzeros > validationRows.length
          ? (block ??= new ValidationBlock(data, validationRows)).residualSquares(fit.intercept, fit.coefficients)
          : residualSquares(s, centre, responseCentre, fit.intercept, fit.coefficients, scratch);
      return score(validation, sse / validation.count);
    },
  };
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
