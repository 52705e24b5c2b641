/**
 * Interior refinement of an adaptive λ grid (`lambdas.auto.adaptive`): when a curve's lambdaMin λ_i is interior, the
 * grid may simply be too coarse there, so REFINE_POINTS log-spaced λ are added inside each of its two neighbour
 * intervals,
 *
 *   (λ_i, λ_{i−1}):  λ_i · (λ_{i−1}/λ_i)^(k/(m+1)),       k = m … 1
 *   (λ_{i+1}, λ_i):  λ_{i+1} · (λ_i/λ_{i+1})^(k/(m+1)),   k = m … 1      (m = REFINE_POINTS)
 *
 * fitted as one path warm-started at λ_{i−1} (its fit is not kept). It is done at most REFINE_LIMIT times per curve,
 * and only while it could change the choice: while the better neighbour's validation mean is more than
 * REFINE_TOLERANCE · validationSd(λ_i) above the minimum. Closer than that, the curve is flat between the neighbours
 * on the scale the 1se rule and the noise work at, and a finer λ cannot move the choice by more than noise. With a
 * single validation fold (no validationSd) the limit alone stops it.
 */
import { fmt } from '../report/format';
import type { GridExtension } from './adaptive-grid';

/** Refinements per curve: each one thirds the spacing around lambdaMin (REFINE_POINTS = 2). */
export const REFINE_LIMIT = 2;
/** New λ inside each neighbour interval of lambdaMin. */
export const REFINE_POINTS = 2;
/** In units of validationSd at lambdaMin (see the file's comment). */
export const REFINE_TOLERANCE = 0.01;

export interface RefinementState {
  /** Every λ of the curve so far, decreasing. */
  readonly lambdas: Float64Array;
  readonly indexMin: number;
  /** Validation means as a loss (smaller is better: callers negate scores). */
  readonly validationMean: Float64Array;
  readonly validationSd: Float64Array;
  /** Refinements made already. */
  readonly refined: number;
}

/** The next refinement of a curve, or null when lambdaMin is at an end, the limit is reached, or it cannot matter. */
export function nextRefinement(curve: RefinementState, limit = REFINE_LIMIT): GridExtension | null {
  const { lambdas, indexMin: i, validationMean: mean, validationSd: sd } = curve;
  if (curve.refined >= limit || i <= 0 || i >= lambdas.length - 1) return null;
  const [upper, best, lower] = [lambdas[i - 1], lambdas[i], lambdas[i + 1]];
  if (!(lower > 0)) return null;
  const neighbour = Math.min(finiteOr(mean[i - 1]), finiteOr(mean[i + 1]));
  const gap = neighbour - mean[i];
  const tolerance = Number.isFinite(sd[i]) ? REFINE_TOLERANCE * sd[i] : 0;
  if (!(gap > tolerance)) return null;
  const between = (low: number, high: number) =>
    Array.from({ length: REFINE_POINTS }, (_, k) => low * (high / low) ** ((REFINE_POINTS - k) / (REFINE_POINTS + 1)));
  const added = Float64Array.from([...between(best, upper), ...between(lower, best)]);
  const reason =
    `lambdaMin ${fmt(best)} was interior, its neighbours ${fmt(upper)} and ${fmt(lower)} validate ` +
    `${fmt(gap)} worse or more: ${REFINE_POINTS} more λ on each side (refinement ${curve.refined + 1} of ${limit})`;
  return { direction: 'interior', lambdas: added, warmStart: upper, reason };
}

function finiteOr(value: number): number {
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}
