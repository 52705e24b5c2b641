/**
 * `node dist/bench/src/pool-choice.js [NxP] [rounds]`: the bench's sweeps (10-fold lasso, and none/l1/l2/elasticnet)
 * on one worker (REGSWEEP_WORKERS=1, concurrency 1) against the default pool with no `concurrency` (the run chooses,
 * chooseConcurrency), interleaved round by round on a loaded machine; the sweep phase's speed-up per round, its
 * median, and the threads the run recorded. Default 5000×100, 3 rounds.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { runSweepCli } from './jobs/cli';
import { ensureSyntheticCsv } from './jobs/data-files';
import { benchFoldIds } from './jobs/engine-jobs';
import { ALL_PENALTIES, benchSweepConfig } from './jobs/sweep-jobs';
import { median } from './measure';

async function main(): Promise<void> {
  const [n, p] = (process.argv[2] ?? '5000x100').split('x').map(Number);
  const rounds = Number(process.argv[3] ?? 3);
  const outDir = resolve(__dirname, '../../../bench/out');
  const csv = await ensureSyntheticCsv(outDir, n, p);
  const folds = benchFoldIds(n, false);
  const shape = `${n}×${p}`;
  for (const [label, penalties] of [
    ['lasso', ['l1']],
    ['four penalties', ALL_PENALTIES],
  ] as const) {
    const speedUps: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const one = runSweepCli(benchSweepConfig(csv, shape, folds, penalties, 1), outDir, { REGSWEEP_WORKERS: '1' });
      const chosen = runSweepCli(benchSweepConfig(csv, shape, folds, penalties, undefined), outDir);
      speedUps.push(one.sweepSeconds / chosen.sweepSeconds);
      console.log(
        `${shape} ${label}, round ${round}: 1 worker ${one.sweepSeconds.toFixed(3)} s, default pool ` +
          `${chosen.sweepSeconds.toFixed(3)} s (${JSON.stringify(chosen.threads)}); ` +
          `speed-up ${speedUps[speedUps.length - 1].toFixed(2)}×; load ${loadavg()[0].toFixed(2)}`,
      );
    }
    console.log(`${shape} ${label}: median speed-up of the default pool over 1 worker ${median(speedUps).toFixed(2)}×`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
