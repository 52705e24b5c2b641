/**
 * Two `regsweep serve` processes on one PostgreSQL database arm the same every-second schedule: each tick fires
 * once, not once per server, because the tick is claimed in the database (database/schedule-tick-claims.ts); and
 * `overlap` holds across them: a tick claimed by one server while the other's run goes on is skipped or queued.
 */
import { Client } from 'pg';
import request from 'supertest';
import { SMALL_LASSO_SWEEP, UNTIL_CANCELLED_SWEEP } from '../helpers/sweep-configs';
import { recentOutput, useServersOnSchema, type ServerProcess } from './server-processes';

/** Ends well within a second, so most ticks find no run going on. */
const TINY_SWEEP = { ...SMALL_LASSO_SWEEP, penalties: ['l2'] };

const servers = useServersOnSchema('each');

/** Starts `count` more servers on the test schema; resolves with those. */
async function startServers(count: number): Promise<ServerProcess[]> {
  const started: ServerProcess[] = [];
  for (let i = 0; i < count; i++) started.push(await servers.start());
  return started;
}

/** Starts one server and stores on it a schedule that fires every second; resolves with both. */
async function serverWithSchedule(
  fields: Record<string, unknown>,
): Promise<{ first: ServerProcess; scheduleId: string }> {
  const [first] = await startServers(1);
  const { body } = await request(first.url)
    .post('/api/schedules')
    .send({ cron: '* * * * * *', ...fields })
    .expect(201);
  return { first, scheduleId: body.id };
}

async function rows<T>(sql: string, parameters: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: servers.schema.url });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Cancels the sweep on `server`; any answer but 200 fails with what explains it: the answer's message, the sweep's
 * row, its lease, and the recent output of the server asked and of `others`.
 */
async function cancelOn(server: ServerProcess, sweepId: string, others: Record<string, ServerProcess>): Promise<void> {
  const answer = await request(server.url).post(`/api/sweeps/${sweepId}/cancel`);
  if (answer.status === 200) return;
  const [sweep] = await rows('SELECT status, error FROM sweep WHERE id = $1', [sweepId]);
  const [lease] = await rows(
    'SELECT owner, "expiresAt", "expiresAt" < now() AS expired FROM sweep_lease WHERE "sweepId" = $1',
    [sweepId],
  );
  const outputs = Object.entries({ asked: server, ...others }).map(
    ([name, other]) => `--- ${name} server (pid ${other.child.pid}), recent output:\n${recentOutput(other)}`,
  );
  throw new Error(
    [
      `cancel of sweep ${sweepId} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      `sweep row: ${JSON.stringify(sweep ?? null)}`,
      `sweep_lease row: ${JSON.stringify(lease ?? null)}`,
      ...outputs,
    ].join('\n'),
  );
}

/** Polls the database every 100 ms until `done` holds for the count `sql` answers. */
async function waitForCount(sql: string, parameters: unknown[], done: (n: number) => boolean): Promise<void> {
  for (;;) {
    const [{ n }] = await rows<{ n: number }>(sql, parameters);
    if (done(n)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('fires each tick of a schedule once with two server processes armed', async () => {
  const { first, scheduleId } = await serverWithSchedule({ name: 'every second', sweep: TINY_SWEEP });
  await startServers(1); // arms the stored schedule at start, like a second machine
  // Wait (on the database, not a clock) for six ticks claimed after both servers run.
  const armedAt = new Date();
  await waitForCount(
    'SELECT COUNT(*)::int AS n FROM schedule_tick_claim WHERE "scheduleId" = $1 AND "tickAt" > $2',
    [scheduleId, armedAt],
    (n) => n >= 6,
  );
  // The schedule's history on PostgreSQL: its runs (newest first, each with its best λ once finished) and firings.
  const http = request(first.url);
  let runs = (await http.get(`/api/schedules/${scheduleId}/runs`).expect(200)).body;
  while (!runs.items.some((run: { status: string }) => run.status === 'succeeded')) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    runs = (await http.get(`/api/schedules/${scheduleId}/runs`).expect(200)).body;
  }
  const finishedRun = runs.items.find((run: { status: string }) => run.status === 'succeeded');
  expect(finishedRun.best).toEqual(expect.objectContaining({ penalty: 'l2', lambda: expect.any(Number) }));
  await http.patch(`/api/schedules/${scheduleId}`).send({ enabled: false }).expect(200);
  await servers.stopAll();
  const claims = await rows<{ tickAt: Date }>(
    'SELECT "tickAt" FROM schedule_tick_claim WHERE "scheduleId" = $1 ORDER BY "tickAt"',
    [scheduleId],
  );
  const firings = await rows<{ firedAt: Date }>(
    'SELECT "firedAt" FROM schedule_firing WHERE "scheduleId" = $1 ORDER BY "firedAt"',
    [scheduleId],
  );
  // One firing per claimed tick, never two servers on one tick (a tick claimed while a server stopped may have
  // gone unrecorded: at most one per server).
  expect(firings.length).toBeLessThanOrEqual(claims.length);
  expect(firings.length).toBeGreaterThanOrEqual(claims.length - 2);
  expect(new Set(claims.map((claim) => claim.tickAt.getTime())).size).toBe(claims.length);
  expect(new Set(firings.map((firing) => firing.firedAt.getTime())).size).toBe(firings.length);
});

it('overlap skip holds across server processes: a tick another server claims starts nothing while the run goes on', async () => {
  const { first, scheduleId } = await serverWithSchedule({
    name: 'slow',
    overlap: 'skip',
    sweep: UNTIL_CANCELLED_SWEEP,
  });
  const firingCount = 'SELECT COUNT(*)::int AS n FROM schedule_firing WHERE "scheduleId" = $1';
  await waitForCount(firingCount, [scheduleId], (n) => n >= 1); // the first server's run has started
  // The first server dies mid-run; the second resumes the sweep at its start. From here on only the second server
  // claims ticks, and its ticks' memory holds no run of the schedule: the database does.
  first.child.kill('SIGKILL');
  await first.exited;
  await startServers(1);
  const [{ n: before }] = await rows<{ n: number }>(firingCount, [scheduleId]);
  await waitForCount(firingCount, [scheduleId], (n) => n >= before + 4);
  const firings = await rows<{ outcome: string; reason: string | null; sweepId: string | null }>(
    'SELECT outcome, reason, "sweepId" FROM schedule_firing WHERE "scheduleId" = $1 ORDER BY "firedAt"',
    [scheduleId],
  );
  expect(firings[0]).toMatchObject({ outcome: 'started' });
  for (const firing of firings.slice(1)) {
    expect(firing).toMatchObject({ outcome: 'skipped', sweepId: null });
    expect(firing.reason).toMatch(/previous run is still queued or running/);
  }
  expect(firings.slice(before).every((firing) => /started by another server/.test(firing.reason ?? ''))).toBe(true);
  const sweeps = await rows<{ status: string }>('SELECT status FROM sweep WHERE "scheduleId" = $1', [scheduleId]);
  expect(sweeps).toHaveLength(1);
});

it('overlap queue holds across server processes: a tick waits for the run another server started, then starts', async () => {
  const { first, scheduleId } = await serverWithSchedule({
    name: 'queued',
    overlap: 'queue',
    sweep: UNTIL_CANCELLED_SWEEP,
  });
  const countOf = (outcome: string) =>
    waitForCount(
      'SELECT COUNT(*)::int AS n FROM schedule_firing WHERE "scheduleId" = $1 AND outcome = $2',
      [scheduleId, outcome],
      (n) => n >= 1,
    );
  await countOf('started');
  // The first server dies mid-run; the second resumes the sweep at its start, outside its ticks' memory.
  first.child.kill('SIGKILL');
  await first.exited;
  const [second] = await startServers(1);
  const [running] = await rows<{ id: string }>('SELECT id FROM sweep WHERE "scheduleId" = $1', [scheduleId]);
  // A starting server records the queued firings of a killed one as skipped before it arms its schedules, so a
  // queued firing from now on is the second server's tick. (Not "fired after this line": the second server may
  // have fired its one queued tick before it, and its later ticks are skipped behind that one.)
  await countOf('queued');
  // Ending the first server's run lets the second server's queued tick start its own sweep.
  const cancelledAt = new Date();
  await cancelOn(second, running.id, { first });
  await waitForCount(
    'SELECT COUNT(*)::int AS n FROM sweep WHERE "scheduleId" = $1 AND id <> $2',
    [scheduleId, running.id],
    (n) => n >= 1,
  );
  await request(second.url).patch(`/api/schedules/${scheduleId}`).send({ enabled: false }).expect(200);
  const sweeps = await rows<{ id: string; status: string; createdAt: Date }>(
    'SELECT id, status, "createdAt" FROM sweep WHERE "scheduleId" = $1 ORDER BY "createdAt"',
    [scheduleId],
  );
  // Two runs, never side by side: the second began only once the first had ended.
  expect(sweeps.map((sweep) => sweep.id)).toEqual([running.id, expect.any(String)]);
  expect(sweeps[0].status).toBe('cancelled');
  expect(sweeps[1].createdAt.getTime()).toBeGreaterThanOrEqual(cancelledAt.getTime());
});
