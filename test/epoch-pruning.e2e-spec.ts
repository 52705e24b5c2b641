/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Pruning between epochs end to end: tpe searches of gd and mlp trials with search.pruner asha, through the API on two
 * real worker threads and SQLite. A trial's fold 1 trains first, with limits per rung epoch computed from the trials
 * 0 … n − 2 (concurrency 2); the worker stops it at the first rung it loses. Checked here from the stored learning
 * curves alone, with ASHA's rule written out again: the same seed and concurrency give the same trials and prunings.
 */
import { useTestApp, waitForSweep } from './helpers/test-app';

jest.setTimeout(400_000);

const t = useTestApp();

const base = {
  dataset: 'diabetes',
  penalties: ['l1', 'l2'],
  lambdas: { range: { min: 0.001, max: 10 } },
  split: { kind: 'kfold', folds: 3, shuffle: true, seed: 1 },
  concurrency: 2,
};
const asha = { kind: 'asha', minResource: 1, reductionFactor: 4 };

const gdSweep = {
  ...base,
  name: 'gd-asha',
  model: 'linear',
  solver: { kind: 'gd', learningRate: 0.1, epochs: 64, tolerance: 1e-15 },
  search: { strategy: 'tpe', trials: 16, seed: 4, pruner: asha },
};

const mlpSweep = {
  ...base,
  name: 'mlp-asha',
  model: 'mlp',
  network: { hidden: { choices: [[4], [8]] }, activation: { choices: ['tanh', 'relu'] }, output: 'linear' },
  solver: {
    kind: 'adam',
    learningRate: { range: { min: 0.0005, max: 0.05, scale: 'log' } },
    epochs: 32,
    batchSize: 64,
    seed: 7,
  },
  search: { strategy: 'tpe', trials: 14, seed: 6, pruner: asha },
};

async function run(config: object) {
  const { body } = await t.http.post('/api/sweeps').send(config).expect(202);
  const sweep = await waitForSweep(t.http, body.id, 360_000);
  const report = (await t.http.get(`/api/sweeps/${body.id}/report`).expect(200)).body;
  const trials = (
    await t.http.get(`/api/sweeps/${body.id}/trials`).query({ pageSize: 1000, learningCurves: true }).expect(200)
  ).body.items.sort((a: any, b: any) => a.curve - b.curve);
  return { sweep, report, trials };
}

/** Fold 1's validation loss at `epoch`, from the stored learning curve; undefined when it did not get there. */
function fold1At(trial: any, epoch: number): number | undefined {
  const curve = trial.folds.find((f: any) => f.fold === 1)?.learningCurve;
  const i = curve ? curve.epochs.indexOf(epoch) : -1;
  return i >= 0 && curve.validation[i] !== null ? curve.validation[i] : undefined;
}

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
    const summary = (trials: any[]) =>
      trials.map((u) => [u.penalty, u.lambda, JSON.stringify(u.params ?? null), u.status, u.prunedStep]);
    expect(summary(runs[1].trials)).toEqual(summary(runs[0].trials));
  });

  it('lists the pruned trials in the report', () => {
    const [{ report, trials }] = runs;
    expect(report.pruned).toHaveLength(trials.filter((u: any) => u.status === 'pruned').length);
  });
});
