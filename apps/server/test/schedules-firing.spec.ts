/**
 * What a tick does, driven directly (no waiting for the clock) on a real app: real SQLite file, real worker pool.
 * The schedules' own cron is yearly, so only the ticks fired here happen.
 */
import type { INestApplication } from '@nestjs/common';
import { validateSweepConfig } from '@regsweep/sweep';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetsService } from '../src/datasets/datasets.service';
import { createApp } from '../src/main';
import { ScheduleFiringService } from '../src/schedules/schedule-firing.service';
import { ScheduleHistoryService } from '../src/schedules/schedule-history.service';
import type { ScheduleOverlap } from '../src/schedules/schedule.entity';
import { SchedulesService } from '../src/schedules/schedules.service';
import { SweepsService } from '../src/sweeps/sweeps.service';

const YEARLY = '0 0 1 1 *';
let directory: string;
let app: INestApplication;
let schedules: SchedulesService;
let firing: ScheduleFiringService;
let history: ScheduleHistoryService;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'regsweep-firing-'));
  app = await createApp({ dbPath: join(directory, 'db.sqlite'), poolSize: 2, logger: ['error'], dashboard: false });
  await app.init();
  schedules = app.get(SchedulesService);
  firing = app.get(ScheduleFiringService);
  history = app.get(ScheduleHistoryService);
});

afterAll(async () => {
  await app.close();
  rmSync(directory, { recursive: true, force: true });
});

function sweepConfig(dataset = 'seed-linear', folds = 3) {
  return validateSweepConfig({
    name: 'tick',
    dataset,
    model: 'linear',
    penalties: ['l2'],
    lambdas: { values: [0.01, 0.1, 1] },
    split: { kind: 'kfold', folds },
  });
}

async function createSchedule(overlap: ScheduleOverlap, sweep = sweepConfig()) {
  return schedules.create({ name: `ticks ${overlap}`, cron: YEARLY, overlap, sweep });
}

async function firingsOf(id: string) {
  return (await history.firings(id, 1, 100)).items.reverse(); // oldest first
}

it('two ticks at the same moment start one run; the other is skipped; a later tick starts again', async () => {
  const { id } = await createSchedule('skip');
  await Promise.all([firing.fire(id, 'skip'), firing.fire(id, 'skip')]);
  await firing.idle(id);
  await firing.fire(id, 'skip');
  await firing.idle(id);

  const [tick1, tick2, tick3] = await firingsOf(id);
  // The two simultaneous ticks share a firedAt; whichever got the run, exactly one started.
  expect([tick1.outcome, tick2.outcome].sort()).toEqual(['skipped', 'started']);
  expect(tick3.outcome).toBe('started');
  const runs = await history.runs(id, 1, 100);
  expect(runs).toMatchObject({ total: 2, skipped: 1, failed: 0 });
  expect(runs.items.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
  // Same data and config twice: the best λ did not move.
  expect(runs.items[0].lambdaDrift).toBe(0);
  expect(runs.items[1].lambdaDrift).toBeNull();
});

it('overlap queue: one tick waits and starts after the running sweep; a third is skipped', async () => {
  const { id } = await createSchedule('queue');
  const ticks = Promise.all([firing.fire(id, 'queue'), firing.fire(id, 'queue'), firing.fire(id, 'queue')]);
  await ticks;
  // The first tick's row is written when its sweep's submission ends, which may be before or after the other two
  // ticks are recorded; the two that found it active are what this moment shows.
  const whileRunning = (await firingsOf(id)).filter((f) => f.outcome !== 'started');
  expect(whileRunning.map((f) => f.outcome).sort()).toEqual(['queued', 'skipped']);
  const queuedId = whileRunning.find((f) => f.outcome === 'queued')?.id;
  expect(whileRunning.find((f) => f.outcome === 'skipped')?.reason).toMatch(/already waiting/);
  await firing.idle(id);

  const after = await firingsOf(id);
  expect(after.map((f) => f.outcome).sort()).toEqual(['skipped', 'started', 'started']);
  const queued = after.find((f) => f.id === queuedId) as (typeof after)[number];
  const first = after.find((f) => f.outcome === 'started' && f.id !== queuedId) as (typeof after)[number];
  expect(queued.outcome).toBe('started');
  expect(queued.sweepId).not.toBe(first.sweepId);
  const sweeps = app.get(SweepsService);
  const firstSweep = await sweeps.get(first.sweepId as string);
  const secondSweep = await sweeps.get(queued.sweepId as string);
  expect(secondSweep.createdAt.getTime()).toBeGreaterThanOrEqual((firstSweep.finishedAt as Date).getTime());
});

it('a paused schedule records its tick as skipped and starts nothing', async () => {
  const { id } = await createSchedule('skip');
  await schedules.update(id, { enabled: false });
  await firing.fire(id, 'skip');
  await firing.idle(id);
  const [only] = await firingsOf(id);
  expect(only).toMatchObject({ outcome: 'skipped', sweepId: null, reason: 'the schedule is paused' });
  expect((await history.runs(id, 1, 10)).total).toBe(0);
});

it('a tick whose newest dataset version no longer fits the config is a failed firing with the reason', async () => {
  const datasets = app.get(DatasetsService);
  const csv = (rows: number) =>
    Buffer.from(['x,y', ...Array.from({ length: rows }, (_, i) => `${i},${2 * i + (i % 3)}`)].join('\n'));
  await datasets.upload(csv(12), 'shrinking', 'y');
  const { id } = await createSchedule('skip', sweepConfig('shrinking', 10));
  await datasets.upload(csv(4), 'shrinking', 'y'); // version 2: 4 rows, too few for 10 folds

  await firing.fire(id, 'skip');
  await firing.idle(id);
  const [only] = await firingsOf(id);
  expect(only.outcome).toBe('failed');
  expect(only.reason).toMatch(/split\.folds: 10 folds need at least 10 rows/);
  expect(await history.runs(id, 1, 10)).toMatchObject({ total: 0, failed: 1 });
});
