/**
 * `serve --queue … --local-workers N`: with no `regsweep worker` anywhere, the server's own threads take the queued
 * fold tasks, and the report is the embedded one, byte for byte. (Without --local-workers a server with a queue
 * runs no fits: the other distributed tests' jobs are all processed by worker processes.)
 */
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { hostname } from 'node:os';
import request from 'supertest';
import { createApp } from '../../apps/server/src/main';
import { startTestApp, waitForSweep } from '../helpers/test-app';
import { openQueue, testQueueUrl } from './queue-processes';
import { createTestSchema, type TestSchema } from './services';

const CONFIG = {
  name: 'local workers',
  dataset: 'diabetes',
  model: 'linear',
  penalties: ['l1', 'l2'],
  lambdas: { auto: { count: 50 } },
  split: { kind: 'kfold', folds: 5, shuffle: true, seed: 3 },
};

let schema: TestSchema;
let server: INestApplication;
let queue: Queue;

beforeAll(async () => {
  schema = await createTestSchema();
  const queueUrl = await testQueueUrl();
  server = await createApp({ dbPath: schema.url, queueUrl, localWorkers: 1, dashboard: false, logger: false });
  await server.init();
  queue = openQueue(queueUrl);
});

afterAll(async () => {
  await server?.close();
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await schema?.drop();
});

it('runs the queued tasks on the server’s own threads, with the embedded report', async () => {
  const http = request(server.getHttpServer());
  const { body } = await http.post('/api/sweeps').send(CONFIG).expect(202);
  expect((await waitForSweep(http, body.id, 120_000)).status).toBe('succeeded');
  const { text } = await http.get(`/api/sweeps/${body.id}/report`).expect(200);
  const completed = await queue.getCompleted(0, 1000);
  // 2 curves × 6 tasks, and 6 more per step the adaptive grid (on by default) added.
  const { penalties } = JSON.parse(text) as { penalties: { adaptive: { added: unknown[] } }[] };
  const steps = penalties.reduce((sum, p) => sum + p.adaptive.added.length, 0);
  expect(completed).toHaveLength(12 + 6 * steps);
  for (const job of completed) expect(job.processedBy).toBe(`regsweep-worker:${hostname()}:${process.pid}`);

  const embedded = await startTestApp();
  try {
    const { body: local } = await embedded.http.post('/api/sweeps').send(CONFIG).expect(202);
    await waitForSweep(embedded.http, local.id);
    const { text: expected } = await embedded.http.get(`/api/sweeps/${local.id}/report`).expect(200);
    expect(text.replaceAll(body.id, '<sweep>')).toBe(expected.replaceAll(local.id, '<sweep>'));
  } finally {
    await embedded.close();
  }
});
