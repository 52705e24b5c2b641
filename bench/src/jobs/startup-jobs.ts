/**
 * Start-up of the command line, whole processes through the package bin (`node bin/regsweep.js …`): `--help`
 * (commander and the command definitions only), `fit` on a built-in (the engine, no database), `datasets` on a
 * database already in use (one query, no Nest or TypeORM), and `sweep` of a tiny config on a fresh SQLite file
 * (Nest, TypeORM, migrations, built-ins registered) and on a file already in use (schema current: the sweep
 * services without Nest or TypeORM). The tiny sweep runs inline, on the main thread: no worker thread starts
 * (chooseConcurrency, MAX_INLINE_MULTIPLY_ADDS).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, runProcess, type ProcessRun } from '../measure';
import type { BenchRow } from '../report-table';
import { cliAvailable } from './cli';

const BIN = resolve(__dirname, '../../../../bin/regsweep.js');
const REPEATS = 5;
const DB = 'tiny.sqlite';

const TINY_SWEEP = {
  name: 'bench start-up',
  dataset: 'diabetes',
  model: 'linear',
  penalties: ['l1'],
  lambdas: { auto: { count: 10 } },
  split: { kind: 'kfold', folds: 3, shuffle: true, seed: 1 },
  metric: 'mse',
};

/**
 * Median wall time and largest peak RSS of REPEATS runs; `args` may depend on the run (a fresh database each), and
 * `inUse` first starts the server's services once on it (`regsweep datasets`, untimed), as a database in use is.
 */
function timeBin(args: (dir: string) => string[], inUse = false): ProcessRun {
  const runs: ProcessRun[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'regsweep-bench-startup-'));
    try {
      if (inUse) spawnSync(process.execPath, [BIN, 'datasets', '--db', join(dir, DB)], { stdio: 'ignore' });
      const run = runProcess(process.execPath, [BIN, ...args(dir)]);
      if (run.status !== 0) throw new Error(`regsweep ${args(dir).join(' ')} failed: ${run.stderr.slice(-1000)}`);
      runs.push(run);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    ...runs[0],
    seconds: median(runs.map((r) => r.seconds)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  };
}

export function startupJobs(): BenchRow[] {
  if (!cliAvailable()) return [];
  const help = timeBin(() => ['--help']);
  const fit = timeBin(() => ['fit', '--data', 'diabetes', '--penalty', 'l1', '--lambda', '0.1']);
  const datasets = timeBin((dir) => ['datasets', '--db', join(dir, DB)], true);
  const tinySweep = (dir: string) => {
    const config = join(dir, 'tiny.json');
    writeFileSync(config, JSON.stringify(TINY_SWEEP));
    return ['sweep', config, '--db', join(dir, DB)];
  };
  const sweep = timeBin(tinySweep);
  const sweepInUse = timeBin(tinySweep, true);
  const row = (job: string, run: ProcessRun, note: string): BenchRow => ({
    job,
    regsweep: run.seconds,
    unit: 'seconds',
    peakRssMb: run.peakRssMb,
    note: `median of ${REPEATS}; ${note}`,
  });
  return [
    row('CLI start-up: `regsweep --help`', help, 'commander and the command definitions only'),
    row('CLI start-up: `regsweep fit` (diabetes, l1, one λ)', fit, 'the engine, no database'),
    row(
      'CLI start-up: `regsweep sweep` of a tiny config (diabetes, 10 λ, 3 folds), fresh SQLite file',
      sweep,
      'Nest, TypeORM, migrations, built-ins stored; inline, no worker thread',
    ),
    row('CLI start-up: `regsweep datasets`, database in use', datasets, 'one SQLite query, no Nest or TypeORM'),
    row(
      'CLI start-up: `regsweep sweep` of the tiny config, database in use',
      sweepInUse,
      'no Nest or TypeORM: the sweep services built by hand on the file (light-sweep-session.ts); inline, no worker thread',
    ),
  ];
}
