/**
 * A sweep's plan: the split, the curves (one warm-started λ path per (penalty, l1Ratio)), the trials (one per
 * curve point) and the tasks (one per curve and fold, folds 0..K; fold 0 is the full-data path that gives the
 * reported coefficients and the test score; an mlp sweep with search.refit chosen plans folds 1..K only, and the
 * runner adds fold 0 of the trials the report reads once the cross-validation has picked them).
 */
import { makeSplitPlan, type Dataset } from '@regsweep/engine';
import { createSampler, isAdaptiveStrategy } from '../search/create-sampler';
import type { SearchPoint, SearchSpace } from '../search/sampler';
import type { CurvePlan, SweepConfig, SweepPlan, TaskPlan, TrialPlan } from '../types';
import { taskKey, trialKey } from './keys';
import { mlpCurves, plannedFolds } from './mlp-plan';
import { searchSpace } from './search-space';

export function planSweep(sweepId: string, config: SweepConfig, data: Dataset): SweepPlan {
  const split = makeSplitPlan(data.x.rows, config.split, config.testFraction);
  const space = searchSpace(config, data, split.fitRows);
  // An adaptive search (tpe) starts with no curves: the runner asks its trials one at a time and appends them.
  const points = isAdaptiveStrategy(config.search.strategy) ? [] : createSampler(config).sample(space);
  const curves =
    config.model === 'mlp' ? uniqueTrials(sweepId, mlpCurves(config, points)) : groupIntoCurves(space, points);

  const trials: TrialPlan[] = curves.flatMap(({ index, penalty, l1Ratio, lambdas, params }) =>
    Array.from(lambdas, (lambda, lambdaIndex) => ({
      key: trialKey(sweepId, penalty, l1Ratio, lambda, params),
      curve: index,
      lambdaIndex,
      penalty,
      l1Ratio,
      lambda,
      ...(params ? { params } : {}),
    })),
  );
  const tasks: TaskPlan[] = curves.flatMap(({ index }) =>
    plannedFolds(config, split.folds).map(({ fold }) => ({ key: taskKey(sweepId, index, fold), curve: index, fold })),
  );
  return { split, curves, trials, tasks };
}

/** Drops repeated mlp trials (a random search may draw the same values twice), renumbering the curves. */
function uniqueTrials(sweepId: string, curves: CurvePlan[]): CurvePlan[] {
  const seen = new Set<string>();
  return curves
    .filter((curve) => {
      const key = trialKey(sweepId, curve.penalty, curve.l1Ratio, curve.lambdas[0], curve.params);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((curve, index) => ({ ...curve, index }));
}

/**
 * One curve per (penalty, l1Ratio) of the space that received points, in the space's order, its λ sorted
 * decreasing with duplicates collapsed. Sorting is what lets a random search fit its points as one
 * warm-started path per fold instead of one cold fit per point.
 */
export function groupIntoCurves(space: SearchSpace, points: readonly SearchPoint[]): CurvePlan[] {
  const curveKey = (penalty: string, l1Ratio: number) => `${penalty}|${l1Ratio}`;
  const lambdasByCurve = new Map(space.curves.map((c) => [curveKey(c.penalty, c.l1Ratio), new Set<number>()]));
  for (const point of points) lambdasByCurve.get(curveKey(point.penalty, point.l1Ratio))?.add(point.lambda);

  const curves: CurvePlan[] = [];
  for (const { penalty, l1Ratio } of space.curves) {
    const distinct = [...lambdasByCurve.get(curveKey(penalty, l1Ratio))!].sort((a, b) => b - a);
    if (distinct.length > 0)
      curves.push({ index: curves.length, penalty, l1Ratio, lambdas: Float64Array.from(distinct) });
  }
  return curves;
}
