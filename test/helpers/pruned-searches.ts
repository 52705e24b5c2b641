/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Test-only: the tpe searches the pruning e2e tests run (gd and mlp trials on diabetes, two worker threads), and how
 * they read what a run stored: trials with their learning curves, fold 1's validation loss at an epoch.
 */
import type { TestApp } from './test-app';
import { waitForSweep } from './test-app';

const base = {
  dataset: 'diabetes',
  penalties: ['l1', 'l2'],
  lambdas: { range: { min: 0.001, max: 10 } },
  split: { kind: 'kfold', folds: 3, shuffle: true, seed: 1 },
  concurrency: 2,
};

/** A tpe search of gd trials (64 epochs) and one of mlp trials (32 epochs), each with `pruner`, as describe.each cases. */
export function prunedSearches(pruner: object, name: string, trials: { gd: number; mlp: number }) {
  const gdSweep = {
    ...base,
    name: `gd-${name}`,
    model: 'linear',
    solver: { kind: 'gd', learningRate: 0.1, epochs: 64, tolerance: 1e-15 },
    search: { strategy: 'tpe', trials: trials.gd, seed: 4, pruner },
  };
  const mlpSweep = {
    ...base,
    name: `mlp-${name}`,
    model: 'mlp',
    network: { hidden: { choices: [[4], [8]] }, activation: { choices: ['tanh', 'relu'] }, output: 'linear' },
    solver: {
      kind: 'adam',
      learningRate: { range: { min: 0.0005, max: 0.05, scale: 'log' } },
      epochs: 32,
      batchSize: 64,
      seed: 7,
    },
    search: { strategy: 'tpe', trials: trials.mlp, seed: 6, pruner },
  };
  /** For describe.each: name, config, epochs per trial. */
  const cases: [string, typeof gdSweep | typeof mlpSweep, number][] = [
    ['gd', gdSweep, 64],
    ['mlp', mlpSweep, 32],
  ];
  return cases;
}

/** Submits `config`, waits for it, and answers the sweep, its report and its trials (curve order, learning curves). */
export async function runSearch(t: TestApp, config: object) {
  const { body } = await t.http.post('/api/sweeps').send(config).expect(202);
  const sweep = await waitForSweep(t.http, body.id, 360_000);
  const report = (await t.http.get(`/api/sweeps/${body.id}/report`).expect(200)).body;
  const trials = (
    await t.http.get(`/api/sweeps/${body.id}/trials`).query({ pageSize: 1000, learningCurves: true }).expect(200)
  ).body.items.sort((a: any, b: any) => a.curve - b.curve);
  return { sweep, report, trials };
}

/** Fold 1's validation loss at `epoch`, from the stored learning curve; undefined when it did not get there. */
export function fold1At(trial: any, epoch: number): number | undefined {
  const curve = trial.folds.find((f: any) => f.fold === 1)?.learningCurve;
  const i = curve ? curve.epochs.indexOf(epoch) : -1;
  return i >= 0 && curve.validation[i] !== null ? curve.validation[i] : undefined;
}

/** What a rerun with the same seed and concurrency must repeat: each trial's point, status and pruned step. */
export function searchSummary(trials: any[]) {
  return trials.map((u) => [u.penalty, u.lambda, JSON.stringify(u.params ?? null), u.status, u.prunedStep]);
}

/**
 * ASHA's rule at one rung, as the pruners apply it: undefined when `trial` did not reach the rung; otherwise whether
 * it loses there, i.e. is not among the best max(1, ⌊m/η⌋) of the m values at the rung (its own and its peers').
 */
export function losesAtRung(trial: any, peers: any[], rung: number, eta: number): boolean | undefined {
  const own = fold1At(trial, rung);
  if (own === undefined) return undefined;
  const all = [own, ...peers.map((u) => fold1At(u, rung)).filter((v): v is number => v !== undefined)].sort(
    (a, b) => a - b,
  );
  return own > all[Math.max(1, Math.floor(all.length / eta)) - 1];
}

/** The first rung (firstRung, ·η, … below `epochs`) at which `trial` loses against `peers`; undefined if none. */
export function firstLosingRung(trial: any, peers: any[], firstRung: number, eta: number, epochs: number) {
  for (let rung = firstRung; rung < epochs; rung *= eta) {
    const loses = losesAtRung(trial, peers, rung, eta);
    if (loses === undefined) return undefined;
    if (loses) return rung;
  }
  return undefined;
}

/**
 * The running CV mean over folds 1 … k (Σ w·e / Σ w, w the validation sizes) from the stored folds; undefined when
 * fold k did not run or the trial was stopped inside fold 1's epochs (it never reached fold 1's end).
 */
export function runningMeanAt(trial: any, k: number, epochs: number): number | undefined {
  if (trial.status === 'pruned' && trial.prunedStep < epochs) return undefined;
  const done = trial.folds.filter((f: any) => f.fold >= 1 && f.fold <= k);
  if (done.length < k) return undefined;
  const weight = done.reduce((sum: number, f: any) => sum + f.validationSize, 0);
  return done.reduce((sum: number, f: any) => sum + f.validationSize * f.validation, 0) / weight;
}

/**
 * Past the epochs: the first fold k < `folds` after which `trial`'s running mean is not among the best
 * max(1, ⌊m/η⌋) of the m means at fold k (its own and its peers'), as k · epochs; undefined if none.
 */
export function firstLosingFold(trial: any, peers: any[], eta: number, epochs: number, folds = 3) {
  for (let k = 1; k < folds; k++) {
    const own = runningMeanAt(trial, k, epochs);
    if (own === undefined) return undefined;
    const all = [own, ...peers.map((u) => runningMeanAt(u, k, epochs)).filter((v): v is number => v !== undefined)];
    all.sort((a, b) => a - b);
    if (own > all[Math.max(1, Math.floor(all.length / eta)) - 1]) return k * epochs;
  }
  return undefined;
}

/** Two runs of `config`, one after the other, before the enclosing block's tests (the array fills as they end). */
export function twoRunsBeforeAll(t: TestApp, config: object): Awaited<ReturnType<typeof runSearch>>[] {
  const runs: Awaited<ReturnType<typeof runSearch>>[] = [];
  beforeAll(async () => {
    runs.push(await runSearch(t, config));
    runs.push(await runSearch(t, config));
  });
  return runs;
}

type SearchRun = Awaited<ReturnType<typeof runSearch>>;

/**
 * A search run that succeeded and pruned some trials but not all: each one pruned inside fold 1's epochs holds fold 1
 * alone and its validation loss at the epoch it stopped at; each one pruned after fold k (step k · epochs) holds folds
 * 1 … k and their running mean. Answers the pruned trials.
 */
export function expectSomePruned({ sweep, trials }: SearchRun, epochs: number): any[] {
  expect(sweep.status).toBe('succeeded');
  expect(sweep.progress.done).toBe(sweep.progress.total);
  const stopped = trials.filter((trial: any) => trial.status === 'pruned');
  expect(stopped.length).toBeGreaterThan(0);
  expect(stopped.length).toBeLessThan(trials.length);
  for (const trial of stopped) {
    const foldsRun = Math.max(1, trial.prunedStep / epochs);
    expect(trial.folds.map((f: any) => f.fold).sort()).toEqual([...Array(foldsRun).keys()].map((k) => k + 1));
    if (trial.prunedStep < epochs) expect(trial.prunedValue).toBe(fold1At(trial, trial.prunedStep));
    else expect(trial.prunedValue).toBeCloseTo(runningMeanAt(trial, foldsRun, epochs)!, 9);
  }
  return stopped;
}

/** What every pruner's search must show across its two runs: the same trials and prunings, listed in the report. */
export function itRepeatsAndReportsPrunings(runs: SearchRun[]): void {
  it('asks the same trials and prunes the same ones again with the same seed and concurrency', () => {
    expect(searchSummary(runs[1].trials)).toEqual(searchSummary(runs[0].trials));
  });

  it('lists the pruned trials in the report', () => {
    const [{ report, trials }] = runs;
    expect(report.pruned).toHaveLength(trials.filter((u: any) => u.status === 'pruned').length);
  });
}
