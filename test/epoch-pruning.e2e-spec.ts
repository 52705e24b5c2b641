/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Pruning between epochs end to end: tpe searches of gd and mlp trials with search.pruner asha and hyperband, through
 * the API on two real worker threads and SQLite. A trial's fold 1 trains first, with limits per rung epoch computed
 * from the trials 0 … n − 2 (concurrency 2); the worker stops it at the first rung it loses. Past fold 1's epochs
 * folds 2 and 3 run one after another, and the running CV mean after folds 1 and 2 is judged by the same rule against
 * those trials' means there. Checked here from the stored learning curves and fold results alone, with each pruner's rule written out again (Hyperband's brackets by zlib's CRC-32 of
 * "<seed>_<trial>", each bracket ASHA against its own trials): the same seed and concurrency give the same trials and
 * prunings.
 */
import { crc32 } from 'node:zlib';
import {
  expectSomePruned,
  itRepeatsAndReportsPrunings,
  firstLosingFold,
  firstLosingRung,
  prunedSearches,
  twoRunsBeforeAll,
} from './helpers/pruned-searches';
import { useTestApp } from './helpers/test-app';

jest.setTimeout(400_000);

const t = useTestApp();

const asha = { kind: 'asha', minResource: 1, reductionFactor: 4 };
const ashaSearches = prunedSearches(asha, 'asha', { gd: 16, mlp: 14 });
const hyperband = { kind: 'hyperband' }; // Optuna's defaults: minResource 1, η 3, maxResource from a complete trial
const hyperbandSearches = prunedSearches(hyperband, 'hyperband', { gd: 18, mlp: 16 });

/**
 * ASHA (η 4, rungs 1, 4, 16, …, below the last epoch) written out: trial n, against the values at the rung of the
 * trials 0 … n − 2, goes on when it is among the best max(1, ⌊m/4⌋) of the m values including its own; then the
 * same after folds 1 and 2 with the running CV means (firstLosingFold).
 */
function ashaStop(trials: any[], n: number, epochs: number): number | undefined {
  const visible = trials.slice(0, Math.max(0, n - 1));
  return firstLosingRung(trials[n], visible, 1, 4, epochs) ?? firstLosingFold(trials[n], visible, 4, epochs);
}

describe.each(ashaSearches)('a tpe search of %s trials with the asha pruner', (name, config, epochs) => {
  const runs = twoRunsBeforeAll(t, config);

  it('stores pruned trials as pruned, with the epoch of fold 1 and its validation loss there', () => {
    const [{ trials }] = runs;
    for (const trial of expectSomePruned(runs[0], epochs).filter((u: any) => u.prunedStep < epochs)) {
      const curve = trial.folds[0].learningCurve;
      expect(curve.epochs[curve.epochs.length - 1]).toBe(trial.prunedStep);
      expect(trial.folds.map((f: any) => f.fold)).not.toContain(0); // a pruned trial is never refitted
    }
    const complete = trials.filter((u: any) => u.status !== 'pruned');
    for (const trial of complete) {
      expect(
        trial.folds
          .map((f: any) => f.fold)
          .filter((fold: number) => fold > 0)
          .sort(),
      ).toEqual([1, 2, 3]);
    }
    // The full-data fit: every gd trial's; an mlp search's (search.refit chosen) only the reported trials', 1 or 2.
    const refitted = complete.filter((trial: any) => trial.folds.some((f: any) => f.fold === 0)).length;
    if (name === 'gd') expect(refitted).toBe(complete.length);
    else expect([1, 2]).toContain(refitted);
  });

  it('prunes exactly where ASHA says, against the trials that finished before it was asked', () => {
    const [{ trials }] = runs;
    trials.forEach((trial: any, n: number) => {
      expect(trial.status === 'pruned' ? trial.prunedStep : undefined).toBe(ashaStop(trials, n, epochs));
    });
  });

  itRepeatsAndReportsPrunings(runs);
});

/**
 * Hyperband (minResource 1, η 3) written out for trial n, which sees trials 0 … n − 2 (concurrency 2): R = the last
 * epoch of the first of them that completed (none: no pruning); brackets b = 0 … ⌊log_3 R⌋ with budgets
 * ⌈k·3^s/(s+1)⌉ (k brackets, s = k − 1 − b); a trial's bracket from crc32("6_n") mod Σ budgets; in bracket b, rungs
 * at 3^(b+r) below the last epoch, and the trial goes on when among the best max(1, ⌊m/3⌋) of the m values there
 * (its own and its bracket's visible trials'); then after folds 1 and 2 the same rule on the running CV means, against
 * every visible trial (firstLosingFold), even before maxResource is known.
 */
function hyperbandStop(trials: any[], n: number, epochs: number, seed: number): number | undefined {
  const visible = trials.slice(0, Math.max(0, n - 1));
  const first = visible.find((u) => u.status !== 'pruned');
  const pastEpochs = firstLosingFold(trials[n], visible, 3, epochs);
  if (!first) return pastEpochs;
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
  return firstLosingRung(trials[n], peers, 3 ** bracket, 3, epochs) ?? pastEpochs;
}

describe.each(hyperbandSearches)('a tpe search of %s trials with the hyperband pruner', (_name, config, epochs) => {
  const runs = twoRunsBeforeAll(t, config);

  it('stores pruned trials as pruned, with the epoch of fold 1 and its validation loss there', () => {
    expectSomePruned(runs[0], epochs);
  });

  it('prunes some trials after fold 1 or 2 (their running CV mean), not only inside fold 1', () => {
    expect(runs[0].trials.some((u: any) => u.status === 'pruned' && u.prunedStep >= epochs)).toBe(true);
  });

  it('prunes exactly where Hyperband says, each trial against its own bracket of the trials before it', () => {
    const [{ trials }] = runs;
    trials.forEach((trial: any, n: number) => {
      const expected = hyperbandStop(trials, n, epochs, config.search.seed);
      expect([n, trial.status === 'pruned' ? trial.prunedStep : undefined]).toEqual([n, expected]);
    });
  });

  itRepeatsAndReportsPrunings(runs);
});
