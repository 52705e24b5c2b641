import type { TrainingSet } from '../data/training-set';
import { meanOf } from '../data/training-set';
import { responseVariance } from '../family/gaussian';
import { nullLogLoss } from '../family/binomial';
import { BinomialSolver } from '../solver/cd-binomial';
import { GaussianCovarianceSolver } from '../solver/cd-gaussian-covariance';
import { covarianceInputFromTrainingSet } from '../solver/covariance-input';
import { GaussianNaiveSolver } from '../solver/cd-gaussian-naive';
import type { CdSolver } from '../solver/cd-solver';
import { chooseRoute } from '../route';
import type { CdSolverConfig, Model, PointFit } from '../types';
import { throwIfAborted } from './abort';
import { toPointFit, type FeatureScaling } from './point-fit';

export interface CdPathOptions {
  readonly signal?: { readonly aborted: boolean };
  /** false: no sequential strong rule, every variable eligible from the start (tests compare both). */
  readonly screening?: boolean;
  /** Gaussian update variant; by default chooseRoute's (covariance when n > p, else naive: glmnet's advice). */
  readonly gaussianUpdates?: 'covariance' | 'naive';
  /**
   * Filled, point by point, with the data term of the objective as the solver keeps it (glmnet's dev): for the
   * gaussian family (1/2n)‖y − b0 − Xβ‖² on the training rows, so the training mse costs no pass over them.
   */
  readonly dataLosses?: Float64Array;
}

/**
 * The λ path by coordinate descent, as glmnet runs it: λ decreasing, each solve warm-started from the previous
 * solution, and the sequential strong rule choosing which variables the solver may touch:
 *     discard j at λ if |g_j(λ_prev)| < r·(2λ − λ_prev),
 * with g_j the gradient at the previous solution. The solver KKT-checks the discarded ones after convergence
 * and re-solves with any violators, so the rule saves work without changing the answer. The eligible set only
 * grows along the path (glmnet's ixx).
 */
export function cdPath(
  set: TrainingSet,
  model: Model,
  l1Ratio: number,
  lambdas: Float64Array,
  config: CdSolverConfig,
  options: CdPathOptions = {},
): PointFit[] {
  const solver = createCdSolver(set, model, l1Ratio, config.tolerance, options.gaussianUpdates);
  return runCdPath(solver, set, l1Ratio, lambdas, config, options);
}

/** The path loop of cdPath for a given solver; `scaling` maps its standardized coefficients back. */
export function runCdPath(
  solver: CdSolver,
  set: FeatureScaling,
  l1Ratio: number,
  lambdas: Float64Array,
  config: CdSolverConfig,
  options: CdPathOptions = {},
): PointFit[] {
  const eligible = new Uint8Array(set.p);
  const screening = options.screening ?? true;
  // λ_prev for the first point: the λ at which the warm start (β = 0) is optimal, max_j |g_j| / r.
  let previousLambda = Infinity;
  if (l1Ratio > 0) {
    previousLambda = 0;
    for (let j = 0; j < set.p; j++) previousLambda = Math.max(previousLambda, Math.abs(solver.gradient[j]) / l1Ratio);
  }
  // λ_max computed elsewhere (the grid, on differently summed standardized columns) can exceed this solver's own
  // max_j |g_j| / r by a few ulps; at such a λ the solution is β = 0 exactly, and a solve would let rounding admit
  // a 1e-16-sized coefficient. glmnet sidesteps this by fitting its first λ as the null model; so do we.
  const zeroLambda = previousLambda;
  const fits: PointFit[] = [];
  for (let index = 0; index < lambdas.length; index++) {
    const lambda = lambdas[index];
    throwIfAborted(options.signal);
    if (l1Ratio > 0 && zeroLambda > 0 && Math.abs(lambda - zeroLambda) <= NULL_MODEL_SLACK * zeroLambda) {
      if (options.dataLosses) options.dataLosses[index] = solver.dataLoss();
      fits.push(nullModelFit(solver, set, lambda, l1Ratio));
      continue;
    }
    // With r = 0 (ridge) nothing is ever zero, so every variable is eligible.
    const strongThreshold = screening && l1Ratio > 0 ? l1Ratio * (2 * lambda - previousLambda) : -Infinity;
    for (let j = 0; j < set.p; j++) {
      if (set.isConstant[j] || eligible[j]) continue;
      if (Math.abs(solver.gradient[j]) >= strongThreshold) eligible[j] = 1;
    }
    const outcome = solver.solve(lambda, eligible, config.maxIterations);
    const dataLoss = solver.dataLoss();
    if (options.dataLosses) options.dataLosses[index] = dataLoss;
    fits.push(
      toPointFit(set, {
        lambda,
        l1Ratio,
        intercept: solver.intercept(),
        beta: solver.beta,
        dataLoss,
        iterations: outcome.passes,
        converged: outcome.converged,
        reason: outcome.reason,
      }),
    );
    previousLambda = lambda;
  }
  return fits;
}

/** Relative distance from the solver's own λ_max within which λ is taken to be λ_max (rounding only). */
const NULL_MODEL_SLACK = 1e-12;

/** The fit at λ = λ_max: β = 0, the solver still at its null-model start. */
function nullModelFit(solver: CdSolver, set: FeatureScaling, lambda: number, l1Ratio: number): PointFit {
  return toPointFit(set, {
    lambda,
    l1Ratio,
    intercept: solver.intercept(),
    beta: solver.beta,
    dataLoss: solver.dataLoss(),
    iterations: 0,
    converged: true,
  });
}

/**
 * The solver for a model. The convergence threshold is glmnet's: tolerance × the null deviance scale
 * (var(y) for gaussian, since glmnet standardizes y; the null mean logloss for binomial, thresh·dev0).
 */
export function createCdSolver(
  set: TrainingSet,
  model: Model,
  l1Ratio: number,
  tolerance: number,
  gaussianUpdates?: 'covariance' | 'naive',
): CdSolver {
  const yMean = meanOf(set.y);
  if (model === 'logistic') return new BinomialSolver(set, l1Ratio, tolerance * nullLogLossOrOne(yMean));
  const threshold = tolerance * (responseVariance(set.y, yMean) || 1);
  const updates =
    gaussianUpdates ??
    chooseRoute({ rows: set.n, features: set.p }, { model, solver: 'cd', trainRows: set.n }).gaussianUpdates;
  return updates === 'covariance'
    ? new GaussianCovarianceSolver(covarianceInputFromTrainingSet(set), l1Ratio, threshold)
    : new GaussianNaiveSolver(set, l1Ratio, threshold);
}

function nullLogLossOrOne(yMean: number): number {
  return yMean > 0 && yMean < 1 ? nullLogLoss(yMean) : 1;
}
