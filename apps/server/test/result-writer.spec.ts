/**
 * ResultWriterThread on a real SQLite file (needs `npx nest build server`: the thread runs the compiled worker); the
 * store contract suite (store-contract.spec.ts, driver `sqlite-writer`) checks its writes row by row. Here: an
 * extension's packed result without its warm-start point, a write answered only once the main connection can read
 * it, a failed write that leaves the thread writing, and a thread that cannot open its file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packFoldResult, PackedPathResult, withoutFirstFit } from '../src/runner/packed-result';
import { ResultWriterThread, resultWriterWorkerFile } from '../src/store/sqlite/result-writer';
import { SqliteSweepStore } from '../src/store/sqlite/sqlite-sweep-store';
import { fit, finished, pathResult, plannedSweep } from './store-contract-fixtures';
import { openTestDatabase, taskRows, type TestDatabase } from './test-database';

let directory: string;
let db: TestDatabase;
let writer: ResultWriterThread;
beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'regsweep-result-writer-'));
  db = await openTestDatabase(join(directory, 'db.sqlite'));
  writer = new ResultWriterThread(db.dataSource);
});
afterEach(async () => {
  await writer.onApplicationShutdown();
  await db.close();
  rmSync(directory, { recursive: true, force: true });
});

/** plannedSweep's arguments for this file's database. */
const underTest = () => ({ store: db.store, datasetId: db.small.id });

it('drops an extension path’s first fit from the packed columns as from the fits', () => {
  const result = pathResult(0, [
    fit(0, { reason: 'warm start', networkParameters: Float64Array.of(1) }),
    fit(1),
    fit(2, { learningCurve: { epochs: Int32Array.of(1), train: Float64Array.of(2), validation: Float64Array.of(3) } }),
  ]);
  const rest = new PackedPathResult(withoutFirstFit(packFoldResult(result)));
  expect(rest.fits).toEqual(result.fits.slice(1));
  expect(Array.from(rest.train)).toEqual(Array.from(result.train.subarray(1)));
  expect(Array.from(rest.validation)).toEqual(Array.from(result.validation.subarray(1)));
});

it('answers a write once it is committed: the main connection reads the rows, the task done', async () => {
  writer.onModuleInit();
  expect(writer.running).toBe(true);
  const store = new SqliteSweepStore(db.sqlite, writer);
  const { sweep, tasks, curveIds } = await plannedSweep(db.store, underTest());
  expect(await store.markTaskStarted(tasks[1].key)).toBe(1);
  await store.saveFinishedTask(finished(sweep.id, tasks[1].key, curveIds(0), 1, 1));
  expect(taskRows(db, sweep.id).find((row) => row.key === tasks[1].key)).toMatchObject({ status: 'done' });
  expect((await db.store.curveFoldRows(sweep.id, 0)).map((row) => row.validation)).toEqual([5e-324, null, 2 ** -1074 * 3]);
  expect((await db.store.findSweep(sweep.id))!.progressDone).toBe(1);
  // A write the thread refuses rejects with its reason; the thread goes on writing.
  await expect(store.markTaskStarted('no-such-task')).rejects.toThrow('is not stored');
  expect(writer.running).toBe(true);
  expect(await store.markTaskStarted(tasks[2].key)).toBe(1);
});

it('fails the writes of a thread that cannot open its file, then writes on the main connection', async () => {
  writer.start(resultWriterWorkerFile(), join(directory, 'missing.sqlite'));
  const store = new SqliteSweepStore(db.sqlite, writer);
  const { sweep, tasks, curveIds } = await plannedSweep(db.store, underTest());
  await expect(store.markTaskStarted(tasks[0].key)).rejects.toThrow('result writer thread stopped');
  expect(writer.running).toBe(false);
  expect(await store.markTaskStarted(tasks[0].key)).toBe(1);
  await store.saveFinishedTask(finished(sweep.id, tasks[0].key, curveIds(0), 0, 1));
  expect(taskRows(db, sweep.id).find((row) => row.key === tasks[0].key)).toMatchObject({ status: 'done' });
});
