/**
 * The multinomial λ path, driven as glmnet drives it (path/cd-path.ts for the other families): λ decreasing, warm
 * starts, the sequential strong rule on each feature's score (max_k |g_jk| ungrouped, ‖g_j·‖₂ grouped)
 *     discard j at λ if score_j(λ_prev) < r·(2λ − λ_prev),
 * and the solver's KKT check of what was discarded. Coefficients come back on the original scale with the
 * intercepts centred to sum to zero.
 */
import { prepareTrainingSet, type TrainingSet } from '../data/training-set';
import { throwIfAborted } from '../path/abort';
import { pathLambdas } from '../path/fit-path';
import { effectiveL1Ratio } from '../path/penalty';
import type { CdOutcome } from '../solver/cd-solver';
import { UngroupedMultinomialSolver } from './cd-multinomial';
import { GroupedMultinomialSolver } from './cd-multinomial-grouped';
import { multinomialPenalty } from './multinomial-objective';
import type { MultinomialCdSolver } from './multinomial-solver';
import type { MultinomialDataset, MultinomialPathSpec, MultinomialPointFit } from './types';

export interface MultinomialPathOptions {
  readonly signal?: { readonly aborted: boolean };
  /** false: every feature eligible from the start (tests compare both). */
  readonly screening?: boolean;
}

export function fitMultinomialPath(
  data: MultinomialDataset,
  trainRows: Int32Array,
  spec: MultinomialPathSpec,
  options: MultinomialPathOptions = {},
): MultinomialPointFit[] {
  // pathLambdas reads only the penalty and the λ values (zeros for `none`; throws unless finite, ≥ 0, decreasing).
  const lambdas = pathLambdas({ ...spec, model: 'logistic' });
  throwIfAborted(options.signal);
  const set = prepareTrainingSet(data, trainRows, spec.standardize);
  const l1Ratio = effectiveL1Ratio(spec.penalty);
  const classes = data.classes.length;
  const tolerance = spec.solver.tolerance;
  const solver: MultinomialCdSolver = spec.grouped
    ? new GroupedMultinomialSolver(set, classes, l1Ratio, tolerance)
    : new UngroupedMultinomialSolver(set, classes, l1Ratio, tolerance);
  const missing = solver.state.missingClasses;
  if (missing.length > 0) {
    const names = missing.map((k) => `"${data.classes[k]}"`).join(', ');
    const reason = `the training rows hold no row of class ${names}: its intercept would be −∞, the fit does not exist`;
    return Array.from(lambdas, (lambda) => failedFit(set, classes, lambda, reason));
  }

  const eligible = new Uint8Array(set.p);
  const screening = options.screening ?? true;
  // λ at which β = 0 is optimal: max_j score_j / r. A λ within rounding of it is the null model, as in cd-path.ts.
  let previousLambda = Infinity;
  let zeroLambda = 0;
  if (l1Ratio > 0) {
    for (let j = 0; j < set.p; j++) zeroLambda = Math.max(zeroLambda, solver.featureScore(j) / l1Ratio);
    previousLambda = zeroLambda;
  }
  const fits: MultinomialPointFit[] = [];
  for (const lambda of lambdas) {
    throwIfAborted(options.signal);
    if (l1Ratio > 0 && zeroLambda > 0 && lambda >= zeroLambda * (1 - 1e-12)) {
      fits.push(toMultinomialPointFit(set, solver, lambda, l1Ratio, spec.grouped, { passes: 0, converged: true }));
      continue;
    }
    const strongThreshold = screening && l1Ratio > 0 ? l1Ratio * (2 * lambda - previousLambda) : -Infinity;
    for (let j = 0; j < set.p; j++) {
      if (set.isConstant[j] || eligible[j]) continue;
      if (solver.featureScore(j) >= strongThreshold) eligible[j] = 1;
    }
    const outcome = solver.solve(lambda, eligible, spec.solver.maxIterations);
    fits.push(toMultinomialPointFit(set, solver, lambda, l1Ratio, spec.grouped, outcome));
    previousLambda = lambda;
  }
  return fits;
}

/**
 * Standardized (b0_k, β_jk) to the original scale: β_jk/s_j and b0_k − Σ_j m_j β_jk/s_j, then the intercepts
 * centred to sum to zero (glmnet's reported a0). Non-finite numbers make the point `diverged`.
 */
export function toMultinomialPointFit(
  set: TrainingSet,
  solver: MultinomialCdSolver,
  lambda: number,
  l1Ratio: number,
  grouped: boolean,
  outcome: CdOutcome,
): MultinomialPointFit {
  const { p, means, scales, isConstant } = set;
  const { classes, intercepts: standardIntercepts, beta } = solver.state;
  const coefficients = new Float64Array(classes * p);
  const intercepts = new Float64Array(classes);
  for (let k = 0; k < classes; k++) {
    let intercept = standardIntercepts[k];
    for (let j = 0; j < p; j++) {
      const b = beta[k * p + j];
      const value = isConstant[j] || b === 0 ? 0 : b / scales[j];
      coefficients[k * p + j] = value;
      intercept -= value * means[j];
    }
    intercepts[k] = intercept;
  }
  let sum = 0;
  for (let k = 0; k < classes; k++) sum += intercepts[k];
  for (let k = 0; k < classes; k++) intercepts[k] -= sum / classes;
  let nonzeros = 0;
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < classes; k++) {
      if (coefficients[k * p + j] !== 0) {
        nonzeros++;
        break;
      }
    }
  }
  const objective = solver.state.dataLoss() + multinomialPenalty(beta, classes, p, lambda, l1Ratio, grouped);
  const finite = Number.isFinite(objective) && intercepts.every(Number.isFinite) && coefficients.every(Number.isFinite);
  const status = !finite ? 'diverged' : outcome.converged ? 'ok' : 'not_converged';
  const reason = !finite ? (outcome.reason ?? 'the fit produced a non-finite number') : outcome.reason;
  return {
    lambda,
    intercepts,
    coefficients,
    nonzeros,
    objective,
    iterations: outcome.passes,
    converged: status === 'ok',
    status,
    ...(status !== 'ok' && reason !== undefined ? { reason } : {}),
  };
}

function failedFit(set: TrainingSet, classes: number, lambda: number, reason: string): MultinomialPointFit {
  return {
    lambda,
    intercepts: new Float64Array(classes).fill(NaN),
    coefficients: new Float64Array(classes * set.p).fill(NaN),
    nonzeros: 0,
    objective: NaN,
    iterations: 0,
    converged: false,
    status: 'diverged',
    reason,
  };
}
