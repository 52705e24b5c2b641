/**
 * Which one-trial curves of an mlp sweep the report reads a full-data network of (search.refit chosen): on the curve
 * buildReport picks as best (pickBestCurve, from the same merged curves and the same cross-validation statistics),
 * the trials at its lambdaMin and at its lambda1se. The selection rule's trial is one of them; the other is the one
 * the report would show under the other rule. A function of the folds' stored values only, so a resumed sweep picks
 * the same trials again.
 */
import { cvStatistics } from '@regsweep/engine';
import type { CurveResults, SweepConfig } from '../types';
import { pickBestCurve } from './build-report';
import { mlpCurveGroups, mergeMlpCurves } from './mlp-curves';

/** The plan curve indices (one trial each) whose fold 0 the refit round trains, in increasing index. */
export function refitCurves(results: readonly CurveResults[], config: Pick<SweepConfig, 'metric'>): number[] {
  const groups = mlpCurveGroups(results);
  const summaries = mergeMlpCurves(results).map((merged, group) => ({
    group,
    stats: cvStatistics(merged.folds, merged.curve.lambdas, config.metric),
  }));
  const best = pickBestCurve(summaries, config);
  if (!best) return [];
  const members = groups[best.group];
  const picked = [best.stats.indexMin, best.stats.index1se].filter((j) => j >= 0);
  return [...new Set(picked.map((j) => members[j].curve.index))].sort((a, b) => a - b);
}
