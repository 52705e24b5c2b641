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

/** A tpe search of gd trials (64 epochs) and one of mlp trials (32 epochs), each with `pruner`. */
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
  return { gdSweep, mlpSweep };
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
