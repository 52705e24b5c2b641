/**
 * CompareService's cache of finished sweeps, on a real SQLite store: a finished sweep is read from the store once and
 * answered from the cache after; an unfinished one is read on every comparison (its curves still grow) until it has
 * finished; a cached answer equals what a service without a cache reads; an unknown id still answers 404. The JSON
 * answer of a comparison is kept once all its sweeps have finished, not before.
 */
import { NotFoundException } from '@nestjs/common';
import type { SweepReport } from '@regsweep/sweep';
import { CompareService } from '../src/compare/compare.service';
import { plannedSweep } from './store-contract-fixtures';
import { openStore, type StoreUnderTest } from './store-drivers';

let db: StoreUnderTest;
beforeEach(async () => {
  db = await openStore('sqlite');
});
afterEach(() => db.close());

const statistics = (validationMean: number[]) => ({
  trainMean: [1, 2, 3],
  validationMean,
  validationSd: [0, 0, 0],
  gap: [0, 0, 0],
});
const best = { penalty: 'l1', l1Ratio: 1, lambda: 1, validation: { mean: 0.5, sd: 0 }, nonzeros: 2, test: null };
const succeeded = (sweepId: string) => ({
  status: 'succeeded' as const,
  finishedAt: new Date('2026-01-05T00:00:00Z'),
  report: { sweepId, best } as unknown as SweepReport,
});
/** The first curve's validation means of one compared sweep, by decreasing λ. */
const firstCurve = (comparison: Awaited<ReturnType<CompareService['compare']>>, index: number) =>
  comparison.sweeps[index].curves[0].points.map((point) => point.validation);

it('reads a finished sweep from the store once and an unfinished one until it has finished', async () => {
  const done = await plannedSweep(db.store, db);
  await db.store.saveCurveStatistics(done.curveIds(0), statistics([3, 2, 1]));
  await db.store.finishSweep(done.sweep.id, succeeded(done.sweep.id));
  const running = await plannedSweep(db.store, db);
  await db.store.saveCurveStatistics(running.curveIds(0), statistics([9, 8, 7]));
  const ids = [running.sweep.id, done.sweep.id];

  const service = new CompareService(db.store);
  const reads = jest.spyOn(db.store, 'compareSweeps');
  const first = await service.compare(ids);
  expect(reads).toHaveBeenLastCalledWith(ids);
  expect(firstCurve(first, 0)).toEqual([9, 8, 7]);
  expect(firstCurve(first, 1)).toEqual([3, 2, 1]);

  // The running sweep's curve moves on: read again, alone; the finished one comes from the cache.
  await db.store.saveCurveStatistics(running.curveIds(0), statistics([6, 5, 4]));
  const second = await service.compare(ids);
  expect(reads).toHaveBeenLastCalledWith([running.sweep.id]);
  expect(firstCurve(second, 0)).toEqual([6, 5, 4]);
  expect(second.sweeps[1]).toEqual(first.sweeps[1]);

  // Once it has finished it is read one last time, then neither is.
  await db.store.finishSweep(running.sweep.id, succeeded(running.sweep.id));
  await service.compare(ids);
  expect(reads).toHaveBeenCalledTimes(3);
  expect(reads).toHaveBeenLastCalledWith([running.sweep.id]);
  const cached = await service.compare(ids);
  expect(reads).toHaveBeenCalledTimes(3);
  expect(cached).toEqual(await new CompareService(db.store).compare(ids));
  expect(cached.sweeps.map((sweep) => sweep.status)).toEqual(['succeeded', 'succeeded']);

  await expect(service.compare([done.sweep.id, 'no-such-sweep'])).rejects.toThrow(NotFoundException);
});

it('keeps the JSON answer of a comparison once every sweep in it has finished', async () => {
  const done = await plannedSweep(db.store, db);
  await db.store.finishSweep(done.sweep.id, succeeded(done.sweep.id));
  const running = await plannedSweep(db.store, db);
  await db.store.saveCurveStatistics(running.curveIds(0), statistics([9, 8, 7]));
  const ids = [done.sweep.id, running.sweep.id];
  const service = new CompareService(db.store);
  const compare = jest.spyOn(service, 'compare');

  expect(JSON.parse(await service.compareJson(ids))).toEqual(await new CompareService(db.store).compare(ids));
  await db.store.saveCurveStatistics(running.curveIds(0), statistics([6, 5, 4]));
  const moved = JSON.parse(await service.compareJson(ids)) as Awaited<ReturnType<CompareService['compare']>>;
  expect(compare).toHaveBeenCalledTimes(2); // one sweep still running: not kept
  expect(firstCurve(moved, 1)).toEqual([6, 5, 4]);

  await db.store.finishSweep(running.sweep.id, succeeded(running.sweep.id));
  const answer = await service.compareJson(ids);
  expect(await service.compareJson(ids)).toBe(answer);
  expect(compare).toHaveBeenCalledTimes(3);
  // Another order is another answer.
  await service.compareJson([...ids].reverse());
  expect(compare).toHaveBeenCalledTimes(4);
});
