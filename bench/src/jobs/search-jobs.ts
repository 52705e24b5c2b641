/**
 * Trials per second of a random search: 1000 (penalty, λ) trials with 5-fold CV on diabetes, every trial
 * stored in SQLite (`regsweep sweep`), against Optuna + scikit-learn on SQLite storage (optuna_cv.py).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchors } from '../anchors';
import { runProcess } from '../measure';
import type { BenchRow } from '../report-table';
import { cliAvailable, timeSweepCli } from './cli';

const TRIALS = 1000;
const OPTUNA_TRIALS = 200;

export function searchJobs(outDir: string, optuna: boolean): BenchRow[] {
  if (!cliAvailable()) return [];
  const { run, sweepSeconds } = timeSweepCli(
    {
      name: 'bench random search',
      dataset: 'diabetes',
      model: 'linear',
      penalties: ['l1', 'l2', 'elasticnet'],
      l1Ratios: [0.5],
      lambdas: { range: { min: 1e-3, max: 50, count: 1, scale: 'log' } },
      split: { kind: 'kfold', folds: 5, shuffle: true, seed: 0 },
      search: { strategy: 'random', trials: TRIALS, seed: 0 },
      metric: 'mse',
    },
    outDir,
    3,
  );
  let anchorRate: number | undefined;
  if (optuna) {
    const cwd = mkdtempSync(join(tmpdir(), 'regsweep-optuna-'));
    try {
      const anchorRun = runProcess(anchors.python, [anchors.script('optuna_cv.py'), String(OPTUNA_TRIALS), 'sqlite'], {
        cwd,
      });
      const match = /([0-9.]+) trials\/s/.exec(anchorRun.stdout);
      if (anchorRun.status === 0 && match) anchorRate = Number(match[1]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }
  // optuna_cv.py times only its optimize loop (not Python's start-up or imports), so regsweep's like-for-like figure
  // is the sweep phase; the whole process (Node start-up, Nest, migrations, the report) is shown as well.
  const wholeRate = TRIALS / run.seconds;
  const sweepRate = TRIALS / sweepSeconds;
  const anchorName = `Optuna + sklearn, SQLite (${OPTUNA_TRIALS} trials; its optimize loop only)`;
  return [
    {
      job: `random search, ${TRIALS} trials × 5-fold CV, diabetes, stored in SQLite: sweep phase (like-for-like)`,
      regsweep: sweepRate,
      anchorName,
      anchor: anchorRate,
      unit: 'rate',
      note: `sweep phase ${sweepSeconds.toFixed(3)} s (finishedAt − startedAt: plan, every trial stored, report), median of 3`,
    },
    {
      job: `random search, ${TRIALS} trials × 5-fold CV, diabetes, stored in SQLite: whole process`,
      regsweep: wholeRate,
      anchorName,
      anchor: anchorRate,
      unit: 'rate',
      peakRssMb: run.peakRssMb,
      note: `${run.seconds.toFixed(2)} s wall incl. start-up, median of 3`,
    },
  ];
}
