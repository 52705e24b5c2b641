/**
 * `node dist/bench/src/mlp-report-network.js [rounds]`: the serial work an MLP sweep's report no longer does (issues
 * 12 and 14). Before, the report trained the chosen network once more on the server's main thread (fold 0's
 * training: every fitting row, the trial's seed, no validation rows); now it reads the weights the full-data task
 * returned. This times that training for each trial of the queue bench's sweep (jobs/queue-jobs.ts, 5000×100,
 * [64] relu, adam 20 epochs, batch 128; any of them may be the chosen one): CPU (user + sys of this process, one
 * thread) and wall time, the median of `rounds` (3).
 */
import { inputScaling, scaledRows, trainMlp } from '@regsweep/engine';
import { pathSpecOf, planSweep, validateSweepConfig } from '@regsweep/sweep';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { ensureSyntheticCsv, readCsvDataset } from './jobs/data-files';
import { benchFoldIds } from './jobs/engine-jobs';
import { MLP_SWEEP_SHAPE, mlpSweepConfig } from './jobs/queue-jobs';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  const outDir = resolve(__dirname, '../../../bench/out');
  mkdirSync(outDir, { recursive: true });
  const csv = await ensureSyntheticCsv(outDir, 5000, 100);
  const data = readCsvDataset(csv);
  const config = validateSweepConfig(mlpSweepConfig(csv, '5000×100', benchFoldIds(5000, false)));
  const plan = planSweep('bench', config, data);
  // As report/mlp-chosen.ts trained it: every fitting row, scaled on them, no validation rows, no early stopping.
  const train = scaledRows(data, plan.split.fitRows, inputScaling(data, plan.split.fitRows, config.standardize));
  console.log(`MLP sweep of 5000×100 (${MLP_SWEEP_SHAPE}); load average at start ${load()}`);
  console.log('trial | retraining CPU s (median) | wall s (median)');
  for (const curve of plan.curves) {
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const start = process.cpuUsage();
      const started = process.hrtime.bigint();
      const { network, solver } = pathSpecOf(config, curve).mlp!;
      trainMlp({
        network,
        solver,
        penalty: { lambda: curve.lambdas[0], l1Ratio: curve.penalty === 'l1' ? 1 : 0 },
        train,
      });
      const used = process.cpuUsage(start);
      wall.push(Number(process.hrtime.bigint() - started) / 1e9);
      cpu.push((used.user + used.system) / 1e6);
    }
    const label = `${curve.penalty} λ ${curve.lambdas[0]}`;
    console.log(`${label} | ${median(cpu).toFixed(3)} | ${median(wall).toFixed(3)}`);
  }
  console.log(`load average at end ${load()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
