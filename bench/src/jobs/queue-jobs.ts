/**
 * Queue mode (issue 14): what the BullMQ queue costs per task, and what a second `regsweep worker` process adds.
 * - the queue's own overhead per task: tiny jobs (a 10-λ packed result each way, encoded as the real ones are)
 *   through Redis to one in-process BullMQ worker, 1 in flight (latency) and 16 in flight (throughput);
 * - 1 vs 2 worker processes (one Piscina thread each) on the four-penalty sweep of a bench CSV and on an MLP sweep
 *   of it (each task a network trained for a few epochs: compute-bound, no shared sums), the CLI's
 *   `sweep --queue --database` against fresh PostgreSQL schemas: the sweep phase (finishedAt − startedAt).
 * Needs PostgreSQL and Redis (REGSWEEP_TEST_POSTGRES_URL / REGSWEEP_TEST_REDIS_URL, defaults on 127.0.0.1); without
 * them the rows say so.
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { parseQueueUrl } from '../../../apps/server/src/queue/queue-connection';
import { fromTypedJson, toTypedJson } from '../../../apps/server/src/queue/typed-json';
import type { BenchRow } from '../report-table';
import { benchSweepConfig, ALL_PENALTIES } from './sweep-jobs';
import { describeCpu, fitShare, queuedSweepRun } from './queue-scaling';

const POSTGRES_URL = process.env.REGSWEEP_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REGSWEEP_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const CLI = resolve(__dirname, '../../../apps/cli/src/main.js');

function queueUrl(): string {
  const url = new URL(REDIS_URL);
  url.searchParams.set('prefix', `regsweep-bench-${randomBytes(4).toString('hex')}`);
  return url.toString();
}

/** A fold result's size on the wire for a 10-λ path (what a tiny task sends back). */
function tinyResult() {
  const column = () => Float64Array.from({ length: 10 }, (_, i) => Math.sqrt(i + 0.5));
  return { fold: 1, train: column(), validation: column(), lambda: column(), intercept: column(), reasons: {} };
}

/** Seconds per job for `jobs` jobs with `inFlight` of them outstanding at a time. */
async function queueRoundTrips(jobs: number, inFlight: number): Promise<number> {
  const { connection, prefix } = parseQueueUrl(queueUrl());
  const queue = new Queue('bench', { connection, prefix });
  const events = new QueueEvents('bench', { connection, prefix });
  events.setMaxListeners(inFlight + 10); // one listener per job waited for
  const worker = new Worker('bench', async (job) => toTypedJson(fromTypedJson(job.data.payload)), {
    connection,
    prefix,
    concurrency: 16,
  });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), worker.waitUntilReady()]);
  const payload = toTypedJson(tinyResult());
  const one = async () => {
    const job = await queue.add('tiny', { payload }, { removeOnComplete: { age: 60 } });
    fromTypedJson(await job.waitUntilFinished(events));
  };
  await one(); // connections warm
  const start = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < jobs) await one();
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await worker.close();
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return seconds / jobs;
}

export async function withSchema<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `regsweep_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${name}"`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`DROP SCHEMA "${name}" CASCADE`);
    await admin.end();
  }
}

/**
 * A large MLP sweep, every task compute-bound (no shared sums): [64] relu trained by adam for 20 epochs on every row
 * of its fold, 3 λ × 2 penalties = 6 curves × (10 folds + the full data) = 66 tasks of about 0.9 s each on a quiet
 * core for the 5000×100 bench CSV, so that the last tasks' tail is small against the whole. No `concurrency`: queue
 * mode keeps up to its default in flight, so each worker has its next job waiting when one ends.
 */
export const MLP_SWEEP_SHAPE = '[64] relu, adam 20 epochs, batch 128, l2 and l1 × 3 λ, 10-fold + full data: 66 tasks';
export function mlpSweepConfig(csv: string, shape: string, foldIds: number[]): object {
  return {
    name: `bench mlp ${shape}`,
    dataset: csv,
    target: 'y',
    model: 'mlp',
    network: { hidden: [64], activation: 'relu', output: 'linear' },
    solver: { kind: 'adam', learningRate: 0.001, epochs: 20, batchSize: 128, seed: 1 },
    penalties: ['l2', 'l1'],
    lambdas: { values: [0.01, 0.001, 0.0001] },
    split: { kind: 'foldIds', foldIds },
    metric: 'mse',
  };
}

/** The sweep phase with 1 and with 2 worker processes, as a ratio row, with each run's CPU account. */
export async function workerScaling(configFile: string, sweep: string): Promise<BenchRow> {
  const one = await withSchema((database) => queuedSweepRun(CLI, configFile, 1, database, REDIS_URL));
  const two = await withSchema((database) => queuedSweepRun(CLI, configFile, 2, database, REDIS_URL));
  return {
    job: `queue: 2 worker processes vs 1 (1 thread each), ${sweep}, sweep phase`,
    regsweep: one.seconds / two.seconds,
    unit: 'ratio',
    note:
      `1 worker ${one.seconds.toFixed(2)} s, 2 workers ${two.seconds.toFixed(2)} s (PostgreSQL + Redis on this machine); ` +
      `bound from 1 worker's CPU: ≤ ${(2 * fitShare(one.cpu)).toFixed(2)}×; CPU, 1 worker: ${describeCpu(one.cpu)}; ` +
      `2 workers: ${describeCpu(two.cpu)}`,
  };
}

export async function queueJobs(csv: string, shape: string, foldIds: number[], outDir: string): Promise<BenchRow[]> {
  try {
    const probe = new Client({ connectionString: POSTGRES_URL });
    await probe.connect();
    await probe.end();
  } catch (error) {
    return [
      {
        job: 'queue mode',
        regsweep: NaN,
        unit: 'seconds',
        note: `not measured: PostgreSQL unreachable (${String(error)})`,
      },
    ];
  }
  const latency = await queueRoundTrips(200, 1);
  const throughput = await queueRoundTrips(2000, 16);
  const configFile = join(outDir, `queue-sweep-${shape}.json`);
  writeFileSync(configFile, JSON.stringify(benchSweepConfig(csv, shape, foldIds, ALL_PENALTIES, 2)));
  const mlpConfigFile = join(outDir, `queue-mlp-sweep-${shape}.json`);
  writeFileSync(mlpConfigFile, JSON.stringify(mlpSweepConfig(csv, shape, foldIds)));
  const scaling = [
    await workerScaling(configFile, `four-penalty 10-fold sweep of ${shape}`),
    await workerScaling(mlpConfigFile, `MLP sweep of ${shape} (${MLP_SWEEP_SHAPE})`),
  ];
  return [
    {
      job: 'queue: overhead per tiny task, 1 in flight (BullMQ round trip through Redis, 10-λ result each way)',
      regsweep: latency,
      unit: 'seconds',
      note: `${(latency * 1000).toFixed(2)} ms per task; 200 tasks`,
    },
    {
      job: 'queue: overhead per tiny task, 16 in flight (throughput)',
      regsweep: throughput,
      unit: 'seconds',
      note: `${(throughput * 1000).toFixed(2)} ms per task, ${(1 / throughput).toFixed(0)} tasks/s; 2000 tasks`,
    },
    ...scaling,
  ];
}
