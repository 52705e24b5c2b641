/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Pruning between epochs end to end: tpe searches of gd and mlp trials with search.pruner asha, through the API on two
 * real worker threads and SQLite. A trial's fold 1 trains first, with limits per rung epoch computed from the trials
 * 0 … n − 2 (concurrency 2); the worker stops it at the first rung it loses. Checked here from the stored learning
 * curves alone, with ASHA's rule written out again: the same seed and concurrency give the same trials and prunings.
 */
import { fold1At, prunedSearches, runSearch, searchSummary } from './helpers/pruned-searches';
import { useTestApp } from './helpers/test-app';

jest.setTimeout(400_000);

const t = useTestApp();

const asha = { kind: 'asha', minResource: 1, reductionFactor: 4 };
const { gdSweep, mlpSweep } = prunedSearches(asha, 'asha', { gd: 16, mlp: 14 });
const run = (config: object) => runSearch(t, config);

/**
 * ASHA (η 4, rungs 1, 4, 16, …, below the last epoch) written out: trial n, against the values at the rung of the
 * trials 0 … n − 2, goes on when it is among the best max(1, ⌊m/4⌋) of the m values including its own.
 */
function expectedStop(trials: any[], n: number, epochs: number): number | undefined {
  const visible = trials.slice(0, Math.max(0, n - 1));
  for (let rung = 1; rung < epochs; rung *= 4) {
    const own = fold1At(trials[n], rung);
    if (own === undefined) return undefined;
    const all = [own, ...visible.map((u) => fold1At(u, rung)).filter((v): v is number => v !== undefined)].sort(
      (a, b) => a - b,
    );
    if (own > all[Math.max(1, Math.floor(all.length / 4)) - 1]) return rung;
  }
  return undefined;
}

describe.each([
  ['gd', gdSweep, 64],
  ['mlp', mlpSweep, 32],
])('a tpe search of %s trials with the asha pruner', (_name, config, epochs) => {
  const runs: Awaited<ReturnType<typeof run>>[] = [];

  beforeAll(async () => {
    runs.push(await run(config));
    runs.push(await run(config));
  });

  it('stores pruned trials as pruned, with the epoch of fold 1 and its validation loss there', () => {
    const [{ sweep, trials }] = runs;
    expect(sweep.status).toBe('succeeded');
    expect(sweep.progress.done).toBe(sweep.progress.total);
    const stopped = trials.filter((trial: any) => trial.status === 'pruned');
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.length).toBeLessThan(trials.length);
    for (const trial of stopped) {
      expect(trial.folds.map((f: any) => f.fold)).toEqual([1]);
      const curve = trial.folds[0].learningCurve;
      expect(curve.epochs[curve.epochs.length - 1]).toBe(trial.prunedStep);
      expect(trial.prunedValue).toBe(fold1At(trial, trial.prunedStep));
    }
    for (const trial of trials.filter((u: any) => u.status !== 'pruned')) {
      expect(trial.folds.map((f: any) => f.fold).sort()).toEqual([0, 1, 2, 3]);
    }
  });

  it('prunes exactly where ASHA says, against the trials that finished before it was asked', () => {
    const [{ trials }] = runs;
    trials.forEach((trial: any, n: number) => {
      expect(trial.status === 'pruned' ? trial.prunedStep : undefined).toBe(expectedStop(trials, n, epochs));
    });
  });

  it('asks the same trials and prunes the same ones again with the same seed and concurrency', () => {
    expect(searchSummary(runs[1].trials)).toEqual(searchSummary(runs[0].trials));
  });

  it('lists the pruned trials in the report', () => {
    const [{ report, trials }] = runs;
    expect(report.pruned).toHaveLength(trials.filter((u: any) => u.status === 'pruned').length);
  });
});
