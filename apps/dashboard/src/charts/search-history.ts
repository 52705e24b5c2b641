/**
 * The search history of a sweep (tpe/random searches, adaptive grids): its trials in the plan's order (the order the
 * server lists them without `sort`: a search's trial n is its curve n, an adaptive grid's added λ come after the
 * grid), the best validation so far after each, and which trials were pruned (status `pruned`, never counted as best).
 *   bestSoFar[n] = min over finished trials m ≤ n of validationMean[m]   (max for scores; losses: mse, mae, logloss)
 */
import type { TrialJson } from '../api/types';

export interface SearchHistory {
  /** 1-based trial numbers. */
  readonly numbers: number[];
  /** null until a finished trial has a validation value. */
  readonly bestSoFar: (number | null)[];
  /** The numbers of the pruned trials. */
  readonly pruned: number[];
}

/** The engine's loss metrics (isLossMetric); every other metric is a score. */
const LOSSES = new Set(['mse', 'mae', 'logloss']);

export function searchHistory(
  trials: readonly Pick<TrialJson, 'status' | 'validationMean'>[],
  metric: string,
): SearchHistory {
  const better = LOSSES.has(metric) ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
  const history = { numbers: [] as number[], bestSoFar: [] as (number | null)[], pruned: [] as number[] };
  let best: number | null = null;
  trials.forEach((trial, n) => {
    history.numbers.push(n + 1);
    if (trial.status === 'pruned') history.pruned.push(n + 1);
    else if (trial.validationMean !== null && Number.isFinite(trial.validationMean)) {
      if (best === null || better(trial.validationMean, best)) best = trial.validationMean;
    }
    history.bestSoFar.push(best);
  });
  return history;
}
