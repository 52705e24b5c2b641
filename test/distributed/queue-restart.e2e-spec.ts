/**
 * Queue mode, the server killed with SIGKILL in the middle of a sweep and started again (real `regsweep serve`
 * processes on PostgreSQL and Redis, two `regsweep worker` processes): the new server resumes the sweep from what
 * PostgreSQL holds, stores nothing twice, and reports what an uninterrupted embedded run reports.
 */
import type { ChildProcess } from 'node:child_process';
import { startTestApp, waitForSweep } from '../helpers/test-app';
import { openQueue, startWorker, stopWorker, testQueueUrl, type WorkerProcess } from './queue-processes';
import {
  ended,
  startServerProcess,
  submitSweep,
  sweepAt,
  waitForSweepAt,
  type ServerProcess,
} from './server-processes';
import { createTestSchema, storedRowCounts, type TestSchema } from './services';
import { longTasksSweep } from '../helpers/sweep-configs';

/** Four tasks of 10,000 λ, one at a time: "mid-sweep" is after the first is stored and before the last. */
const SWEEP = longTasksSweep('restarted', 1);

let schema: TestSchema;
let queueUrl: string;
let workers: WorkerProcess[] = [];
const servers: ChildProcess[] = [];

beforeAll(async () => {
  schema = await createTestSchema();
  queueUrl = await testQueueUrl();
  workers = await Promise.all([1, 2].map(() => startWorker(queueUrl, schema.url)));
}, 120_000);

afterAll(async () => {
  for (const server of servers) if (server.exitCode === null) server.kill('SIGKILL');
  await Promise.all(workers.map(stopWorker));
  if (queueUrl) {
    const queue = openQueue(queueUrl);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  await schema?.drop();
});

/** A `regsweep serve` process on the test database and queue, once it listens. */
async function startServer(): Promise<ServerProcess> {
  const server = await startServerProcess(['--database', schema.url, '--queue', queueUrl]);
  servers.push(server.child);
  return server;
}

it('resumes a sweep after its server was SIGKILLed: nothing lost or stored twice, the same report', async () => {
  const first = await startServer();
  const id = await submitSweep(first.url, SWEEP);
  await waitForSweepAt(first.url, id, (sweep) => sweep.progress.done >= 1);
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));
  const { url } = await startServer();
  expect((await sweepAt(url, id)).progress.done).toBeLessThan(4);
  const finished = await waitForSweepAt(url, id, ended);
  expect(finished).toMatchObject({ status: 'succeeded', progress: { done: 4, total: 4 } });

  expect(await storedRowCounts(schema.url, id)).toEqual({ trials: 10000, folds: 40000 });
  const report = (await (await fetch(`${url}/api/sweeps/${id}/report`)).text()).replaceAll(id, '<sweep>');
  const embedded = await startTestApp();
  try {
    const { body } = await embedded.http.post('/api/sweeps').send(SWEEP).expect(202);
    await waitForSweep(embedded.http, body.id, 300_000);
    const { text } = await embedded.http.get(`/api/sweeps/${body.id}/report`).expect(200);
    expect(report).toBe(text.replaceAll(body.id, '<sweep>'));
  } finally {
    await embedded.close();
  }
}, 300_000); // four 10,000-λ tasks, twice (queued, then embedded): minutes when other test runs share the cores
