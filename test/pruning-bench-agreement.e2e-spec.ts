/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * The search-efficiency bench (bench/src/jobs/mlp-search-efficiency.ts ashaSearch) replays what the sweep runner
 * does with a pruner: the same tpe search of gd trials under Hyperband, run once through the API (one worker thread,
 * concurrency 1: trial n sees every trial before it, as the sequential bench does) and once by the bench on the same
 * folds, must ask the same points and prune the same trials at the same steps, fold 1's epochs and the later folds.
 */
import { loadDataset } from '@regsweep/datasets';
import { makeSplitPlan, validationFolds, type PathSpec } from '@regsweep/engine';
import { HyperbandPruner, HYPERBAND_DEFAULTS, type SearchPoint } from '@regsweep/sweep';
import { ashaSearch, type TrainedTask } from '../bench/src/jobs/mlp-search-efficiency';
import { runSearch } from './helpers/pruned-searches';
import { useTestApp } from './helpers/test-app';

jest.setTimeout(400_000);

const t = useTestApp();

const seed = 4;
const epochs = 64;
const solver = { kind: 'gd', learningRate: 0.1, epochs, tolerance: 1e-15 } as const;
const config = {
  name: 'gd-hyperband-bench',
  dataset: 'diabetes',
  model: 'linear',
  penalties: ['l1', 'l2'],
  lambdas: { range: { min: 0.001, max: 10 } },
  split: { kind: 'kfold', folds: 3, shuffle: true, seed: 1 },
  concurrency: 1,
  solver,
  search: { strategy: 'tpe', trials: 30, seed, pruner: { kind: 'hyperband' } },
};

/** The bench's task for the same search: the runner's folds (testFraction 0), space and trial spec. */
function benchTask(): TrainedTask {
  const data = loadDataset('diabetes');
  const folds = validationFolds(makeSplitPlan(data.rows, config.split as any, 0));
  const spec = (point: SearchPoint): PathSpec => ({
    model: 'linear',
    penalty: { kind: point.penalty, l1Ratio: point.l1Ratio },
    lambdas: Float64Array.of(point.lambda),
    standardize: true,
    solver,
  });
  const space = {
    curves: (['l1', 'l2'] as const).map((penalty) => ({
      penalty,
      l1Ratio: penalty === 'l1' ? 1 : 0,
      lambdas: { kind: 'logUniform' as const, min: 0.001, max: 10 },
    })),
  };
  const pruner = (s: number) => new HyperbandPruner(HYPERBAND_DEFAULTS, s);
  return { label: 'gd', space, spec, epochs, data, folds, pruner, prunerLabel: 'Hyperband' };
}

describe('the search-efficiency bench against the sweep runner (gd trials, hyperband)', () => {
  it('asks the same trials and prunes the same ones at the same steps', async () => {
    const { sweep, trials } = await runSearch(t, config);
    expect(sweep.status).toBe('succeeded');
    const bench = ashaSearch(benchTask(), seed, true);
    const ran = trials.map((u: any) => [u.penalty, u.lambda, u.status === 'pruned' ? u.prunedStep : 'complete']);
    const replayed = bench.trials.map((u) => [
      u.point.penalty,
      u.point.lambda,
      u.state === 'pruned' ? u.step : 'complete',
    ]);
    expect(ran).toEqual(replayed);
    // Both kinds of stop happen in this search: inside fold 1's epochs and after a later fold.
    expect(ran.some((r: any[]) => typeof r[2] === 'number' && r[2] < epochs)).toBe(true);
    expect(ran.some((r: any[]) => typeof r[2] === 'number' && r[2] >= epochs)).toBe(true);
  });
});
