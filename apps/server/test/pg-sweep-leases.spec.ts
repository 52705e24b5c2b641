/**
 * Sweep leases on real PostgreSQL with the real migrations (database/sweep-leases.ts): two PgSweepLeases on one
 * database stand for two server processes. A live lease keeps a sweep with its server; an expired one, or one whose
 * owner was a process of this host that has exited, is taken over; of the two, exactly one takes it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { PgSweepLeases } from '../src/store/postgres/pg-sweep-leases';
import { newSweep } from './store-contract-fixtures';
import { openPostgresStore } from './store-drivers';

let db: Awaited<ReturnType<typeof openPostgresStore>>;
const leases: PgSweepLeases[] = [];
beforeEach(async () => {
  db = await openPostgresStore();
});
afterEach(async () => {
  for (const lease of leases.splice(0)) lease.onModuleDestroy();
  await db.close();
});

function server(): PgSweepLeases {
  const lease = new PgSweepLeases(db.dataSource);
  leases.push(lease);
  return lease;
}

/** Writes the lease row another process would hold: `owner`, expiring `seconds` from the database's now. */
async function leaseHeldBy(sweepId: string, owner: string, seconds: number): Promise<void> {
  await db.dataSource.query(
    `INSERT INTO sweep_lease ("sweepId", owner, "expiresAt") VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [sweepId, owner, seconds],
  );
}

/** A child process of this host, and a way to end it. */
function childProcess() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return { owner: `${hostname()}/${child.pid}/child`, stop: () => (child.kill('SIGKILL'), once(child, 'exit')) };
}

it('keeps a sweep with the server holding its lease until that server releases it', async () => {
  const { id } = await newSweep(db);
  const [first, second] = [server(), server()];
  expect(await first.acquire(id)).toBe(true);
  expect(await first.acquire(id)).toBe(true); // its own lease, again (a resume in the same process)
  expect(await second.acquire(id)).toBe(false);
  expect(await second.resumable({ atStart: true })).toEqual([]);
  expect(await second.resumable({ atStart: false })).toEqual([]);

  await first.release(id);
  expect(await second.resumable({ atStart: false })).toEqual([id]);
  expect(await second.acquire(id)).toBe(true);
  expect(await first.acquire(id)).toBe(false);
});

it('resumes at start a sweep without a lease row, and later only those whose lease lapsed', async () => {
  const { id: unleased } = await newSweep(db, 'no lease');
  const { id: lapsed } = await newSweep(db, 'lapsed', new Date('2026-01-03T00:00:00Z'));
  await leaseHeldBy(lapsed, 'elsewhere/4242/remote', -1); // another host's server that stopped renewing
  const { id: live } = await newSweep(db, 'live', new Date('2026-01-04T00:00:00Z'));
  await leaseHeldBy(live, 'elsewhere/4243/remote', 60);

  const mine = server();
  expect(await mine.resumable({ atStart: true })).toEqual([unleased, lapsed]);
  expect(await mine.resumable({ atStart: false })).toEqual([lapsed]);
  expect(await mine.acquire(lapsed)).toBe(true);
  expect(await mine.acquire(live)).toBe(false);
});

it('takes over at once from an exited process of this host, never from a live one', async () => {
  const { id: deadOwners } = await newSweep(db, 'dead');
  const { id: liveOwners } = await newSweep(db, 'alive', new Date('2026-01-03T00:00:00Z'));
  const exited = childProcess();
  const running = childProcess();
  try {
    await exited.stop();
    await leaseHeldBy(deadOwners, exited.owner, 60);
    await leaseHeldBy(liveOwners, running.owner, 60);
    const mine = server();
    expect(await mine.resumable({ atStart: false })).toEqual([deadOwners]);
    expect(await mine.acquire(liveOwners)).toBe(false);
    expect(await mine.acquire(deadOwners)).toBe(true);
  } finally {
    await running.stop();
  }
});

it('lets exactly one of two servers take a lapsed lease', async () => {
  const { id } = await newSweep(db);
  await leaseHeldBy(id, 'elsewhere/4242/remote', -1);
  const results = await Promise.all([server(), server(), server()].map((lease) => lease.acquire(id)));
  expect(results.filter(Boolean)).toHaveLength(1);
});

it('takes over from an exited process whose lease row landed between its read and its write', async () => {
  const { id } = await newSweep(db);
  const exited = childProcess();
  await exited.stop();
  const query = db.dataSource.query.bind(db.dataSource);
  let reads = 0;
  // The real database; only the order is forced: the exited process's INSERT lands just after the first read.
  const spy = jest.spyOn(db.dataSource, 'query').mockImplementation(async (sql: string, parameters?: unknown[]) => {
    const rows = await query(sql, parameters);
    if (sql.startsWith('SELECT "sweepId" AS id') && reads++ === 0) await leaseHeldBy(id, exited.owner, 60);
    return rows;
  });
  try {
    expect(await server().acquire(id)).toBe(true);
    expect(reads).toBe(2);
  } finally {
    spy.mockRestore();
  }
});
