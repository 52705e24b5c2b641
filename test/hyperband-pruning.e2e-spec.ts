/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Hyperband between epochs end to end: tpe searches of gd and mlp trials with search.pruner hyperband, through the
 * API on two real worker threads and SQLite. Checked from the stored learning curves alone, with Optuna's Hyperband
 * written out again (brackets by zlib's CRC-32 of "<seed>_<trial>", each bracket ASHA against its own trials):
 * the same seed and concurrency give the same trials and prunings.
 */
import { crc32 } from 'node:zlib';
import { fold1At, prunedSearches, runSearch, searchSummary } from './helpers/pruned-searches';
import { useTestApp } from './helpers/test-app';

jest.setTimeout(400_000);

const t = useTestApp();

const hyperband = { kind: 'hyperband' }; // Optuna's defaults: minResource 1, η 3, maxResource from a complete trial
const { gdSweep, mlpSweep } = prunedSearches(hyperband, 'hyperband', { gd: 18, mlp: 16 });
const run = (config: object) => runSearch(t, config);

/**
 * Hyperband (minResource 1, η 3) written out for trial n, which sees trials 0 … n − 2 (concurrency 2): R = the last
 * epoch of the first of them that completed (none: no pruning); brackets b = 0 … ⌊log_3 R⌋ with budgets
 * ⌈k·3^s/(s+1)⌉ (k brackets, s = k − 1 − b); a trial's bracket from crc32("6_n") mod Σ budgets; in bracket b, rungs
 * at 3^(b+r) below the last epoch, and the trial goes on when among the best max(1, ⌊m/3⌋) of the m values there
 * (its own and its bracket's visible trials').
 */
function expectedStop(trials: any[], n: number, epochs: number, seed: number): number | undefined {
  const visible = trials.slice(0, Math.max(0, n - 1));
  const first = visible.find((u) => u.status !== 'pruned');
  if (!first) return undefined;
  const curve = first.folds.find((f: any) => f.fold === 1).learningCurve;
  const maxResource = curve.epochs[curve.epochs.length - 1];
  const k = Math.floor(Math.log(maxResource) / Math.log(3) + 1e-9) + 1;
  const budgets = [...Array(k).keys()].map((b) => Math.ceil((k * 3 ** (k - 1 - b)) / (k - b)));
  const bracketOf = (u: number) => {
    let h = crc32(`${seed}_${u}`) % budgets.reduce((a, b) => a + b, 0);
    return budgets.findIndex((budget) => (h -= budget) < 0);
  };
  const bracket = bracketOf(n);
  const peers = visible.filter((_, u) => bracketOf(u) === bracket);
  for (let rung = 3 ** bracket; rung < epochs; rung *= 3) {
    const own = fold1At(trials[n], rung);
    if (own === undefined) return undefined;
    const all = [own, ...peers.map((u) => fold1At(u, rung)).filter((v): v is number => v !== undefined)].sort(
      (a, b) => a - b,
    );
    if (own > all[Math.max(1, Math.floor(all.length / 3)) - 1]) return rung;
  }
  return undefined;
}

describe.each([
  ['gd', gdSweep, 64],
  ['mlp', mlpSweep, 32],
])('a tpe search of %s trials with the hyperband pruner', (_name, config, epochs) => {
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
      expect(trial.prunedValue).toBe(fold1At(trial, trial.prunedStep));
    }
  });

  it('prunes exactly where Hyperband says, each trial against its own bracket of the trials before it', () => {
    const [{ trials }] = runs;
    trials.forEach((trial: any, n: number) => {
      const expected = expectedStop(trials, n, epochs, config.search.seed);
      expect([n, trial.status === 'pruned' ? trial.prunedStep : undefined]).toEqual([n, expected]);
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
