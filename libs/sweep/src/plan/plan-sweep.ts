/**
 * A sweep's plan: the split, the curves (one warm-started λ path per (penalty, l1Ratio)), the trials (one per
 * curve point) and the tasks (one per curve and fold, folds 0..K; fold 0 is the full-data path that gives the
 * reported coefficients and the test score).
 */
import { makeSplitPlan, type Dataset } from '@regsweep/engine';
import { createSampler } from '../search/create-sampler';
import type { SearchPoint, SearchSpace } from '../search/sampler';
import type { CurvePlan, SweepConfig, SweepPlan, TaskPlan, TrialPlan } from '../types';
import { taskKey, trialKey } from './keys';
import { searchSpace } from './search-space';

export function planSweep(sweepId: string, config: SweepConfig, data: Dataset): SweepPlan {
  const split = makeSplitPlan(data.x.rows, config.split, config.testFraction);
  const space = searchSpace(config, data, split.fitRows);
  const curves = groupIntoCurves(space, createSampler(config).sample(space));

  const trials: TrialPlan[] = curves.flatMap(({ index, penalty, l1Ratio, lambdas }) =>
    Array.from(lambdas, (lambda, lambdaIndex) => ({
      key: trialKey(sweepId, penalty, l1Ratio, lambda),
      curve: index,
      lambdaIndex,
      penalty,
      l1Ratio,
      lambda,
    })),
  );
  const tasks: TaskPlan[] = curves.flatMap(({ index }) =>
    split.folds.map(({ fold }) => ({ key: taskKey(sweepId, index, fold), curve: index, fold })),
  );
  return { split, curves, trials, tasks };
}

/**
 * One curve per (penalty, l1Ratio) of the space that received points, in the space's order, its λ sorted
 * decreasing with duplicates collapsed. Sorting is what lets a random search fit its points as one
 * warm-started path per fold instead of one cold fit per point.
 */
export function groupIntoCurves(space: SearchSpace, points: readonly SearchPoint[]): CurvePlan[] {
  const curves: CurvePlan[] = [];
  for (const { penalty, l1Ratio } of space.curves) {
    const lambdas = points.filter((p) => p.penalty === penalty && p.l1Ratio === l1Ratio).map((p) => p.lambda);
    const distinct = [...new Set(lambdas)].sort((a, b) => b - a);
    if (distinct.length > 0)
      curves.push({ index: curves.length, penalty, l1Ratio, lambdas: Float64Array.from(distinct) });
  }
  return curves;
}
