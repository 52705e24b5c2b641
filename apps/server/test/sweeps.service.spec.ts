/** The sweeps service's submit / cancel / events paths with in-memory fakes for everything it touches. */
import { ConflictException, NotFoundException } from '@nestjs/common';
import { InvalidInputError } from '@regsweep/datasets';
import { lastValueFrom, toArray } from 'rxjs';
import type { DatasetsService } from '../src/datasets/datasets.service';
import { SweepEventsService } from '../src/events/sweep-events.service';
import type { SweepRunnerService } from '../src/runner/sweep-runner.service';
import type { SweepRepository } from '../src/sweeps/sweep.repository';
import { SweepsService } from '../src/sweeps/sweeps.service';
import { baseConfig, datasetEntity, FakeDatasetsService, FakeSweepRepository, FixedClock, smallDataset } from './fakes';

class FakeRunner {
  readonly started: string[] = [];
  readonly cancelled: string[] = [];
  constructor(private readonly sweeps: FakeSweepRepository) {}
  start(id: string): Promise<void> {
    this.started.push(id);
    return Promise.resolve();
  }
  cancel(id: string): Promise<void> | undefined {
    if (!this.started.includes(id)) return undefined;
    this.cancelled.push(id);
    return this.sweeps.finish(id, { status: 'cancelled', finishedAt: new Date(1) });
  }
}

function setup() {
  const data = smallDataset();
  const sweeps = new FakeSweepRepository();
  const runner = new FakeRunner(sweeps);
  const events = new SweepEventsService();
  const clock = new FixedClock();
  const service = new SweepsService(
    sweeps as unknown as SweepRepository,
    new FakeDatasetsService(datasetEntity(data), data) as unknown as DatasetsService,
    runner as unknown as SweepRunnerService,
    events,
    clock as never,
  );
  return { service, sweeps, runner, events, clock };
}

async function problems(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).errors.map((problem) => problem.path);
}

describe('SweepsService.submit', () => {
  it('stores a queued sweep on the resolved dataset version and starts it', async () => {
    const { service, sweeps, runner, clock } = setup();
    const submitted = await service.submit(baseConfig({ name: 'first' }));
    expect(submitted.status).toBe('queued');
    expect(runner.started).toEqual([submitted.id]);
    expect(await sweeps.findById(submitted.id)).toMatchObject({
      name: 'first',
      status: 'queued',
      datasetId: '11111111-1111-4111-8111-111111111111',
      datasetVersion: 3,
      scheduleId: null,
      createdAt: clock.now(),
    });
  });

  it('records the schedule that submitted it', async () => {
    const { service, sweeps } = setup();
    const { id } = await service.submit(baseConfig(), { scheduleId: 'schedule-9' });
    expect((await sweeps.findById(id))!.scheduleId).toBe('schedule-9');
  });

  it('refuses a config that does not fit the data, storing and starting nothing', async () => {
    const { service, sweeps, runner } = setup();
    const paths = await problems(
      service.submit(
        baseConfig({ split: { kind: 'foldIds', foldIds: [1, 2, 1] }, model: 'logistic', metric: 'logloss' }),
      ),
    );
    expect(paths).toEqual(expect.arrayContaining(['split.foldIds', 'target']));
    expect(sweeps.sweeps.size).toBe(0);
    expect(runner.started).toEqual([]);
  });

  it('refuses an unknown dataset and a non-binary chosen target for logistic', async () => {
    const { service, sweeps } = setup();
    expect(await problems(service.submit(baseConfig({ dataset: 'nope' })))).toEqual(['dataset']);
    expect(await problems(service.submit(baseConfig({ target: 'a', model: 'logistic', metric: 'logloss' })))).toEqual([
      'target',
    ]);
    expect(sweeps.sweeps.size).toBe(0);
  });
});

describe('SweepsService.cancel and events', () => {
  it('cancels a running sweep and refuses to cancel a finished or unknown one', async () => {
    const { service, runner } = setup();
    const { id } = await service.submit(baseConfig());
    expect(await service.cancel(id)).toMatchObject({ id, status: 'cancelled' });
    expect(runner.cancelled).toEqual([id]);
    await expect(service.cancel(id)).rejects.toBeInstanceOf(ConflictException);
    await expect(service.cancel('missing')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('answers a finished sweep with progress, status and completed, then ends', async () => {
    const { service, sweeps } = setup();
    const { id } = await service.submit(baseConfig());
    await sweeps.finish(id, { status: 'failed', finishedAt: new Date(2), error: 'boom' });
    const events = await lastValueFrom((await service.events(id)).pipe(toArray()));
    expect(events.map((event) => event.type)).toEqual(['progress', 'status', 'completed']);
    expect(events[2].data).toEqual({ status: 'failed', error: 'boom' });
  });

  it('follows a live sweep until its completed event', async () => {
    const { service, events } = setup();
    const { id } = await service.submit(baseConfig());
    events.open(id);
    const stream = await service.events(id);
    const collected = lastValueFrom(stream.pipe(toArray()));
    events.emit(id, { type: 'progress', data: { done: 1, total: 4 } });
    events.complete(id, 'succeeded', null);
    expect((await collected).map((event) => event.type)).toEqual(['progress', 'progress', 'completed']);
  });
});
