/**
 * The runner's fault handling and resume logic, with in-memory repositories and an in-thread pool that rejects the
 * way the real pool does (TaskFault). The real threads, SQLite and processes are in test/worker-faults.e2e-spec.ts
 * and test/crash-safety.e2e-spec.ts.
 */
import type { SweepConfig } from '@regsweep/sweep';
import type { DatasetsService } from '../src/datasets/datasets.service';
import { SweepEventsService } from '../src/events/sweep-events.service';
import type { RunnerOptions } from '../src/runner/runner-options';
import { SweepRunnerService } from '../src/runner/sweep-runner.service';
import { TaskFault } from '../src/runner/task-fault';
import type { WorkerPoolService } from '../src/runner/worker-pool.service';
import type { SweepRepository } from '../src/sweeps/sweep.repository';
import type { TrialRepository } from '../src/trials/trial.repository';
import {
  baseConfig,
  datasetEntity,
  FakeDatasetsService,
  FakeSweepRepository,
  FakeTrialRepository,
  FakeWorkerPool,
  FixedClock,
  smallDataset,
} from './fakes';

const OPTIONS: RunnerOptions = { poolSize: 2, taskTimeoutSeconds: 60, maxTaskAttempts: 3, faultInjection: [] };

/** A store (sweeps + trials) that outlives runners, as the database outlives a process. */
function store() {
  const sweeps = new FakeSweepRepository();
  const trials = new FakeTrialRepository();
  trials.sweepRepository = sweeps;
  return { sweeps, trials };
}

function runnerOn(db: ReturnType<typeof store>, pool = new FakeWorkerPool()) {
  const data = smallDataset();
  const runner = new SweepRunnerService(
    db.sweeps as unknown as SweepRepository,
    db.trials as unknown as TrialRepository,
    new FakeDatasetsService(datasetEntity(data), data) as unknown as DatasetsService,
    pool as unknown as WorkerPoolService,
    new SweepEventsService(),
    new FixedClock() as never,
    OPTIONS,
  );
  return { runner, pool };
}

async function createSweep(
  db: ReturnType<typeof store>,
  config: SweepConfig = baseConfig({ penalties: ['l1', 'l2'] }),
) {
  const entity = datasetEntity(smallDataset());
  const sweep = await db.sweeps.create({
    name: config.name,
    datasetId: entity.id,
    datasetVersion: entity.version,
    config,
    scheduleId: null,
    createdAt: new Date(0),
  });
  return sweep.id;
}

/** The report without its sweep id (what two runs of one config share). */
async function reportOf(db: ReturnType<typeof store>, sweepId: string) {
  const sweep = await db.sweeps.findById(sweepId);
  const { sweepId: _id, ...rest } = sweep!.report!;
  return rest;
}

function taskRowsOfFold(db: ReturnType<typeof store>, fold: number) {
  return [...db.sweeps.taskRows.values()].filter((row) => row.plan.fold === fold);
}

describe('SweepRunnerService: task faults', () => {
  it('retries a transient fault up to maxTaskAttempts, then stores failed trials and still succeeds', async () => {
    const db = store();
    const { runner, pool } = runnerOn(db);
    pool.faultOnFold = { fold: 2, fault: new TaskFault('worker_exit', 'the worker thread exited with code 1') };
    const sweepId = await createSweep(db);
    await runner.start(sweepId);

    const failedRows = taskRowsOfFold(db, 2);
    expect(failedRows).toHaveLength(2); // one per curve
    for (const row of failedRows) {
      expect(row).toMatchObject({ status: 'failed', attempts: 3, error: 'the worker thread exited with code 1' });
    }
    // Every other task ran once and is done.
    for (const row of db.sweeps.taskRows.values())
      if (row.plan.fold !== 2) expect(row).toMatchObject({ status: 'done', attempts: 1 });
    expect(db.trials.failedTasks.map((task) => task.fold)).toEqual([2, 2]);
    expect(db.trials.failedTasks[0].trialIds).toHaveLength(3);

    const sweep = await db.sweeps.findById(sweepId);
    expect(sweep).toMatchObject({ status: 'succeeded', progressDone: 8, progressTotal: 8 });
    expect(sweep!.report!.failures).toEqual([
      { penalty: 'l1', l1Ratio: 1, fold: 2, attempts: 3, reason: 'the worker thread exited with code 1' },
      { penalty: 'l2', l1Ratio: 0, fold: 2, attempts: 3, reason: 'the worker thread exited with code 1' },
    ]);
    expect(sweep!.report!.warnings.join('\n')).toContain('l1: fold 2 failed after 3 attempts');
    // The statistics come from the two folds that finished: every point is still finite.
    for (const penalty of sweep!.report!.penalties)
      for (const point of penalty.curve) expect(point.validation).toEqual(expect.any(Number));
    expect(sweep!.report!.best).not.toBeNull();
  });

  it('does not retry a task that threw (the same input throws again)', async () => {
    const db = store();
    const { runner, pool } = runnerOn(db);
    pool.faultOnFold = { fold: 1, fault: new TaskFault('error', 'the task threw: boom') };
    const sweepId = await createSweep(db);
    await runner.start(sweepId);
    for (const row of taskRowsOfFold(db, 1)) expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await db.sweeps.findById(sweepId))!.status).toBe('succeeded');
  });

  it('a transient fault that clears on retry leaves no trace in the report but the attempts', async () => {
    const clean = store();
    const cleanId = await createSweep(clean);
    await runnerOn(clean).runner.start(cleanId);

    const db = store();
    const { runner, pool } = runnerOn(db);
    pool.faultOnFold = { fold: 3, fault: new TaskFault('out_of_memory', 'the worker ran out of memory'), times: 1 };
    const sweepId = await createSweep(db);
    await runner.start(sweepId);
    for (const row of taskRowsOfFold(db, 3)) expect(row).toMatchObject({ status: 'done', attempts: 2 });
    expect(await reportOf(db, sweepId)).toEqual(await reportOf(clean, cleanId));
    expect((await reportOf(db, sweepId)).failures).toEqual([]);
  });

  it('fails the sweep when every task failed', async () => {
    const db = store();
    const { runner, pool } = runnerOn(db);
    pool.faultOnFold = { fault: new TaskFault('timeout', 'the task ran past its time limit of 1 s') };
    const sweepId = await createSweep(db, baseConfig());
    await runner.start(sweepId);
    expect(await db.sweeps.findById(sweepId)).toMatchObject({
      status: 'failed',
      error: 'every task failed; the first: the task ran past its time limit of 1 s',
      report: null,
    });
    expect(pool.started).toHaveLength(4 * 3); // 4 tasks × 3 attempts
  });

  it("passes the sweep's taskTimeoutSeconds to the pool, else the server default", async () => {
    const db = store();
    const { runner, pool } = runnerOn(db);
    await runner.start(await createSweep(db, baseConfig({ taskTimeoutSeconds: 1.5 })));
    await runner.start(await createSweep(db, baseConfig()));
    expect(new Set(pool.timeouts.slice(0, 4))).toEqual(new Set([1500]));
    expect(new Set(pool.timeouts.slice(4))).toEqual(new Set([60_000]));
  });
});

describe('SweepRunnerService: resume', () => {
  it('a sweep stopped by shutdown resumes in a new runner: done tasks are not run again, same report', async () => {
    const clean = store();
    const cleanId = await createSweep(clean);
    await runnerOn(clean).runner.start(cleanId);

    const db = store();
    const sweepId = await createSweep(db);
    const first = runnerOn(db);
    first.pool.hold = true;
    void first.runner.start(sweepId);
    await until(() => first.pool.heldCount === 2);
    first.pool.release(2);
    await until(() => db.trials.finishedTasks.length === 2 && first.pool.heldCount === 2);
    await first.runner.onModuleDestroy(); // the process stops
    expect(await db.sweeps.findById(sweepId)).toMatchObject({ status: 'queued', progressDone: 2 });
    const doneKeys = db.trials.finishedTasks.map((task) => task.taskKey);

    const second = runnerOn(db); // the next process, same database
    await second.runner.start(sweepId);
    const rerun = second.pool.started.length;
    expect(rerun).toBe(6); // 8 tasks, 2 were done
    expect(db.trials.finishedTasks.map((task) => task.taskKey).filter((key) => doneKeys.includes(key))).toHaveLength(2);
    expect(await db.sweeps.findById(sweepId)).toMatchObject({ status: 'succeeded', progressDone: 8 });
    expect(await reportOf(db, sweepId)).toEqual(await reportOf(clean, cleanId));
  });

  it('a task a killed process left running runs again, with that start counted', async () => {
    const db = store();
    const sweepId = await createSweep(db);
    const killed = runnerOn(db);
    killed.pool.hold = true;
    void killed.runner.start(sweepId);
    await until(() => killed.pool.heldCount === 2);
    // A SIGKILL runs no shutdown path: the store keeps two tasks `running` with one start each.
    const running = [...db.sweeps.taskRows.values()].filter((row) => row.status === 'running');
    expect(running.map((row) => row.attempts)).toEqual([1, 1]);

    const next = runnerOn(db);
    await next.runner.start(sweepId);
    for (const row of running) expect(row).toMatchObject({ status: 'done', attempts: 2 });
    expect(await db.sweeps.findById(sweepId)).toMatchObject({ status: 'succeeded', progressDone: 8 });
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
