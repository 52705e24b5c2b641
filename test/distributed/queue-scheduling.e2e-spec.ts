/**
 * How queue mode hands out a sweep's jobs.
 *
 * Order: queue mode takes a sweep's jobs longest first, as the embedded pool starts its tasks (runner/task-order.ts), even
 * though the server adds them to Redis in whatever order their database writes finish: each job's BullMQ priority is
 * its place in the scheduler's order. An MLP random search (networks of very different cost) is queued whole before
 * any worker runs, then one worker process with one thread takes every job: in the order it took them (processedOn),
 * their work never grows.
 *
 * Dataset: a server announces a sweep's dataset as it starts the sweep, so a worker loads it while the server plans,
 * before the first job exists (here the server's own queue worker, `--local-workers 1`, which shares its
 * DatasetsService: both loads are seen there).
 */
import type { FoldRows, PathSpec } from '@regsweep/engine';
import request from 'supertest';
import { DatasetsService } from '../../apps/server/src/datasets/datasets.service';
import { createApp } from '../../apps/server/src/main';
import { fromTypedJson } from '../../apps/server/src/queue/typed-json';
import { waitForSweep } from '../helpers/test-app';
import {
  openQueue,
  startQueueModeServer,
  startWorker,
  stopQueueModeServer,
  until,
  type QueueModeServer,
  testQueueUrl,
  type WorkerProcess,
} from './queue-processes';
import { createTestSchema } from './services';

const TRIALS = 10;
const FOLDS = 3;
/** The plan's tasks; the refit round (search.refit chosen) adds fold 0 of the 1 or 2 reported trials after them. */
const TASKS = TRIALS * FOLDS;
/** Diabetes' inputs: a network's first layer. */
const INPUTS = 10;

const SEARCH = {
  name: 'queued longest first',
  dataset: 'diabetes',
  model: 'mlp',
  network: { hidden: { choices: [[2], [24, 12], [6]] }, activation: 'relu' },
  solver: { kind: 'adam', learningRate: 0.01, epochs: 4, batchSize: 64, seed: 1 },
  penalties: ['l2'],
  lambdas: { range: { min: 1e-4, max: 1e-1, scale: 'log' } },
  split: { kind: 'kfold', folds: FOLDS, shuffle: true, seed: 1 },
  search: { strategy: 'random', trials: TRIALS, seed: 4 },
  // Every task in the queue at once, so that the worker chooses among all of them.
  concurrency: TASKS,
};

let started: QueueModeServer;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  started = await startQueueModeServer();
}, 120_000);

afterAll(async () => {
  await stopQueueModeServer(started, workers);
});

/** Training rows × epochs × Σ weights per row, from the job's own data (not the scheduler's estimate). */
function work(payload: string): number {
  const { fold, spec } = fromTypedJson<{ fold: FoldRows; spec: PathSpec }>(payload);
  const sizes = [INPUTS, ...spec.mlp!.network.hidden, 1];
  const perRow = sizes.slice(1).reduce((sum, units, l) => sum + sizes[l] * units, 0);
  return fold.trainRows.length * spec.mlp!.solver.epochs * perRow;
}

it('one worker takes the jobs from the costliest down, whatever order they were added in', async () => {
  const { app, queue, queueUrl, schema } = started;
  const http = request(app.getHttpServer());
  const { body } = await http.post('/api/sweeps').send(SEARCH).expect(202);
  await until(async () => (await queue.getJobCountByTypes('waiting', 'prioritized')) === TASKS);
  workers.push(await startWorker(queueUrl, schema.url, 1));
  expect((await waitForSweep(http, body.id, 300_000)).status).toBe('succeeded');

  const jobs = (await queue.getCompleted(0, TASKS + 2)).sort((a, b) => a.processedOn! - b.processedOn!);
  expect([TASKS + 1, TASKS + 2]).toContain(jobs.length);
  const taken = jobs.slice(0, TASKS).map((job) => work(job.data.payload));
  expect(new Set(taken).size).toBeGreaterThan(3);
  for (let i = 1; i < taken.length; i++) expect(taken[i]).toBeLessThanOrEqual(taken[i - 1]);
});

it('a worker loads the sweep’s dataset before the sweep’s first job is added', async () => {
  const schema = await createTestSchema();
  const queueUrl = await testQueueUrl();
  const app = await createApp({ dbPath: schema.url, queueUrl, localWorkers: 1, dashboard: false, logger: false });
  const queue = openQueue(queueUrl);
  try {
    await app.init();
    const datasets = app.get(DatasetsService);
    const loads: number[] = [];
    const load = datasets.loadForSweep.bind(datasets);
    datasets.loadForSweep = (...args) => {
      loads.push(Date.now());
      return load(...args);
    };
    const http = request(app.getHttpServer());
    const { body } = await http
      .post('/api/sweeps')
      .send({ ...SEARCH, search: { strategy: 'random', trials: 2, seed: 4 }, concurrency: 1 })
      .expect(202);
    expect((await waitForSweep(http, body.id, 120_000)).status).toBe('succeeded');
    const firstAdded = Math.min(...(await queue.getCompleted(0, 100)).map((job) => job.timestamp));
    // The server's own load for its plan, and the worker's, both before any job existed.
    expect(loads).toHaveLength(2);
    for (const at of loads) expect(at).toBeLessThanOrEqual(firstAdded);
  } finally {
    await app.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await schema.drop();
  }
});
