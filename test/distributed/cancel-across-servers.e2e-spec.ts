/**
 * A cancel sent to a server that does not run the sweep, as a load balancer in front of several servers on one
 * PostgreSQL database sends it: while a live server runs the sweep the answer is a 409 that says so; once that
 * server has died and no server has resumed the sweep yet, the server asked cancels it, and no server runs it again.
 */
import { Client } from 'pg';
import request from 'supertest';
import { UNTIL_CANCELLED_SWEEP } from '../helpers/sweep-configs';
import { sweepAt, submitSweep, useServersOnSchema, waitForSweepAt } from './server-processes';

/** Leases far longer than the test: no scan for sweeps of dead servers (every half lease) comes during it. */
const LONG_LEASES = { REGSWEEP_LEASE_SECONDS: '3600' };

const servers = useServersOnSchema('each');

it("answers 409 for a live server's sweep, and cancels the sweep of a dead server that no server resumed", async () => {
  const first = await servers.start(LONG_LEASES);
  const id = await submitSweep(first.url, UNTIL_CANCELLED_SWEEP);
  await waitForSweepAt(first.url, id, (sweep) => sweep.status === 'running');
  const second = await servers.start(LONG_LEASES); // sees the live lease at its start: leaves the sweep to `first`

  const refused = await request(second.url).post(`/api/sweeps/${id}/cancel`).expect(409);
  expect(refused.body.message).toMatch(/is run by another server process/);
  expect(await sweepAt(first.url, id)).toMatchObject({ status: 'running' });

  first.child.kill('SIGKILL');
  await first.exited;
  const { body: cancelled } = await request(second.url).post(`/api/sweeps/${id}/cancel`).expect(200);
  expect(cancelled).toMatchObject({ status: 'cancelled' });
  expect(cancelled.finishedAt).not.toBeNull();

  // A server starting now finds nothing to resume, and the lease was given back.
  const third = await servers.start(LONG_LEASES);
  expect(third.output()).not.toContain(`resuming sweep ${id}`);
  const client = new Client({ connectionString: servers.schema.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT s.status, l."expiresAt" <= now() AS released FROM sweep s JOIN sweep_lease l ON l."sweepId" = s.id
       WHERE s.id = $1`,
      [id],
    );
    expect(rows).toEqual([{ status: 'cancelled', released: true }]);
  } finally {
    await client.end();
  }
}, 120_000);
