/**
 * Paired comparison of two curves at each one's chosen λ. Both were fitted on the same folds, so per fold k
 *   d_k = validation_a,k − validation_b,k                      (the metric's units)
 *   mean = Σ d_k / K,  sd = sqrt( Σ (d_k − mean)² / (K − 1) )
 *   t = mean / (sd / √K),  p = 2 · P(T ≤ −|t|)  with T ~ Student t, K − 1 degrees of freedom
 * (the two-sided paired t-test; sd = 0 gives p = 1 when every d_k is 0, else 0). Fewer than two folds, or a
 * fold without a finite value, give null sd and p.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FoldPathResult } from '@regsweep/engine';
import type { CurveResults, PenaltyComparison, SweepConfig } from '../types';
import { mlpCurveGroups } from './mlp-curves';

type StudentTCdf = typeof import('@stdlib/stats-base-dists-t-cdf');
const T_CDF_PACKAGE = '@stdlib/stats-base-dists-t-cdf';
/**
 * The package bundled into one file by the build (scripts/vite.student-t-cdf.config.mjs): the same code, loaded at a
 * fraction of the package's cost. From this file's place in the build (dist/libs/sweep/src/report); absent under
 * ts-jest, where the package itself loads.
 */
const BUNDLED_T_CDF = join(__dirname, '..', '..', '..', '..', 'vendor', 'student-t-cdf.cjs');
let loadedTCdf: StudentTCdf | undefined;

/**
 * P(T ≤ x), T ~ Student t with `dof` degrees of freedom. @stdlib's t CDF (with its incomplete beta: 335 modules, one file in the build)
 * loads on the first comparison, not with the report code: a sweep of one curve never compares, and every CLI sweep
 * would otherwise compile it at start-up (docs/benchmarks.md, "CLI start-up").
 */
function tCdf(x: number, dof: number): number {
  return loadStudentTCdf()(x, dof);
}

/**
 * Loads the t CDF now. The server calls it before it listens: loaded by the first report of a server, its loading held
 * the event loop (docs/benchmarks.md, issue 17).
 */
export function loadStudentTCdf(): StudentTCdf {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loadedTCdf ??= require(existsSync(BUNDLED_T_CDF) ? BUNDLED_T_CDF : T_CDF_PACKAGE) as StudentTCdf);
}

/**
 * Loads the t CDF and evaluates it once at a few t values (|t| small, middling and large, 4 degrees of freedom: a
 * 5-fold comparison), so that V8 has compiled the functions the report's comparisons call (it compiles a function on
 * its first call) before the report runs. The values are discarded: the CDF keeps no state between calls.
 */
export function prepareComparison(): void {
  const cdf = loadStudentTCdf();
  for (const t of [-0.5, -2, -8]) cdf(t, 4);
}

/** Whether loadStudentTCdf has run in this thread (the runner loads it while the refit round runs, refit-step.ts). */
export function studentTCdfLoaded(): boolean {
  return loadedTCdf !== undefined;
}

/**
 * How many curves the report lists and compares pairwise (buildReport): an mlp sweep's one-trial curves grouped by
 * (penalty, l1Ratio, swept network values) as mergeMlpCurves groups them, any other sweep's curves as given.
 */
export function reportedCurveCount(results: readonly CurveResults[], config: Pick<SweepConfig, 'model'>): number {
  return config.model === 'mlp' ? mlpCurveGroups(results).length : results.length;
}

export interface ComparedCurve {
  readonly penalty: PenaltyComparison['a']['penalty'];
  readonly l1Ratio: number;
  readonly folds: readonly FoldPathResult[];
  /** Index of the chosen λ on this curve. */
  readonly chosenIndex: number;
}

export function compareCurves(a: ComparedCurve, b: ComparedCurve): PenaltyComparison {
  const differences = pairedDifferences(a, b);
  const base = { a: { penalty: a.penalty, l1Ratio: a.l1Ratio }, b: { penalty: b.penalty, l1Ratio: b.l1Ratio } };
  if (differences === null) return { ...base, meanDifference: NaN, sdDifference: null, pValue: null };
  return { ...base, ...pairedTTest(differences) };
}

/** Every pair (i < j) of curves, in listing order. */
export function compareAllPairs(curves: readonly ComparedCurve[]): PenaltyComparison[] {
  return curves.flatMap((a, i) => curves.slice(i + 1).map((b) => compareCurves(a, b)));
}

export function pairedTTest(differences: readonly number[]): {
  meanDifference: number;
  sdDifference: number | null;
  pValue: number | null;
} {
  const k = differences.length;
  const mean = differences.reduce((sum, d) => sum + d, 0) / k;
  if (k < 2) return { meanDifference: mean, sdDifference: null, pValue: null };
  const sd = Math.sqrt(differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (k - 1));
  if (sd === 0) return { meanDifference: mean, sdDifference: 0, pValue: mean === 0 ? 1 : 0 };
  const t = mean / (sd / Math.sqrt(k));
  return { meanDifference: mean, sdDifference: sd, pValue: 2 * tCdf(-Math.abs(t), k - 1) };
}

/** d_k for the folds both curves have (matched by fold number), or null if one is missing or not finite. */
function pairedDifferences(a: ComparedCurve, b: ComparedCurve): number[] | null {
  if (a.chosenIndex < 0 || b.chosenIndex < 0 || a.folds.length !== b.folds.length) return null;
  const differences: number[] = [];
  for (const foldA of a.folds) {
    const foldB = b.folds.find((fold) => fold.fold === foldA.fold);
    const d = foldB ? foldA.validation[a.chosenIndex] - foldB.validation[b.chosenIndex] : NaN;
    if (!Number.isFinite(d)) return null;
    differences.push(d);
  }
  return differences.length > 0 ? differences : null;
}
