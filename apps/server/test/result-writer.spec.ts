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
import { AWKWARD, fit, finished, pathResult, plannedSweep } from './store-contract-fixtures';
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
  expect((await db.store.curveFoldRows(sweep.id, 0)).map((row) => row.validation)).toEqual([
    5e-324,
    null,
    2 ** -1074 * 3,
  ]);
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

it('stores a plan, reads curves and stores statistics on the thread as the main connection would', async () => {
  writer.onModuleInit();
  const store = new SqliteSweepStore(db.sqlite, writer);
  const { sweep, trials, tasks, ids, curveIds } = await plannedSweep(store, underTest());
  // The ids answered are the stored rows' ids, and a resume (the same plan again) answers the same ones.
  const storedId = db.sqlite.statement('SELECT id FROM trial WHERE key = ?');
  for (const trial of trials) expect(ids.get(trial.key)).toBe((storedId.get(trial.key) as { id: number }).id);
  expect(await store.storePlan(sweep.id, trials, tasks)).toEqual(ids);
  expect(await store.curveFoldRows(sweep.id, 0)).toEqual([]);
  const learningCurve = {
    epochs: Int32Array.of(1, 2),
    train: Float64Array.of(0.5, NaN),
    validation: Float64Array.of(1, 2),
  };
  const fits = [fit(0, { networkParameters: Float64Array.of(1, -2) }), fit(1, { learningCurve }), fit(2)];
  for (const fold of [0, 1, 2]) {
    await store.saveFinishedTask({
      ...finished(sweep.id, tasks[fold].key, curveIds(0), fold, fold + 1),
      result: pathResult(fold, fits),
    });
  }
  for (const options of [{}, { learningCurves: true, networks: true }]) {
    const rows = await store.curveFoldRows(sweep.id, 0, options);
    expect(rows).toHaveLength(9);
    // The main connection's rows (its network bytes a Buffer, the thread's a Uint8Array of the same bytes).
    const bytes = (row: { networkParameters?: Uint8Array | null }) => ({
      ...row,
      networkParameters: row.networkParameters ? Array.from(row.networkParameters) : null,
    });
    expect(rows.map(bytes)).toEqual((await db.store.curveFoldRows(sweep.id, 0, options)).map(bytes));
  }
  const statistics = {
    trainMean: [1, NaN, 3],
    validationMean: [AWKWARD[0], 2, 3],
    validationSd: [0, 0, 0],
    gap: [1, 2, -Infinity],
  };
  await store.saveCurveStatistics(curveIds(0), statistics);
  const stored = db.sqlite
    .statement('SELECT trainMean, validationMean, gap FROM trial WHERE sweepId = ? AND curve = 0 ORDER BY lambdaIndex')
    .all(sweep.id);
  expect(stored).toEqual([
    { trainMean: 1, validationMean: AWKWARD[0], gap: 1 },
    { trainMean: null, validationMean: 2, gap: 2 },
    { trainMean: 3, validationMean: 3, gap: null },
  ]);
});
