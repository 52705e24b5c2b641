/**
 * `node dist/bench/src/mlp-epoch.js`: only the MLP time-per-epoch rows of `npm run bench` (jobs/mlp-epoch-jobs.ts),
 * for working on the network's kernels without the whole bench.
 */
import { loadavg } from 'node:os';
import { anchors } from './anchors';
import { mlpEpochJobs } from './jobs/mlp-epoch-jobs';
import { printTable } from './report-table';

console.log(`load average at start ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
printTable(mlpEpochJobs(anchors.sklearn()));
console.log(`load average at the end ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
