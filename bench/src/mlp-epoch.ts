/**
 * `node dist/bench/src/mlp-epoch.js [--sweep] [--no-epochs] [--classifiers]`: only the MLP rows of `npm run bench`
 * (time per epoch, jobs/mlp-epoch-jobs.ts, with --classifiers the MLPClassifier rows only; with --sweep the random
 * search and 2 workers vs 1, jobs/mlp-sweep-jobs.ts), for working
 * on the network's code without the whole bench.
 */
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { anchors } from './anchors';
import { mlpClassifierEpochJobs, mlpEpochJobs } from './jobs/mlp-epoch-jobs';
import { mlpSweepJobs } from './jobs/mlp-sweep-jobs';
import { printTable, type BenchRow } from './report-table';

const args = new Set(process.argv.slice(2));
const load = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
console.log(`load average at start ${load()}`);
const rows: BenchRow[] = [];
if (!args.has('--no-epochs') && !args.has('--classifiers')) rows.push(...mlpEpochJobs(anchors.sklearn()));
if (!args.has('--no-epochs')) rows.push(...mlpClassifierEpochJobs(anchors.sklearn()));
if (args.has('--sweep')) {
  const outDir = resolve(__dirname, '../../../bench/out');
  mkdirSync(outDir, { recursive: true });
  rows.push(...mlpSweepJobs(outDir, anchors.optuna()));
}
printTable(rows);
console.log(`load average at the end ${load()}`);
