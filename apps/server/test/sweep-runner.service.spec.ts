/** The runner on the real store (in-memory SQLite) and an in-thread pool: what it writes, emits and stores, and when it stops. */
import { SweepEvent, SweepEventsService } from '../src/events/sweep-events.service';
import { SweepRunnerService } from '../src/runner/sweep-runner.service';
import type { FoldTaskMessage } from '../src/runner/fold-task.worker';
import { baseConfig, FixedClock, InThreadWorkerPool, mlpSearchOnSmall, until } from './fakes';
import { countRows, createSweepOnSmall, openTestDatabase, taskRows, type TestDatabase } from './test-database';

let db: TestDatabase;
afterEach(() => db.close());

async function setup(config = baseConfig()) {
  db = await openTestDatabase();
  const pool = new InThreadWorkerPool();
  const events = new SweepEventsService();
  const runner = new SweepRunnerService(db.store, db.datasets, pool, events, new FixedClock(), db.leases, {
    poolSize: 2,
    taskTimeoutSeconds: 60,
    maxTaskAttempts: 3,
  });
  const sweepId = await createSweepOnSmall(db, config);
  const received: SweepEvent[] = [];
  events.open(sweepId);
  events.live(sweepId)!.subscribe((event) => received.push(event));
  const saved = jest.spyOn(db.store, 'saveFinishedTask'); // records the calls; the real write still runs
  return { pool, runner, sweepId, received, saved };
}

describe('SweepRunnerService', () => {
  it('writes each finished task once, stores the report and ends succeeded', async () => {
    const { runner, sweepId, received, saved } = await setup(baseConfig({ penalties: ['l1', 'l2'] }));
    await runner.start(sweepId);

    // 2 curves × (3 folds + the full-data fold 0) tasks, each written once with its curve's 3 trials.
    expect(countRows(db, sweepId, 'task')).toBe(8);
    expect(countRows(db, sweepId, 'trial')).toBe(6);
    expect(countRows(db, sweepId, 'fold_result')).toBe(6 * 4);
    const tasks = saved.mock.calls.map(([task]) => task);
    expect(tasks).toHaveLength(8);
    expect(new Set(tasks.map((task) => task.taskKey)).size).toBe(8);
    for (const task of tasks) expect(task.trialIds).toHaveLength(3);
    expect(tasks.map((task) => task.progressDone).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const row of taskRows(db, sweepId)) expect(row).toMatchObject({ status: 'done', attempts: 1 });
    // The CV means are stored on every trial.
    const { items } = await db.store.trialPage(
      sweepId,
      { page: 1, pageSize: 10, order: 'asc' },
      { folds: false, coefficients: false, learningCurves: false },
    );
    expect(items).toHaveLength(6);
    for (const trial of items) expect(trial.validationMean).toEqual(expect.any(Number));

    const sweep = await db.store.findSweep(sweepId);
    expect(sweep).toMatchObject({ status: 'succeeded', error: null, progressDone: 8, progressTotal: 8 });
    expect(sweep!.finishedAt).toEqual(new FixedClock().now());
    const report = await db.store.findReport(sweepId);
    expect(report!.penalties.map((p) => p.penalty)).toEqual(['l1', 'l2']);
    expect(report!.best).not.toBeNull();

    const types = received.map((event) => event.type);
    expect(types[0]).toBe('status');
    expect(types.filter((type) => type === 'trial')).toHaveLength(8);
    expect(types[types.length - 1]).toBe('completed');
    expect(received[received.length - 1].data).toEqual({ status: 'succeeded', error: null });
    expect(runner.isRunning(sweepId)).toBe(false);
  });

  it('keeps at most `concurrency` tasks of a sweep on the pool at once', async () => {
    const { pool, runner, sweepId } = await setup(baseConfig({ penalties: ['l1', 'l2', 'none'], concurrency: 1 }));
    await runner.start(sweepId);
    expect(pool.started.length).toBeGreaterThan(1);
    expect(pool.maxInFlight).toBe(1);
  });

  it('marks the next task started while the pool slots are full, so a freed slot takes it without a write first', async () => {
    const { pool, runner, sweepId } = await setup(baseConfig({ penalties: ['l1', 'l2'], concurrency: 2 }));
    pool.hold = true;
    const marks: string[] = [];
    const mark = db.store.markTaskStarted.bind(db.store);
    jest.spyOn(db.store, 'markTaskStarted').mockImplementation((key) => (marks.push(key), mark(key)));
    void runner.start(sweepId);
    const running = () => taskRows(db, sweepId).filter((row) => row.status === 'running');
    const onPool = () => new Set(pool.started.map((message) => `${message.task!.curve}:${message.fold.fold}`));
    await until(() => pool.heldCount === 2 && running().length === 3);
    // Two tasks on the pool, one more marked started (its attempt counted) and next in line, no more.
    expect(pool.tasksInFlight).toBe(2);
    expect(running().filter((row) => !onPool().has(`${row.curve}:${row.fold}`))).toEqual([
      expect.objectContaining({ attempts: 1 }),
    ]);
    expect(marks).toHaveLength(3);

    pool.release(1);
    await until(() => pool.heldCount === 2 && running().length === 3);
    // The freed slot took the task marked ahead; the one after it is marked now, and is not on the pool.
    expect(pool.started).toHaveLength(3);
    expect(marks).toHaveLength(4);
    expect(running().filter((row) => !onPool().has(`${row.curve}:${row.fold}`))).toHaveLength(1);
    // Marked, sent and numbered in one order.
    const sentKeys = taskRows(db, sweepId).filter((row) => onPool().has(`${row.curve}:${row.fold}`));
    expect(sentKeys.map((row) => marks.indexOf(row.key)).sort()).toEqual([0, 1, 2]);
    expect(pool.orders).toEqual([1, 2, 3]);

    // Shutdown uncounts the task marked ahead like the running ones: it had not been the task's fault.
    await runner.onModuleDestroy();
    for (const row of taskRows(db, sweepId).filter((row) => row.status !== 'done'))
      expect(row).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('starts an MLP random search’s tasks longest first: by training rows × epochs × weights per row', async () => {
    const { pool, runner, sweepId } = await setup(mlpSearchOnSmall(1));
    await runner.start(sweepId);
    // The plan's tasks (folds 1..3) first; then the refit round: fold 0 of the 1 or 2 trials the report reads.
    const refits = pool.started.slice(8 * 3);
    expect(refits.length).toBeGreaterThanOrEqual(1);
    expect(refits.length).toBeLessThanOrEqual(2);
    expect(refits.every((message) => message.fold.fold === 0)).toBe(true);
    const started = pool.started.slice(0, 8 * 3).map(mlpWork);
    expect(pool.started.slice(0, 8 * 3).every((message) => message.fold.fold > 0)).toBe(true);
    expect(new Set(started).size).toBe(3); // the folds train alike-sized rows: one work per network
    for (let i = 1; i < started.length; i++) expect(started[i]).toBeLessThanOrEqual(started[i - 1]);
    // The plan's own order was not already this one.
    const planned = taskRows(db, sweepId).map(
      (row) => started[pool.started.findIndex((m) => m.task!.curve === row.curve && m.fold.fold === row.fold)],
    );
    expect(planned.some((value, i) => i > 0 && value > planned[i - 1])).toBe(true);
    // Each task is numbered by its place in that order (the queue's job priority): 1, 2, … as started.
    expect(pool.orders).toEqual(pool.started.map((_, i) => i + 1));
  });

  it('numbers the tasks 1, 2, … in longest-first order when several are in flight (the queue’s job priorities)', async () => {
    const { pool, runner, sweepId } = await setup(mlpSearchOnSmall(3));
    await runner.start(sweepId);
    expect(pool.maxInFlight).toBe(3);
    const orders = pool.orders as number[];
    expect([...orders].sort((a, b) => a - b)).toEqual(orders.map((_, i) => i + 1));
    // By number, from the costliest task down, within the plan's tasks (the refit round is numbered after them).
    const byOrder = pool.started.map((message, i) => ({ order: orders[i], work: mlpWork(message) }));
    const planned = byOrder.filter((task) => task.order <= 8 * 3);
    const work = planned.sort((a, b) => a.order - b.order).map((task) => task.work);
    expect(new Set(work).size).toBe(3);
    for (let i = 1; i < work.length; i++) expect(work[i]).toBeLessThanOrEqual(work[i - 1]);
  });

  it('shares the dataset once: every task message carries the same SharedArrayBuffers', async () => {
    const { pool, runner, sweepId } = await setup();
    await runner.start(sweepId);
    const [first, ...rest] = pool.started;
    expect(first.x).toBeInstanceOf(SharedArrayBuffer);
    for (const message of rest) {
      expect(message.x).toBe(first.x);
      expect(message.y).toBe(first.y);
    }
  });

  it('fails the sweep, without a report, on an error that is not a task fault (the runner itself broke)', async () => {
    const { pool, runner, sweepId, received } = await setup();
    pool.failOnFold = 2;
    await runner.start(sweepId);
    expect(await db.store.findSweep(sweepId)).toMatchObject({ status: 'failed', error: 'fold 2 exploded' });
    expect(await db.store.findReport(sweepId)).toBeNull();
    // The aborted tasks are not left `running`.
    expect(taskRows(db, sweepId).filter((row) => row.status === 'running')).toEqual([]);
    expect(received[received.length - 1]).toEqual({
      type: 'completed',
      data: { status: 'failed', error: 'fold 2 exploded' },
    });
  });

  it('on cancel, aborts the running tasks, keeps what finished and writes nothing more', async () => {
    const { pool, runner, sweepId, saved } = await setup(baseConfig({ concurrency: 2 }));
    pool.hold = true;
    const finished = runner.start(sweepId);
    await until(() => pool.heldCount === 2);
    pool.release(1);
    await until(() => saved.mock.calls.length === 1);
    await until(() => pool.heldCount === 2); // the next task took the free slot

    expect(runner.cancel(sweepId)).toBe(finished);
    await finished;
    expect(saved).toHaveBeenCalledTimes(1);
    expect(countRows(db, sweepId, 'fold_result')).toBe(3); // one task: the curve's 3 trials on one fold
    expect(await db.store.findSweep(sweepId)).toMatchObject({ status: 'cancelled' });
    expect(await db.store.findReport(sweepId)).toBeNull();
    expect(runner.cancel(sweepId)).toBeUndefined();
  });

  it('on shutdown, puts the sweep back to queued (not failed) with its aborted tasks pending again', async () => {
    const { pool, runner, sweepId, received } = await setup();
    pool.hold = true;
    void runner.start(sweepId);
    await until(() => pool.heldCount > 0);
    await runner.onModuleDestroy();
    expect(await db.store.findSweep(sweepId)).toMatchObject({ status: 'queued', error: null });
    // The aborted attempts are not counted: they were not the tasks' fault.
    for (const row of taskRows(db, sweepId)) expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(received.map((event) => event.type)).not.toContain('completed');
  });

  it('runs nothing of a sweep that finished before it got the lease (another server cancelled it meanwhile)', async () => {
    const { pool, runner, sweepId } = await setup();
    const end = { status: 'cancelled' as const, error: null, report: null, finishedAt: new FixedClock().now() };
    await db.store.finishSweep(sweepId, end);
    await runner.start(sweepId);
    expect(pool.started).toHaveLength(0);
    expect(countRows(db, sweepId, 'task')).toBe(0);
    expect(await db.store.findSweep(sweepId)).toMatchObject({ status: 'cancelled' });
  });

  it('cancelUnrun records a sweep that runs nowhere as cancelled, and leaves a finished one as it ended', async () => {
    const { pool, runner, sweepId } = await setup();
    expect(await runner.cancelUnrun(sweepId)).toBe(true);
    expect(await db.store.findSweep(sweepId)).toMatchObject({
      status: 'cancelled',
      finishedAt: new FixedClock().now(),
    });
    expect(pool.started).toHaveLength(0);

    const other = await createSweepOnSmall(db, baseConfig());
    await runner.start(other);
    expect(await runner.cancelUnrun(other)).toBe(true);
    expect(await db.store.findSweep(other)).toMatchObject({ status: 'succeeded' });
  });

  it('a start() while cancelUnrun records the end (a recovery scan) waits for it and runs nothing', async () => {
    const { pool, runner, sweepId } = await setup();
    const cancelled = runner.cancelUnrun(sweepId);
    expect(runner.isRunning(sweepId)).toBe(true);
    await runner.start(sweepId);
    expect(await cancelled).toBe(true);
    expect(pool.started).toHaveLength(0);
    expect(await db.store.findSweep(sweepId)).toMatchObject({ status: 'cancelled' });
    expect(runner.isRunning(sweepId)).toBe(false);
  });
});

/** An MLP task's work from what its message carries, independently of the scheduler's own estimate (task-order.ts). */
function mlpWork(message: FoldTaskMessage): number {
  const sizes = [message.cols, ...message.spec.mlp!.network.hidden, 1];
  const perRow = sizes.slice(1).reduce((sum, units, l) => sum + sizes[l] * units, 0);
  return message.fold.trainRows.length * message.spec.mlp!.solver.epochs * perRow;
}
