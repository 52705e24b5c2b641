/**
 * `node dist/bench/src/scaling.js [--queue] [--embedded]` (after `npm run build`): only the 2-vs-1 rows of the MLP
 * sweeps, with their CPU accounts (where each process's and thread's CPU went), for a quiet-machine re-run:
 * --queue: 2 worker processes vs 1 on the large MLP sweep through PostgreSQL + Redis (jobs/queue-jobs.ts);
 * --embedded: the in-process MLP random search on 2 pool threads vs 1 (jobs/mlp-sweep-jobs.ts). Neither flag: both.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureSyntheticCsv } from './jobs/data-files';
import { benchFoldIds } from './jobs/engine-jobs';
import { mlpScalingRows } from './jobs/mlp-sweep-jobs';
import { MLP_SWEEP_SHAPE, mlpSweepConfig, workerScaling } from './jobs/queue-jobs';
import { printTable, type BenchRow } from './report-table';

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const both = !args.has('--queue') && !args.has('--embedded');
  const outDir = resolve(__dirname, '../../../bench/out');
  mkdirSync(outDir, { recursive: true });
  const load = () =>
    loadavg()
      .map((v) => v.toFixed(2))
      .join(' ');
  console.log(`regsweep scaling bench — node ${process.version}; load average at start ${load()}`);
  const rows: BenchRow[] = [];
  if (both || args.has('--embedded')) rows.push(...(await mlpScalingRows(outDir)));
  if (both || args.has('--queue')) {
    const csv = await ensureSyntheticCsv(outDir, 5000, 100);
    const configFile = join(outDir, 'queue-mlp-sweep-5000×100.json');
    writeFileSync(configFile, JSON.stringify(mlpSweepConfig(csv, '5000×100', benchFoldIds(5000, false))));
    rows.push(await workerScaling(configFile, `MLP sweep of 5000×100 (${MLP_SWEEP_SHAPE})`));
  }
  printTable(rows);
  console.log(`load average at end ${load()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
