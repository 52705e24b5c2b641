/**
 * Queue mode with real processes: a server on PostgreSQL with a BullMQ queue (it runs no fits), three `regsweep
 * worker` processes of the compiled CLI, Redis and PostgreSQL as they run on this machine. The four-penalty sweep
 * gives the embedded mode's report byte for byte; a worker killed with SIGKILL in the middle of a task loses
 * nothing: its job is taken by another worker and every trial and fold row is stored exactly once.
 */
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { queryDb, startTestApp, uploadCsv, waitForSweep } from '../helpers/test-app';
import { longTasksSweep } from '../helpers/sweep-configs';
import { startQueueModeServer, startWorker, stopQueueModeServer, until, type WorkerProcess } from './queue-processes';
import type { TestSchema } from './services';

const FOUR_PENALTIES = parseYaml(
  readFileSync(join(__dirname, '..', '..', 'examples', 'diabetes-penalties.yaml'), 'utf8'),
);
/**
 * Large enough (n·(p+2)² ≥ 10⁷, engine route.ts) for the sweep's cross products to be summed once and shared by the
 * fold tasks: 3000 rows of 60 features and a linear response with noise, from a fixed LCG.
 */
function largeCsv(): string {
  let state = 12345;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const header = [...Array.from({ length: 60 }, (_, j) => `x${j}`), 'y'].join(',');
  const lines = Array.from({ length: 3000 }, () => {
    const x = Array.from({ length: 60 }, next);
    const y = x.slice(0, 10).reduce((sum, value, j) => sum + (j + 1) * value, 0) + next();
    return [...x, y].map((value) => value.toFixed(6)).join(',');
  });
  return [header, ...lines].join('\n');
}
const LARGE_SWEEP = {
  name: 'shared cross products',
  dataset: 'large',
  model: 'linear',
  penalties: ['l1', 'l2'],
  lambdas: { auto: { count: 20, adaptive: false } },
  split: { kind: 'kfold', folds: 5, shuffle: true, seed: 3 },
};

/** A small network sweep scored on held-out rows: the report shows the chosen network and its test score. */
const MLP_SWEEP = {
  name: 'queued networks',
  dataset: 'diabetes',
  model: 'mlp',
  network: { hidden: { choices: [[4], [3, 2]] }, activation: 'tanh', output: 'linear' },
  solver: { kind: 'adam', learningRate: 0.01, epochs: 20, batchSize: 64, seed: 5 },
  penalties: ['l1', 'l2'],
  lambdas: { values: [0.1, 0.001] },
  split: { kind: 'kfold', folds: 3, seed: 2 },
  testFraction: 0.2,
};

/** Long tasks, so a worker can be killed while it holds one. */
const LONG_TASKS = longTasksSweep('long tasks', 3);

let schema: TestSchema;
let queueUrl: string;
let server: INestApplication;
let http: ReturnType<typeof request>;
let workers: WorkerProcess[] = [];
let queue: Queue;

beforeAll(async () => {
  ({ schema, queueUrl, app: server, queue } = await startQueueModeServer());
  http = request(server.getHttpServer());
  workers = await Promise.all([1, 2, 3].map(() => startWorker(queueUrl, schema.url)));
}, 120_000);

afterAll(async () => {
  await stopQueueModeServer({ schema, queueUrl, app: server, queue }, workers);
});

/** Submits, waits, and answers the report's text with the sweep id replaced. */
async function run(client: ReturnType<typeof request>, config: object): Promise<{ id: string; report: string }> {
  const { body } = await client.post('/api/sweeps').send(config).expect(202);
  const finished = await waitForSweep(client, body.id, 300_000);
  expect(finished.status).toBe('succeeded');
  const { text } = await client.get(`/api/sweeps/${body.id}/report`).expect(200);
  return { id: body.id, report: text.replaceAll(body.id, '<sweep>') };
}

async function embeddedReport(config: object, csv?: string): Promise<string> {
  const embedded = await startTestApp();
  try {
    if (csv) await uploadCsv(embedded.http, { name: 'large', target: 'y', csv, fileName: 'large.csv' }).expect(201);
    return (await run(embedded.http, config)).report;
  } finally {
    await embedded.close();
  }
}

async function rowCounts(sweepId: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: schema.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT (SELECT COUNT(*)::int FROM trial WHERE "sweepId" = $1) AS trials, ' +
        '(SELECT COUNT(DISTINCT "key")::int FROM trial WHERE "sweepId" = $1) AS "distinctTrials", ' +
        '(SELECT COUNT(*)::int FROM fold_result f JOIN trial t ON t."id" = f."trialId" WHERE t."sweepId" = $1) AS folds, ' +
        `(SELECT COUNT(*)::int FROM task WHERE "sweepId" = $1 AND "status" = 'done') AS "doneTasks"`,
      [sweepId],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

describe('queue mode with three worker processes', () => {
  it('gives the embedded mode’s four-penalty report byte for byte, the tasks spread over the workers', async () => {
    const queued = await run(http, FOUR_PENALTIES);
    expect(queued.report).toBe(await embeddedReport(FOUR_PENALTIES));
    const completed = await queue.getCompleted(0, 1000);
    const byWorker = new Set(completed.map((job) => job.processedBy));
    expect(byWorker.size).toBeGreaterThan(1);
    for (const name of byWorker) expect(workers.map((w) => w.name)).toContain(name);
    // Every trial once with its 11 fold rows, every task done once: 301 trials and 44 tasks on the auto grids, plus
    // what the example's adaptive grid added.
    const counts = await rowCounts(queued.id);
    expect(counts.distinctTrials).toBe(counts.trials);
    expect(counts.folds).toBe(counts.trials * 11);
    expect(counts.trials).toBeGreaterThanOrEqual(301);
    const { body: sweep } = await http.get(`/api/sweeps/${queued.id}`).expect(200);
    expect(counts.doneTasks).toBe(sweep.progress.total);
  });

  it('an mlp sweep: each refitted trial’s full-data network comes back with its job and is stored once, the embedded bits', async () => {
    const queued = await run(http, MLP_SWEEP);
    const client = new Client({ connectionString: schema.url });
    await client.connect();
    let stored: string[];
    try {
      const { rows } = await client.query(
        'SELECT encode(n."parameters", \'hex\') AS hex FROM trial t JOIN trial_network n ON n."trialId" = t."id" ' +
          'WHERE t."sweepId" = $1 ORDER BY t."curve", t."lambdaIndex"',
        [queued.id],
      );
      stored = rows.map((row: { hex: string }) => row.hex);
    } finally {
      await client.end();
    }
    // search.refit chosen: the networks of the best curve's lambdaMin and lambda1se trials, trained after the CV.
    expect([1, 2]).toContain(stored.length);
    const embedded = await startTestApp();
    try {
      const local = await run(embedded.http, MLP_SWEEP);
      expect(queued.report).toBe(local.report);
      const rows = queryDb<{ hex: string }>(
        embedded.dbPath,
        'SELECT hex(n.parameters) AS hex FROM trial t JOIN trial_network n ON n.trialId = t.id ' +
          'WHERE t.sweepId = ? ORDER BY t.curve, t.lambdaIndex',
        local.id,
      );
      expect(stored).toEqual(rows.map((row) => row.hex.toLowerCase()));
    } finally {
      await embedded.close();
    }
  });

  it('fits large data from cross products each worker sums once per sweep: the embedded report byte for byte', async () => {
    const csv = largeCsv();
    await uploadCsv(http, { name: 'large', target: 'y', csv, fileName: 'large.csv' }).expect(201);
    const queued = await run(http, LARGE_SWEEP);
    expect(queued.report).toBe(await embeddedReport(LARGE_SWEEP, csv));
  });

  it('finishes a sweep whose worker was SIGKILLed mid-task: the job moves on, nothing lost or stored twice', async () => {
    const { body } = await http.post('/api/sweeps').send(LONG_TASKS).expect(202);
    // Wait until some worker holds a job, and kill that worker.
    let victim: WorkerProcess | undefined;
    let jobId: string | undefined;
    while (!victim) {
      const [active] = await queue.getActive();
      victim = workers.find((worker) => active && worker.name === active.processedBy);
      jobId = active?.id;
      if (!victim) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    victim.child.kill('SIGKILL');
    await victim.exited;
    workers = workers.filter((worker) => worker !== victim);

    const finished = await waitForSweep(http, body.id, 300_000);
    expect(finished).toMatchObject({ status: 'succeeded', progress: { done: 4, total: 4 } });
    const taken = await queue.getJob(jobId!);
    // Taken again by a live worker (or, if it had finished in the instant before the kill, by the victim).
    expect(taken?.finishedOn).toBeDefined();
    expect(await rowCounts(body.id)).toEqual({ trials: 10000, distinctTrials: 10000, folds: 40000, doneTasks: 4 });
    const { text } = await http.get(`/api/sweeps/${body.id}/report`).expect(200);
    expect(text.replaceAll(body.id, '<sweep>')).toBe(await embeddedReport(LONG_TASKS));
  });

  it('cancels a sweep on every worker: running jobs stop, waiting ones are removed', async () => {
    const { body } = await http
      .post('/api/sweeps')
      .send({ ...LONG_TASKS, name: 'cancelled' })
      .expect(202);
    // Cancel once every live worker holds one of its jobs.
    await until(async () => new Set((await queue.getActive()).map((job) => job.processedBy)).size === workers.length);
    await http.post(`/api/sweeps/${body.id}/cancel`).expect(200);
    expect((await waitForSweep(http, body.id, 120_000)).status).toBe('cancelled');
    // Waiting jobs carry priorities (queued-worker-pool.ts jobPriority): BullMQ counts them as 'prioritized'.
    const left = async () => queue.getJobCountByTypes('active', 'waiting', 'prioritized');
    await until(async () => (await left()) === 0);
    const failed = await queue.getFailed(0, 100);
    const cancelled = failed.filter((job) => job.failedReason === 'cancelled');
    expect(new Set(cancelled.map((job) => job.processedBy)).size).toBe(workers.length);
  });
});
