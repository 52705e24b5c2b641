/**
 * Every choice of how the engine fits, in one place: which decision depends on which sizes, and why. The numbers
 * behind the thresholds are in docs/benchmarks.md; the results are the same on every route up to rounding (the
 * tests compare them), only the cost differs.
 *
 * Sweep level (from the dataset's shape alone, before any fit):
 *   - shared sums: the server sums the cross products AᵀA of every row block once per sweep on its pool
 *     (apps/server/src/runner/sweep-cross-products.ts) instead of every thread summing all n rows itself;
 *   - engine warm-up: a worker thread runs a small synthetic sweep before its first task, so V8 has optimized the
 *     engine (apps/server/src/runner/engine-warm-up.ts).
 *   Both pay off only when the cross products are large, n·(p+2)² ≥ LARGE_DATA_MULTIPLY_ADDS; below that a task sums
 *   what it needs in a few ms, and the optimizing compiles cost more than they save.
 *
 * Fold level (from the model, the solver and the fold's sizes):
 *   - the cross-products route (cv/gram-fold.ts): linear cd with p ≤ 2·n_train and p ≤ MAX_GRAM_FEATURES; the fold's
 *     Gram matrix is the dataset's cross products minus those of the rows it leaves out. Beyond p = 2·n_train the
 *     n·p² cross products outweigh the solve (glmnet's advice for p ≫ n: naive updates), beyond MAX_GRAM_FEATURES the
 *     p×p matrices cost more memory than they save;
 *   - on that route, the training sums: summed directly from the training rows when they are fewer than half the
 *     dataset (cheaper, and no cancellation), else the dataset's sums minus the rest;
 *   - off that route, the gaussian coordinate-descent updates: covariance when n_train > p, else naive (glmnet's
 *     type.gaussian default).
 *
 * Path level (fitPath: `regsweep fit`, a path on given rows):
 *   - penalized linear cd with n_train > p and p ≤ MAX_GRAM_FEATURES is fitted from the training rows' cross products
 *     (path/gram-path.ts), summed block by block in cache, rather than from an n×p standardized copy of the rows whose
 *     Gram columns are computed as variables enter: each entering variable streams the whole copy from memory, and
 *     along a lasso path with n > p nearly every variable enters, so the same n·p²/2 multiply-adds are paid either
 *     way, the copy's at memory speed (profile in docs/benchmarks.md).
 */
import type { Model, SolverConfig } from './types';

/** n·(p+2)² multiply-adds of the dataset's cross products from which a sweep shares its sums and warms the engine. */
export const LARGE_DATA_MULTIPLY_ADDS = 1e7;

/** Beyond this many features the p×p matrices (8·p² bytes each, a few per fold) cost more memory than they save. */
export const MAX_GRAM_FEATURES = 2000;

/** The dataset's shape: rows n and features p. */
export interface DataShape {
  readonly rows: number;
  readonly features: number;
}

/** One fold's fit: the model, the solver and the number of training rows n_train. */
export interface FitShape {
  readonly model: Model;
  readonly solver: SolverConfig['kind'];
  readonly trainRows: number;
}

export interface SweepRoute {
  /** Sum every row block's cross products once per sweep and hand them to the fold tasks. */
  readonly shareCrossProducts: boolean;
  /** Warm a worker thread's engine up before its first task. */
  readonly warmUpEngine: boolean;
}

export interface FoldRoute extends SweepRoute {
  /** Fit the fold from cross products (cv/gram-fold.ts) rather than from its rows (path/fit-path.ts). */
  readonly crossProducts: boolean;
  /** On the cross-products route: sum the training rows directly, or subtract the other rows from the dataset's. */
  readonly trainSums: 'direct' | 'subtract';
  /** Gaussian cd updates when fitting from the rows. */
  readonly gaussianUpdates: 'covariance' | 'naive';
  /** What fitPath fits a penalized linear cd path from: the training rows' cross products, or the rows. */
  readonly pathSource: 'crossProducts' | 'rows';
}

export function chooseRoute(data: DataShape): SweepRoute;
export function chooseRoute(data: DataShape, fit: FitShape): FoldRoute;
export function chooseRoute(data: DataShape, fit?: FitShape): SweepRoute | FoldRoute {
  const { rows: n, features: p } = data;
  const large = n * (p + 2) ** 2 >= LARGE_DATA_MULTIPLY_ADDS;
  const sweep: SweepRoute = { shareCrossProducts: large, warmUpEngine: large };
  if (!fit) return sweep;
  const crossProducts =
    fit.model === 'linear' && fit.solver === 'cd' && 2 * fit.trainRows >= p && p <= MAX_GRAM_FEATURES;
  const gaussianUpdates = fit.trainRows > p ? 'covariance' : 'naive';
  return {
    ...sweep,
    crossProducts,
    trainSums: 2 * fit.trainRows < n ? 'direct' : 'subtract',
    gaussianUpdates,
    pathSource: crossProducts && gaussianUpdates === 'covariance' ? 'crossProducts' : 'rows',
  };
}
