import type { TrainingSet } from '../data/training-set';
import { toOriginalScale } from '../data/training-set';
import type { FitStatus, LearningCurve, PointFit } from '../types';
import { throwIfAborted } from './abort';
import { penaltyValue } from './penalty';

/** What maps standardized coefficients back to the original scale (a TrainingSet or a GramTrainingSet). */
export type FeatureScaling = Pick<TrainingSet, 'p' | 'means' | 'scales' | 'isConstant'>;

export interface SolvedPoint {
  readonly lambda: number;
  readonly l1Ratio: number;
  /** Standardized-scale intercept and coefficients. */
  readonly intercept: number;
  readonly beta: Float64Array;
  readonly dataLoss: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Set when the solve did not converge, or failed outright. */
  readonly reason?: string;
  /** true when the solver gave up for good (e.g. gd blew up) rather than running out of iterations. */
  readonly diverged?: boolean;
  readonly learningCurve?: LearningCurve;
}

/**
 * Reports a solved point on the original scale. A non-finite number anywhere turns the point into status
 * `diverged` with a reason, so a NaN never passes silently.
 */
export function toPointFit(set: FeatureScaling, point: SolvedPoint): PointFit {
  const coefficients = new Float64Array(set.p);
  const intercept = toOriginalScale(set, point.intercept, point.beta, coefficients);
  const objective = point.dataLoss + penaltyValue(point.beta, point.lambda, point.l1Ratio);
  let nonzeros = 0;
  let finite = Number.isFinite(intercept) && Number.isFinite(objective);
  for (let j = 0; j < set.p; j++) {
    if (coefficients[j] !== 0) nonzeros++;
    if (!Number.isFinite(coefficients[j])) finite = false;
  }
  let status: FitStatus = point.converged ? 'ok' : 'not_converged';
  let reason = point.converged ? undefined : point.reason;
  if (point.diverged) status = 'diverged';
  if (!finite) {
    status = 'diverged';
    reason = point.reason ?? 'the fit produced a non-finite coefficient, intercept or objective';
  }
  return {
    lambda: point.lambda,
    intercept,
    coefficients,
    nonzeros,
    objective,
    iterations: point.iterations,
    converged: point.converged && status === 'ok',
    status,
    ...(reason !== undefined ? { reason } : {}),
    ...(point.learningCurve ? { learningCurve: point.learningCurve } : {}),
  };
}

/**
 * Penalty `none`: one least-squares solution (standardized scale, intercept ȳ) reported at every (zero) λ of the path.
 */
export function unpenalizedFits(
  set: FeatureScaling,
  lambdas: Float64Array,
  solution: { intercept: number; beta: Float64Array; dataLoss: number },
  signal?: { readonly aborted: boolean },
): PointFit[] {
  return Array.from(lambdas, (lambda) => {
    throwIfAborted(signal);
    return toPointFit(set, { lambda, l1Ratio: 0, ...solution, iterations: 1, converged: true });
  });
}
