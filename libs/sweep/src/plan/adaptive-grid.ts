/**
 * Adaptive λ grids (`lambdas.auto.adaptive`): when a curve's lambdaMin sits at an end of its grid, the sweep extends
 * that end by one decade, with the grid's own spacing, and looks again, up to ADAPTIVE_DECADE_LIMIT decades each way.
 *
 *   small end  new λ = λ_last · 10^(−k/d), k = 1 … d (d = the grid's points per decade), fitted as a path that starts
 *              at λ_last (warm start: the path continues where the grid ended; that first point is not stored again)
 *   large end  new λ = λ_first · 10^(k/d), k = d … 1, a path that comes down towards λ_first. Not done when the top
 *              of the curve is already the null model (every coefficient 0, as at λ_max for l1): larger λ change
 *              nothing there.
 *
 * Everything here is a function of the curve's λ and its cross-validation statistics, so a resumed sweep derives the
 * same extensions again from the stored results.
 */
import { fmt } from '../report/format';

/**
 * Decades a curve may grow at each end. Six, because the auto grid of l2 starts from λ_max computed with r = 1e-3
 * (SPEC §1), a few decades above where ridge's lambdaMin usually is: on diabetes it sits 3.6 decades below the
 * 100-point grid's end.
 */
export const ADAPTIVE_DECADE_LIMIT = 6;

/** An end of the curve (edge extension), or between lambdaMin's neighbours (interior refinement, grid-refinement.ts). */
export type ExtensionDirection = 'small' | 'large' | 'interior';

/** One extension of a curve, as planned and as the report lists it (`penalties[].adaptive`). */
export interface GridExtension {
  readonly direction: ExtensionDirection;
  /** The new λ values, decreasing (never one the curve already has). */
  readonly lambdas: Float64Array;
  /**
   * A λ the path starts from and whose fit is not kept: the end of the grid it continues (small end), or the upper
   * neighbour of lambdaMin (interior).
   */
  readonly warmStart?: number;
  /** Why it was added, in words the report shows beside the λ values. */
  readonly reason: string;
}

export interface CurveState {
  /** Every λ of the curve so far (grid and extensions), decreasing. */
  readonly lambdas: Float64Array;
  /** Index of lambdaMin in `lambdas`, −1 when no λ has a finite validation score. */
  readonly indexMin: number;
  /** Nonzero coefficients at lambdas[0] on the full data (0: the top is the null model). */
  readonly nonzerosAtTop: number;
  /** How many decades each end has been extended already (and how many interior refinements were made). */
  readonly extended: Readonly<Record<'small' | 'large', number>> & { readonly interior?: number };
}

/** The next extension of a curve, or null when lambdaMin is interior, the limit is reached or nothing can change. */
export function nextExtension(curve: CurveState, limit = ADAPTIVE_DECADE_LIMIT): GridExtension | null {
  const { lambdas, indexMin } = curve;
  if (lambdas.length < 2 || indexMin < 0) return null;
  const perDecade = pointsPerDecade(lambdas);
  const last = lambdas[lambdas.length - 1];
  if (indexMin === lambdas.length - 1 && last > 0 && curve.extended.small < limit) {
    const added = Float64Array.from({ length: perDecade }, (_, k) => last * 10 ** (-(k + 1) / perDecade));
    const reason = `lambdaMin ${fmt(last)} was the smallest λ of the curve: one decade more below it`;
    return { direction: 'small', lambdas: added, warmStart: last, reason };
  }
  if (indexMin === 0 && curve.nonzerosAtTop > 0 && curve.extended.large < limit) {
    const first = lambdas[0];
    const added = Float64Array.from({ length: perDecade }, (_, k) => first * 10 ** ((perDecade - k) / perDecade));
    const reason = `lambdaMin ${fmt(first)} was the largest λ of the curve: one decade more above it`;
    return { direction: 'large', lambdas: added, reason };
  }
  return null;
}

/** Whether lambdaMin still sits at an end that reached the limit (the report then keeps the edge warning). */
export function limitReachedAt(curve: CurveState, limit = ADAPTIVE_DECADE_LIMIT): 'small' | 'large' | null {
  if (curve.indexMin < 0 || curve.lambdas.length < 2) return null;
  if (curve.indexMin === curve.lambdas.length - 1 && curve.extended.small >= limit) return 'small';
  if (curve.indexMin === 0 && curve.extended.large >= limit) return 'large';
  return null;
}

/**
 * The grid's log spacing in points per decade: (count − 1) / log10(λ_first / λ_last), rounded, at least 1 and at
 * most 100 (a 100-point auto grid over 4 decades has 25).
 */
export function pointsPerDecade(lambdas: Float64Array): number {
  const positive = Array.from(lambdas).filter((lambda) => lambda > 0);
  if (positive.length < 2) return 1;
  const decades = Math.log10(positive[0] / positive[positive.length - 1]);
  if (!(decades > 0)) return 1;
  return Math.min(100, Math.max(1, Math.round((positive.length - 1) / decades)));
}
