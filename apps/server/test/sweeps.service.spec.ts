/** The sweeps service's submit / cancel / events paths on the real store (in-memory SQLite) and the real runner. */
import { ConflictException, NotFoundException } from '@nestjs/common';
import { InvalidInputError } from '@regsweep/datasets';
import { lastValueFrom, toArray } from 'rxjs';
import { SweepEventsService } from '../src/events/sweep-events.service';
import { SweepRunnerService } from '../src/runner/sweep-runner.service';
import { SweepsService } from '../src/sweeps/sweeps.service';
import { baseConfig, FixedClock, InThreadWorkerPool, until } from './fakes';
import { countRows, openTestDatabase, type TestDatabase } from './test-database';

let db: TestDatabase;
afterEach(() => db.close());

/** Tasks are held on the pool, so a submitted sweep stays running until cancelled. */
async function setup() {
  db = await openTestDatabase();
  const pool = new InThreadWorkerPool();
  pool.hold = true;
  const events = new SweepEventsService();
  const clock = new FixedClock();
  const runner = new SweepRunnerService(db.store, db.datasets, pool, events, clock, db.leases, {
    poolSize: 2,
    taskTimeoutSeconds: 60,
    maxTaskAttempts: 3,
  });
  const service = new SweepsService(db.store, db.datasets, runner, events, clock);
  return { service, runner, pool, events, clock };
}

async function problems(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).errors.map((problem) => problem.path);
}

async function sweepCount(): Promise<number> {
  return (await db.store.listSweeps({ page: 1, pageSize: 10, sort: 'createdAt', order: 'asc' })).total;
}

describe('SweepsService.submit', () => {
  it('stores a queued sweep on the resolved dataset version and starts it', async () => {
    const { service, runner, clock } = await setup();
    const submitted = await service.submit(baseConfig({ name: 'first' }));
    expect(submitted.status).toBe('queued');
    expect(runner.isRunning(submitted.id)).toBe(true);
    expect(await db.store.findSweep(submitted.id)).toMatchObject({
      name: 'first',
      datasetId: db.small.id,
      datasetVersion: 1,
      scheduleId: null,
      createdAt: clock.now(),
    });
    await runner.onModuleDestroy();
  });

  it('records the schedule that submitted it', async () => {
    const { service, runner } = await setup();
    await db.dataSource.query(
      `INSERT INTO schedule (id, name, cron, timezone, enabled, overlap, sweep, createdAt, updatedAt) ` +
        `VALUES ('schedule-9', 's', '0 * * * *', 'UTC', 1, 'skip', '{}', '2026-01-01', '2026-01-01')`,
    );
    const { id } = await service.submit(baseConfig(), { scheduleId: 'schedule-9' });
    expect((await db.store.findSweep(id))!.scheduleId).toBe('schedule-9');
    await runner.onModuleDestroy();
  });

  it('refuses a config that does not fit the data, storing and starting nothing', async () => {
    const { service } = await setup();
    const paths = await problems(
      service.submit(
        baseConfig({ split: { kind: 'foldIds', foldIds: [1, 2, 1] }, model: 'logistic', metric: 'logloss' }),
      ),
    );
    expect(paths).toEqual(expect.arrayContaining(['split.foldIds', 'target']));
    expect(await sweepCount()).toBe(0);
  });

  it('refuses an unknown dataset and a non-binary chosen target for logistic', async () => {
    const { service } = await setup();
    expect(await problems(service.submit(baseConfig({ dataset: 'nope' })))).toEqual(['dataset']);
    expect(await problems(service.submit(baseConfig({ target: 'a', model: 'logistic', metric: 'logloss' })))).toEqual([
      'target',
    ]);
    expect(await sweepCount()).toBe(0);
  });
});

describe('SweepsService.cancel and events', () => {
  it('cancels a running sweep and refuses to cancel a finished or unknown one', async () => {
    const { service, pool } = await setup();
    const { id } = await service.submit(baseConfig());
    await until(() => pool.heldCount > 0);
    expect(await service.cancel(id)).toMatchObject({ id, status: 'cancelled' });
    expect(countRows(db, id, 'fold_result')).toBe(0);
    await expect(service.cancel(id)).rejects.toBeInstanceOf(ConflictException);
    await expect(service.cancel('missing')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('answers a finished sweep with progress, status and completed, then ends', async () => {
    const { service, runner } = await setup();
    const { id } = await service.submit(baseConfig());
    await runner.onModuleDestroy(); // stopped: queued again, nothing live
    await db.store.finishSweep(id, { status: 'failed', finishedAt: new Date(2), error: 'boom' });
    const events = await lastValueFrom((await service.events(id)).pipe(toArray()));
    expect(events.map((event) => event.type)).toEqual(['progress', 'status', 'completed']);
    expect(events[2].data).toEqual({ status: 'failed', error: 'boom' });
  });

  it('follows a live sweep until its completed event', async () => {
    const { service, events, runner } = await setup();
    const { id } = await service.submit(baseConfig());
    const stream = await service.events(id);
    const collected = lastValueFrom(stream.pipe(toArray()));
    events.emit(id, { type: 'progress', data: { done: 1, total: 4 } });
    events.complete(id, 'succeeded', null);
    expect((await collected).map((event) => event.type)).toEqual(['progress', 'progress', 'completed']);
    await runner.onModuleDestroy();
  });
});
