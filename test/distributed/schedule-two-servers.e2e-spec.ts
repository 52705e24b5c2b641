/**
 * Two servers on one PostgreSQL database arm the same every-second schedule: each tick fires once, not once per
 * server, because the tick is claimed in the database (database/schedule-tick-claims.ts). The two servers are two
 * Nest applications with their own timers and connection pools (in this test process).
 */
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../apps/server/src/main';
import { createTestSchema, type TestSchema } from './services';

const TINY_SWEEP = {
  name: 'tiny',
  dataset: 'seed-linear',
  model: 'linear',
  penalties: ['l2'],
  lambdas: { values: [0.1, 1] },
  split: { kind: 'kfold', folds: 2, shuffle: true, seed: 1 },
};

let schema: TestSchema;
const servers: INestApplication[] = [];

async function startServer(): Promise<INestApplication> {
  const app = await createApp({ dbPath: schema.url, poolSize: 1, dashboard: false, logger: false });
  await app.init();
  servers.push(app);
  return app;
}

beforeAll(async () => {
  schema = await createTestSchema();
});
afterAll(async () => {
  for (const app of servers) await app.close();
  await schema?.drop();
});

async function rows<T>(sql: string, parameters: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: schema.url });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows as T[];
  } finally {
    await client.end();
  }
}

it('fires each tick of a schedule once with two servers armed', async () => {
  const first = await startServer();
  const { body: schedule } = await request(first.getHttpServer())
    .post('/api/schedules')
    .send({ name: 'every second', cron: '* * * * * *', sweep: TINY_SWEEP })
    .expect(201);
  await startServer(); // arms the stored schedule at start, like a second machine
  // Wait (on the database, not a clock) for six ticks claimed after both servers run.
  const armedAt = new Date();
  for (;;) {
    const [{ n }] = await rows<{ n: number }>(
      'SELECT COUNT(*)::int AS n FROM schedule_tick_claim WHERE "scheduleId" = $1 AND "tickAt" > $2',
      [schedule.id, armedAt],
    );
    if (n >= 6) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The schedule's history on PostgreSQL: its runs (newest first, each with its best λ once finished) and firings.
  const http = request(first.getHttpServer());
  let runs = (await http.get(`/api/schedules/${schedule.id}/runs`).expect(200)).body;
  while (!runs.items.some((run: { status: string }) => run.status === 'succeeded')) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    runs = (await http.get(`/api/schedules/${schedule.id}/runs`).expect(200)).body;
  }
  expect(runs.items[0]).toEqual(expect.objectContaining({ sweepId: expect.any(String), status: expect.any(String) }));
  const finishedRun = runs.items.find((run: { status: string }) => run.status === 'succeeded');
  expect(finishedRun.best).toEqual(expect.objectContaining({ penalty: 'l2', lambda: expect.any(Number) }));
  const firingsPage = (await http.get(`/api/schedules/${schedule.id}/firings`).expect(200)).body;
  expect(firingsPage.total).toBeGreaterThan(0);
  await http.patch(`/api/schedules/${schedule.id}`).send({ enabled: false }).expect(200);
  expect((await http.get(`/api/schedules/${schedule.id}`).expect(200)).body.enabled).toBe(false);
  for (const app of servers.splice(0)) await app.close();
  const claims = await rows<{ tickAt: Date }>(
    'SELECT "tickAt" FROM schedule_tick_claim WHERE "scheduleId" = $1 ORDER BY "tickAt"',
    [schedule.id],
  );
  const firings = await rows<{ firedAt: Date }>(
    'SELECT "firedAt" FROM schedule_firing WHERE "scheduleId" = $1 ORDER BY "firedAt"',
    [schedule.id],
  );
  // One firing per claimed tick, never two servers on one tick (a tick claimed while the servers closed may have
  // gone unrecorded: at most one per server).
  expect(firings.length).toBeLessThanOrEqual(claims.length);
  expect(firings.length).toBeGreaterThanOrEqual(claims.length - 2);
  expect(new Set(claims.map((claim) => claim.tickAt.getTime())).size).toBe(claims.length);
});
