/**
 * The MLP random search (λ × hidden × learning rate, 5-fold CV, every trial and epoch curve stored in SQLite) in
 * trials per second, against Optuna's RandomSampler + scikit-learn on SQLite (bench/optuna_mlp_search.py, its
 * optimize loop only), and the same sweep on 2 worker threads vs 1. Data: 2000 rows × 10 inputs uniform in ±1,
 * y = sin(3x₀) + x₁x₂ + 0.1·noise, written once to bench/out/mlp_2000x10.csv and read by both tools.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mulberry32 } from '@regsweep/engine';
import { anchors } from '../anchors';
import { runProcess } from '../measure';
import type { BenchRow } from '../report-table';
import { cliAvailable, timeSweepCli } from './cli';
import { describeSplit, sampledSweepCli } from './sampled-sweep';

const ROWS = 2000;
const COLS = 10;
const TRIALS = 40;
const OPTUNA_TRIALS = 10;
const SPACE = {
  hidden: [[16], [32], [32, 16]],
  lambdaMin: 1e-5,
  lambdaMax: 1e-1,
  learningRateMin: 1e-3,
  learningRateMax: 3e-2,
  epochs: 30,
  batchSize: 64,
  folds: 5,
  seed: 0,
};
const optunaScript = resolve(__dirname, '../../../../bench/optuna_mlp_search.py');

function ensureMlpCsv(outDir: string): string {
  const path = resolve(outDir, `mlp_${ROWS}x${COLS}.csv`);
  if (existsSync(path)) return path;
  const uniform = mulberry32(7);
  const lines = [[...Array.from({ length: COLS }, (_, j) => `x${j}`), 'y'].join(',')];
  for (let i = 0; i < ROWS; i++) {
    const x = Array.from({ length: COLS }, () => 2 * uniform() - 1);
    const y = Math.sin(3 * x[0]) + x[1] * x[2] + 0.1 * (2 * uniform() - 1);
    lines.push([...x, y].map((v) => v.toPrecision(17)).join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

function sweepConfig(csv: string, concurrency: number): object {
  return {
    name: 'bench mlp random search',
    dataset: csv,
    target: 'y',
    model: 'mlp',
    network: { hidden: { choices: SPACE.hidden }, activation: 'relu' },
    solver: {
      kind: 'adam',
      learningRate: { range: { min: SPACE.learningRateMin, max: SPACE.learningRateMax, scale: 'log' } },
      epochs: SPACE.epochs,
      batchSize: SPACE.batchSize,
      seed: 1,
    },
    penalties: ['l2'],
    lambdas: { range: { min: SPACE.lambdaMin, max: SPACE.lambdaMax, scale: 'log' } },
    split: { kind: 'kfold', folds: SPACE.folds, shuffle: true, seed: SPACE.seed },
    search: { strategy: 'random', trials: TRIALS, seed: SPACE.seed },
    metric: 'mse',
    concurrency,
  };
}

function optunaRate(csv: string): number | undefined {
  const cwd = mkdtempSync(join(tmpdir(), 'regsweep-optuna-mlp-'));
  try {
    const run = runProcess(anchors.python, [optunaScript, csv, String(OPTUNA_TRIALS), JSON.stringify(SPACE)], { cwd });
    const match = /([0-9.]+) trials\/s/.exec(run.stdout);
    return run.status === 0 && match ? Number(match[1]) : undefined;
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

export function mlpSweepJobs(outDir: string, optuna: boolean): BenchRow[] {
  if (!cliAvailable()) return [];
  const csv = ensureMlpCsv(outDir);
  const two = timeSweepCli(sweepConfig(csv, 2), outDir, 1);
  const one = timeSweepCli(sweepConfig(csv, 1), outDir, 1, { REGSWEEP_WORKERS: '1' });
  const anchor = optuna ? optunaRate(csv) : undefined;
  const shape = `${TRIALS} trials (λ × hidden × learning rate) × ${SPACE.folds}-fold CV, ${ROWS}×${COLS}, ${SPACE.epochs} epochs, batch ${SPACE.batchSize}`;
  return [
    {
      job: `MLP random search, ${shape}, stored in SQLite: sweep phase, 2 workers`,
      regsweep: TRIALS / two.sweepSeconds,
      anchorName: `Optuna RandomSampler + sklearn MLPRegressor, SQLite (${OPTUNA_TRIALS} trials; optimize loop only)`,
      anchor,
      unit: 'rate',
      note: `sweep phase ${two.sweepSeconds.toFixed(2)} s (plan, every trial and curve stored, report); whole process ${two.run.seconds.toFixed(2)} s`,
    },
    {
      job: `same MLP random search, 2 workers vs 1`,
      regsweep: one.sweepSeconds / two.sweepSeconds,
      unit: 'ratio',
      note: `sweep phase 1 worker ${one.sweepSeconds.toFixed(2)} s, 2 workers ${two.sweepSeconds.toFixed(2)} s`,
    },
  ];
}

/**
 * The 2-vs-1 row alone (scaling.ts), from one run each with the CPU of the sweep phase split between the main
 * thread and the pool threads: 2 threads ≤ 2 × (pool share of 1 thread's run) of its speed on two free cores.
 */
export async function mlpScalingRows(outDir: string): Promise<BenchRow[]> {
  if (!cliAvailable()) return [];
  const csv = ensureMlpCsv(outDir);
  const one = await sampledSweepCli(sweepConfig(csv, 1), { REGSWEEP_WORKERS: '1' });
  const two = await sampledSweepCli(sweepConfig(csv, 2));
  const poolShare = one.cpu.pool / (one.cpu.main + one.cpu.pool + one.cpu.other);
  return [
    {
      job: `MLP random search (${TRIALS} trials × ${SPACE.folds}-fold CV, ${ROWS}×${COLS}, ${SPACE.epochs} epochs), 2 pool threads vs 1, sweep phase`,
      regsweep: one.sweepSeconds / two.sweepSeconds,
      unit: 'ratio',
      note:
        `1 thread ${one.sweepSeconds.toFixed(2)} s, 2 threads ${two.sweepSeconds.toFixed(2)} s; bound from 1 thread's CPU: ` +
        `≤ ${(2 * poolShare).toFixed(2)}×; CPU, 1 thread: ${describeSplit(one)}; 2 threads: ${describeSplit(two)}`,
    },
  ];
}
