/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Two `regsweep serve` processes on one PostgreSQL database, no queue: a server that starts while another runs a
 * sweep leaves the sweep to it (its lease is live, database/sweep-leases.ts), and takes the sweep over once that
 * server is SIGKILLed; nothing is stored twice.
 */
import { Client } from 'pg';
import { longTasksSweep } from '../helpers/sweep-configs';
import {
  serverOutputContains,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from './server-processes';
import { createTestSchema, type TestSchema } from './services';

/** Four tasks of 10,000 λ, one at a time: long enough for a second server to start while it runs. */
const SWEEP = longTasksSweep('leased', 1);
/** Short leases, so a scan for sweeps of dead servers comes every second. */
const SHORT_LEASES = { REGSWEEP_LEASE_SECONDS: '2' };

let schema: TestSchema;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  schema = await createTestSchema();
});
afterAll(async () => {
  await Promise.all(servers.map(stopServerProcess));
  await schema?.drop();
});

async function startServer(): Promise<ServerProcess> {
  const server = await startServerProcess(['--database', schema.url], SHORT_LEASES);
  servers.push(server);
  return server;
}

async function sweep(url: string, id: string): Promise<any> {
  return (await fetch(`${url}/api/sweeps/${id}`)).json();
}

it("leaves a live server's sweep to it, and takes the sweep over when that server dies", async () => {
  const first = await startServer();
  const submitted = await fetch(`${first.url}/api/sweeps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(SWEEP),
  });
  expect(submitted.status).toBe(202);
  const { id } = (await submitted.json()) as { id: string };
  while ((await sweep(first.url, id)).status !== 'running') await new Promise((resolve) => setTimeout(resolve, 50));

  // The second server's start-up recovery runs before it listens: by then it has seen the live lease.
  const second = await startServer();
  expect(second.output()).toContain(`sweep ${id} is run by`);
  expect(second.output()).not.toContain(`resuming sweep ${id}`);

  first.child.kill('SIGKILL');
  await first.exited;
  await serverOutputContains(second, `resuming sweep ${id}`);
  let finished: any;
  for (;;) {
    finished = await sweep(second.url, id);
    if (!['queued', 'running'].includes(finished.status)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(finished).toMatchObject({ status: 'succeeded', progress: { done: 4, total: 4 } });

  const client = new Client({ connectionString: schema.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT (SELECT COUNT(*)::int FROM trial WHERE "sweepId" = $1) AS trials, ' +
        '(SELECT COUNT(*)::int FROM fold_result f JOIN trial t ON t."id" = f."trialId" WHERE t."sweepId" = $1) AS folds',
      [id],
    );
    expect(rows[0]).toEqual({ trials: 10000, folds: 40000 });
  } finally {
    await client.end();
  }
}, 300_000);
