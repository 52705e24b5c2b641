import { prepareTrainingSet, type TrainingSet } from '../data/training-set';
import { GdSolver } from '../solver/gd';
import { leastSquaresPath, rowsNormalEquations } from '../solver/least-squares';
import type { Dataset, GdSolverConfig, Model, PathSpec, PointFit } from '../types';
import { throwIfAborted } from './abort';
import { chooseRoute } from '../route';
import { cdPath, type CdPathOptions } from './cd-path';
import { gramPath, type PathWorkspace } from './gram-path';
import { largestInnerProduct, type LambdasOf } from './lambda-grid';
import { effectiveL1Ratio } from './penalty';
import { toPointFit } from './point-fit';

export interface FitPathOptions extends CdPathOptions {
  /** Rows scoring the gd learning curve (validation loss per epoch); ignored by cd. */
  readonly validationRows?: Int32Array;
  /**
   * What a penalized linear cd path is fitted from; by default chooseRoute's pathSource, and the rows whenever
   * `gaussianUpdates` names the updates (tests compare the routes).
   */
  readonly source?: 'crossProducts' | 'rows';
  /** Memory kept from path to path on the cross-products route (gram-path.ts); a fresh one per path when absent. */
  readonly workspace?: PathWorkspace;
}

/**
 * Fits one model/penalty at every λ of `spec.lambdas` (decreasing) on `trainRows`, with warm starts along the
 * path. Standardization uses the training rows only. Coefficients come back on the original scale.
 * Throws an Error named 'AbortError' between λ points once `options.signal.aborted` is true.
 */
export function fitPath(
  data: Dataset,
  trainRows: Int32Array,
  spec: PathSpec,
  options: FitPathOptions = {},
): PointFit[] {
  const lambdas = pathLambdas(spec);
  throwIfAborted(options.signal);
  const l1Ratio = effectiveL1Ratio(spec.penalty);
  if (spec.solver.kind === 'cd' && pathSource(data, trainRows, spec, options) === 'crossProducts') {
    return gramPath(data, trainRows, l1Ratio, lambdas, spec.standardize, spec.solver, options, options.workspace);
  }
  const set = prepareTrainingSet(data, trainRows, spec.standardize);
  if (spec.solver.kind === 'gd') {
    return gdPath(set, spec.model, l1Ratio, lambdas, spec.solver, data, options.validationRows, options.signal);
  }
  if (spec.model === 'linear' && spec.penalty.kind === 'none') {
    const ols = leastSquaresPath(rowsNormalEquations(set), lambdas, options.signal);
    if (ols) return ols;
    // Singular (p ≥ n or collinear columns): coordinate descent at λ = 0.
  }
  return cdPath(set, spec.model, l1Ratio, lambdas, spec.solver, options);
}

/**
 * fitPath at λ values that depend on λ_max (`lambdasOf`: lambdaGrid's auto grid, fitOne's warm start), as
 * `regsweep fit` and the bench's single path run it. On the cross-products route the largest inner product comes from
 * the path's own cross products, so the grid costs no pass over x of its own (largestInnerProduct's was ~0.9 ms of a
 * ~8 ms path at 5000×100, docs/benchmarks.md); elsewhere from largestInnerProduct. The λ values are each fit's λ.
 */
export function fitGridPath(
  data: Dataset,
  trainRows: Int32Array,
  spec: Omit<PathSpec, 'lambdas'>,
  lambdasOf: LambdasOf,
  options: FitPathOptions = {},
): PointFit[] {
  const checked: LambdasOf = (innerProduct) => pathLambdas({ ...spec, lambdas: lambdasOf(innerProduct) });
  if (spec.solver.kind === 'cd' && pathSource(data, trainRows, spec, options) === 'crossProducts') {
    throwIfAborted(options.signal);
    const l1Ratio = effectiveL1Ratio(spec.penalty);
    return gramPath(data, trainRows, l1Ratio, checked, spec.standardize, spec.solver, options, options.workspace);
  }
  const lambdas = checked(() => largestInnerProduct(data, trainRows, spec.standardize));
  return fitPath(data, trainRows, { ...spec, lambdas }, options);
}

/** chooseRoute's pathSource for this path, unless the options name a source or the rows' gaussian updates. */
function pathSource(
  data: Dataset,
  trainRows: Int32Array,
  spec: Omit<PathSpec, 'lambdas'>,
  options: FitPathOptions,
): 'crossProducts' | 'rows' {
  if (spec.model !== 'linear' || spec.penalty.kind === 'none') return 'rows';
  if (options.source) return options.source;
  if (options.gaussianUpdates) return 'rows';
  const shape = { rows: data.x.rows, features: data.x.cols };
  return chooseRoute(shape, { model: spec.model, solver: 'cd', trainRows: trainRows.length }).pathSource;
}

/** The λ values a path is fitted at (zeros for penalty `none`); throws unless finite, ≥ 0 and decreasing. */
export function pathLambdas(spec: PathSpec): Float64Array {
  const lambdas = spec.penalty.kind === 'none' ? new Float64Array(spec.lambdas.length) : spec.lambdas;
  for (let k = 0; k < lambdas.length; k++) {
    if (!(lambdas[k] >= 0) || !Number.isFinite(lambdas[k]))
      throw new RangeError(`λ must be finite and ≥ 0, got ${lambdas[k]}`);
    if (k > 0 && lambdas[k] > lambdas[k - 1]) throw new RangeError('the λ values of a path must be decreasing');
  }
  return lambdas;
}

function gdPath(
  set: TrainingSet,
  model: Model,
  l1Ratio: number,
  lambdas: Float64Array,
  config: GdSolverConfig,
  data: Dataset,
  validationRows: Int32Array = new Int32Array(0),
  signal?: { readonly aborted: boolean },
): PointFit[] {
  const solver = new GdSolver(set, model, l1Ratio, config, data, validationRows, signal);
  const fits: PointFit[] = [];
  for (const lambda of lambdas) {
    throwIfAborted(signal);
    fits.push(toPointFit(set, solver.solve(lambda)));
  }
  return fits;
}
