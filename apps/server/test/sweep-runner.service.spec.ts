/** The runner with in-memory repositories and an in-thread pool: what it writes, emits and stores, and when it stops. */
import type { DatasetsService } from '../src/datasets/datasets.service';
import { SweepEvent, SweepEventsService } from '../src/events/sweep-events.service';
import { SweepRunnerService } from '../src/runner/sweep-runner.service';
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

async function setup(config = baseConfig()) {
  const data = smallDataset();
  const entity = datasetEntity(data);
  const sweeps = new FakeSweepRepository();
  const trials = new FakeTrialRepository();
  const pool = new FakeWorkerPool();
  const events = new SweepEventsService();
  trials.sweepRepository = sweeps;
  const runner = new SweepRunnerService(
    sweeps as unknown as SweepRepository,
    trials as unknown as TrialRepository,
    new FakeDatasetsService(entity, data) as unknown as DatasetsService,
    pool as unknown as WorkerPoolService,
    events,
    new FixedClock() as never,
    { poolSize: 2, taskTimeoutSeconds: 60, maxTaskAttempts: 3, faultInjection: [] },
  );
  const sweep = await sweeps.create({
    name: config.name,
    datasetId: entity.id,
    datasetVersion: entity.version,
    config,
    scheduleId: null,
    createdAt: new Date(0),
  });
  const received: SweepEvent[] = [];
  events.open(sweep.id);
  events.live(sweep.id)!.subscribe((event) => received.push(event));
  return { sweeps, trials, pool, runner, sweepId: sweep.id, received };
}

describe('SweepRunnerService', () => {
  it('writes each finished task once, stores the report and ends succeeded', async () => {
    const { sweeps, trials, runner, sweepId, received } = await setup(baseConfig({ penalties: ['l1', 'l2'] }));
    await runner.start(sweepId);

    // 2 curves × (3 folds + the full-data fold 0) tasks, each written once with its curve's 3 trials.
    expect(sweeps.tasks).toHaveLength(8);
    expect(trials.pending).toHaveLength(6);
    expect(trials.finishedTasks).toHaveLength(8);
    expect(new Set(trials.finishedTasks.map((task) => task.taskKey)).size).toBe(8);
    for (const task of trials.finishedTasks) expect(task.trialIds).toHaveLength(3);
    expect(trials.finishedTasks.map((task) => task.progressDone).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(trials.statistics).toHaveLength(2);
    expect(trials.statistics[0].validationMean.every(Number.isFinite)).toBe(true);

    const sweep = await sweeps.findById(sweepId);
    expect(sweep).toMatchObject({ status: 'succeeded', error: null, progressTotal: 8 });
    expect(sweep!.finishedAt).toEqual(new FixedClock().now());
    expect(sweep!.report!.penalties.map((p) => p.penalty)).toEqual(['l1', 'l2']);
    expect(sweep!.report!.best).not.toBeNull();

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
    const { sweeps, pool, runner, sweepId, received } = await setup();
    pool.failOnFold = 2;
    await runner.start(sweepId);
    const sweep = await sweeps.findById(sweepId);
    expect(sweep).toMatchObject({ status: 'failed', error: 'fold 2 exploded', report: null });
    // The aborted tasks are not left `running`.
    expect([...sweeps.taskRows.values()].filter((row) => row.status === 'running')).toEqual([]);
    expect(received[received.length - 1]).toEqual({
      type: 'completed',
      data: { status: 'failed', error: 'fold 2 exploded' },
    });
  });

  it('on cancel, aborts the running tasks, keeps what finished and writes nothing more', async () => {
    const { sweeps, trials, pool, runner, sweepId } = await setup(baseConfig({ concurrency: 2 }));
    pool.hold = true;
    const finished = runner.start(sweepId);
    await until(() => pool.heldCount === 2);
    pool.release(1);
    await until(() => trials.finishedTasks.length === 1);
    await until(() => pool.heldCount === 2); // the next task took the free slot

    expect(runner.cancel(sweepId)).toBe(finished);
    await finished;
    expect(trials.finishedTasks).toHaveLength(1);
    expect(trials.statistics).toHaveLength(0);
    expect(await sweeps.findById(sweepId)).toMatchObject({ status: 'cancelled', report: null });
    expect(runner.cancel(sweepId)).toBeUndefined();
  });

  it('on shutdown, puts the sweep back to queued (not failed) with its aborted tasks pending again', async () => {
    const { sweeps, pool, runner, sweepId, received } = await setup();
    pool.hold = true;
    void runner.start(sweepId);
    await until(() => pool.heldCount > 0);
    await runner.onModuleDestroy();
    expect(await sweeps.findById(sweepId)).toMatchObject({ status: 'queued', error: null, report: null });
    // The aborted attempts are not counted: they were not the tasks' fault.
    for (const row of sweeps.taskRows.values()) expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(received.map((event) => event.type)).not.toContain('completed');
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
