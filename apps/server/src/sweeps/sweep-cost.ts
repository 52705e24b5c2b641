/**
 * What one sweep may cost, checked from its config and dataset shape before anything is stored (SweepsService).
 *
 * Fold results: trials × (folds + 1), the fold_result rows the sweep writes and the results its conclusion holds
 * in memory at once (buildReport compares curves fold by fold). Memory, an upper estimate of the process's peak:
 *   data      rows × (p + 1) × 8 B (the float64 design matrix and response, shared with the threads)
 *   plan      trials × TRIAL_PLAN_BYTES (a trial's plan object with its 64-hex key)
 *   results   fold results × FOLD_RESULT_BYTES (the conclusion's per-λ metrics and fit objects)
 *   products  for large data only (runner/data-size.ts): (folds + 12) × (p + 2)² × 8 B, the shared cross products
 *             of every row block plus the chunks summed at once (runner/sweep-cross-products.ts)
 */
import type { InputProblem } from '@regsweep/datasets';
import { penaltyCurves, type SweepConfig } from '@regsweep/sweep';
import { isLargeData } from '../runner/data-size';

export const MAX_FOLD_RESULTS = 1_000_000;
export const MAX_ESTIMATED_BYTES = 1024 ** 3;

const TRIAL_PLAN_BYTES = 250;
const FOLD_RESULT_BYTES = 300;

export interface SweepCost {
  /** An upper bound: the trials before duplicates are collapsed. */
  trials: number;
  /** Validation folds (the full-data path is one more task per curve). */
  folds: number;
  foldResults: number;
  estimatedBytes: number;
}

export function estimateSweepCost(config: SweepConfig, data: { rows: number; features: number }): SweepCost {
  const curves = penaltyCurves(config.penalties, config.l1Ratios);
  const trials =
    config.search.strategy === 'grid'
      ? curves.reduce((sum, curve) => sum + (curve.penalty === 'none' ? 1 : gridLength(config)), 0)
      : config.search.trials;
  const folds = foldCount(config);
  const foldResults = trials * (folds + 1);
  const p = data.features;
  const crossProducts = isLargeData(data.rows, p) ? (folds + 12) * (p + 2) ** 2 * 8 : 0;
  const estimatedBytes =
    data.rows * (p + 1) * 8 + trials * TRIAL_PLAN_BYTES + foldResults * FOLD_RESULT_BYTES + crossProducts;
  return { trials, folds, foldResults, estimatedBytes };
}

/** The limits a sweep passes, as `{path, message}` problems with the figures (empty when within them). */
export function sweepCostProblems(config: SweepConfig, cost: SweepCost): InputProblem[] {
  const problems: InputProblem[] = [];
  const sizePath = config.search.strategy === 'grid' ? 'lambdas' : 'search.trials';
  if (cost.foldResults > MAX_FOLD_RESULTS) {
    problems.push({
      path: sizePath,
      message:
        `the sweep would store ${count(cost.trials)} trials × ${cost.folds + 1} fits each (${cost.folds} folds + the ` +
        `full-data path) = ${count(cost.foldResults)} fold results; at most ${count(MAX_FOLD_RESULTS)} are allowed: ` +
        'fewer λ, trials, penalties, l1Ratios or folds',
    });
  }
  if (cost.estimatedBytes > MAX_ESTIMATED_BYTES) {
    problems.push({
      path: cost.foldResults > MAX_FOLD_RESULTS ? sizePath : 'dataset',
      message:
        `the sweep would need about ${megabytes(cost.estimatedBytes)} MB of memory; at most ` +
        `${megabytes(MAX_ESTIMATED_BYTES)} MB are allowed (cross products grow as folds × features²)`,
    });
  }
  return problems;
}

function gridLength(config: SweepConfig): number {
  const spec = config.lambdas;
  if ('values' in spec) return spec.values.length;
  if ('range' in spec) return spec.range.count;
  return spec.auto.count;
}

function foldCount(config: SweepConfig): number {
  const split = config.split;
  if (split.kind === 'kfold') return split.folds;
  if (split.kind === 'holdout') return 1;
  return new Set(split.foldIds).size;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function megabytes(bytes: number): string {
  return count(Math.round(bytes / 1024 ** 2));
}
