/**
 * The runner's fault handling and resume logic, with in-memory repositories and an in-thread pool that rejects the
 * way the real pool does (TaskFault). The real threads, SQLite and processes are in test/worker-faults.e2e-spec.ts
 * and test/crash-safety.e2e-spec.ts.
 */
import type { SweepConfig } from '@regsweep/sweep';
import { TaskFault } from '../src/runner/task-fault';
import { baseConfig, until } from './fakes';
import { createSweepOnSmall, openTestDatabase, runnerOn, taskRows, type TestDatabase } from './test-database';

/** Databases opened by a test, closed after it. */
const opened: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

/** A database that outlives runners, as the SQLite file outlives a process. */
async function store(): Promise<TestDatabase> {
  const db = await openTestDatabase();
  opened.push(db);
  return db;
}

/**
 * Two tasks in flight (the pool's two threads), as the resume tests hold them: without a `concurrency` a sweep this
 * small would run on one thread (chooseConcurrency).
 */
function createSweep(db: TestDatabase, config: SweepConfig = baseConfig({ penalties: ['l1', 'l2'], concurrency: 2 })) {
  return createSweepOnSmall(db, config);
}

/** The report without its sweep id (what two runs of one config share). */
async function reportOf(db: TestDatabase, sweepId: string) {
  const { sweepId: _id, ...rest } = (await db.store.findReport(sweepId))!;
  return rest;
}

function taskRowsOfFold(db: TestDatabase, sweepId: string, fold: number) {
  return taskRows(db, sweepId).filter((row) => row.fold === fold);
}

/** Spies on the store's task writes: the calls are recorded, the real writes still run. */
function writes(db: TestDatabase) {
  return { finished: jest.spyOn(db.store, 'saveFinishedTask'), failed: jest.spyOn(db.store, 'saveFailedTask') };
}

describe('SweepRunnerService: task faults', () => {
  it('retries a transient fault up to maxTaskAttempts, then stores failed trials and still succeeds', async () => {
    const db = await store();
    const { runner, pool } = runnerOn(db);
    const { failed } = writes(db);
    pool.faultOnFold = { fold: 2, fault: new TaskFault('worker_exit', 'the worker thread exited with code 1') };
    const sweepId = await createSweep(db);
    await runner.start(sweepId);

    const failedRows = taskRowsOfFold(db, sweepId, 2);
    expect(failedRows).toHaveLength(2); // one per curve
    for (const row of failedRows) {
      expect(row).toMatchObject({ status: 'failed', attempts: 3, error: 'the worker thread exited with code 1' });
    }
    // Every other task ran once and is done.
    for (const row of taskRows(db, sweepId))
      if (row.fold !== 2) expect(row).toMatchObject({ status: 'done', attempts: 1 });
    expect(failed.mock.calls.map(([task]) => task.fold)).toEqual([2, 2]);
    expect(failed.mock.calls[0][0].trialIds).toHaveLength(3);
    // Their trials are failed with the reason, in the rows the API serves.
    const page = await db.store.trialPage(
      sweepId,
      { page: 1, pageSize: 10, order: 'asc' },
      { folds: true, coefficients: false, learningCurves: false },
    );
    for (const trial of page.items) {
      expect(trial).toMatchObject({ status: 'failed', reason: 'fold 2: the worker thread exited with code 1' });
      expect(trial.folds!.find((fold) => fold.fold === 2)).toMatchObject({ status: 'failed', train: null });
    }

    const sweep = await db.store.findSweep(sweepId);
    expect(sweep).toMatchObject({ status: 'succeeded', progressDone: 8, progressTotal: 8 });
    const report = (await db.store.findReport(sweepId))!;
    expect(report.failures).toEqual([
      { penalty: 'l1', l1Ratio: 1, fold: 2, attempts: 3, reason: 'the worker thread exited with code 1' },
      { penalty: 'l2', l1Ratio: 0, fold: 2, attempts: 3, reason: 'the worker thread exited with code 1' },
    ]);
    expect(report.warnings.join('\n')).toContain('l1: fold 2 failed after 3 attempts');
    // The statistics come from the two folds that finished: every point is still finite.
    for (const penalty of report.penalties)
      for (const point of penalty.curve) expect(point.validation).toEqual(expect.any(Number));
    expect(report.best).not.toBeNull();
  });

  it('does not retry a task that threw (the same input throws again)', async () => {
    const db = await store();
    const { runner, pool } = runnerOn(db);
    pool.faultOnFold = { fold: 1, fault: new TaskFault('error', 'the task threw: boom') };
    const sweepId = await createSweep(db);
    await runner.start(sweepId);
    for (const row of taskRowsOfFold(db, sweepId, 1)) expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await db.store.findSweep(sweepId))!.status).toBe('succeeded');
  });

  it('a transient fault that clears on retry leaves no trace in the report but the attempts', async () => {
    const clean = await store();
    const cleanId = await createSweep(clean);
    await runnerOn(clean).runner.start(cleanId);

    const db = await store();
    const { runner, pool } = runnerOn(db);
    pool.faultOnFold = { fold: 3, fault: new TaskFault('out_of_memory', 'the worker ran out of memory'), times: 1 };
    const sweepId = await createSweep(db);
    await runner.start(sweepId);
    for (const row of taskRowsOfFold(db, sweepId, 3)) expect(row).toMatchObject({ status: 'done', attempts: 2 });
    expect(await reportOf(db, sweepId)).toEqual(await reportOf(clean, cleanId));
    expect((await reportOf(db, sweepId)).failures).toEqual([]);
  });

  it('fails the sweep when every task failed', async () => {
    const db = await store();
    const { runner, pool } = runnerOn(db);
    pool.faultOnFold = { fault: new TaskFault('timeout', 'the task ran past its time limit of 1 s') };
    const sweepId = await createSweep(db, baseConfig());
    await runner.start(sweepId);
    expect(await db.store.findSweep(sweepId)).toMatchObject({
      status: 'failed',
      error: 'every task failed; the first: the task ran past its time limit of 1 s',
    });
    expect(await db.store.findReport(sweepId)).toBeNull();
    expect(pool.started).toHaveLength(4 * 3); // 4 tasks × 3 attempts
  });

  it("passes the sweep's taskTimeoutSeconds to the pool, else the server default", async () => {
    const db = await store();
    const { runner, pool } = runnerOn(db);
    await runner.start(await createSweep(db, baseConfig({ taskTimeoutSeconds: 1.5 })));
    await runner.start(await createSweep(db, baseConfig()));
    expect(new Set(pool.timeouts.slice(0, 4))).toEqual(new Set([1500]));
    expect(new Set(pool.timeouts.slice(4))).toEqual(new Set([60_000]));
  });
});

describe('SweepRunnerService: resume', () => {
  it('a sweep stopped by shutdown resumes in a new runner: done tasks are not run again, same report', async () => {
    const clean = await store();
    const cleanId = await createSweep(clean);
    await runnerOn(clean).runner.start(cleanId);

    const db = await store();
    const { finished } = writes(db);
    const sweepId = await createSweep(db);
    const first = runnerOn(db);
    first.pool.hold = true;
    void first.runner.start(sweepId);
    await until(() => first.pool.heldCount === 2);
    first.pool.release(2);
    await until(() => finished.mock.calls.length === 2 && first.pool.heldCount === 2);
    await first.runner.onModuleDestroy(); // the process stops
    expect(await db.store.findSweep(sweepId)).toMatchObject({ status: 'queued', progressDone: 2 });
    const doneKeys = finished.mock.calls.map(([task]) => task.taskKey);

    const second = runnerOn(db); // the next process, same database
    await second.runner.start(sweepId);
    const rerun = second.pool.started.length;
    expect(rerun).toBe(6); // 8 tasks, 2 were done
    const keys = finished.mock.calls.map(([task]) => task.taskKey);
    expect(keys.filter((key) => doneKeys.includes(key))).toHaveLength(2);
    expect(await db.store.findSweep(sweepId)).toMatchObject({ status: 'succeeded', progressDone: 8 });
    expect(await reportOf(db, sweepId)).toEqual(await reportOf(clean, cleanId));
  });

  it('a task a killed process left running runs again, with that start counted', async () => {
    const db = await store();
    const sweepId = await createSweep(db);
    const killed = runnerOn(db);
    killed.pool.hold = true;
    void killed.runner.start(sweepId);
    await until(() => killed.pool.heldCount === 2);
    // A SIGKILL runs no shutdown path: the store keeps three tasks `running` with one start each, the two on the pool
    // and the next in line, whose start was marked ahead (task-scheduler.ts, START_MARKS_AHEAD) though it never ran.
    const runningRows = () => taskRows(db, sweepId).filter((row) => row.status === 'running');
    await until(() => runningRows().length === 3);
    const running = runningRows();
    expect(running.map((row) => row.attempts)).toEqual([1, 1, 1]);
    expect(killed.pool.started).toHaveLength(2);

    const next = runnerOn(db);
    await next.runner.start(sweepId);
    const after = new Map(taskRows(db, sweepId).map((row) => [row.key, row]));
    for (const row of running) expect(after.get(row.key)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await db.store.findSweep(sweepId)).toMatchObject({ status: 'succeeded', progressDone: 8 });
    // The killed runner's threads are still held; its abort settles them.
    await killed.runner.onModuleDestroy();
  });
});
