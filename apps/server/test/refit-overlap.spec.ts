/**
 * The refit round of an mlp random search runs one or two tasks; the main thread loads the report's t CDF while they
 * run (refit-step.ts), not in the conclusion after them. A file of its own: the t CDF, once loaded, stays loaded for
 * the rest of the file's tests.
 */
import { studentTCdfLoaded } from '@regsweep/sweep';
import { mlpSearchOnSmall, until } from './fakes';
import { createSweepOnSmall, openTestDatabase, runnerOn, type TestDatabase } from './test-database';

let db: TestDatabase;
afterEach(() => db.close());

/** mlpSearchOnSmall's cross-validation tasks: 8 trials × 3 folds. */
const CV_TASKS = 8 * 3;

it('loads the report’s t CDF while the refit round’s tasks are still running, and concludes as before', async () => {
  db = await openTestDatabase();
  const { runner, pool } = runnerOn(db);
  const sweepId = await createSweepOnSmall(db, mlpSearchOnSmall(2));
  pool.hold = true; // each task waits until released
  const running = runner.start(sweepId);
  await until(() => pool.heldCount > 0);
  expect(studentTCdfLoaded()).toBe(false); // not loaded before the sweep: what follows is the runner's doing
  // The cross-validation tasks are let through as they start, until the refit round's first task is held.
  while (pool.started.length <= CV_TASKS) {
    pool.release(pool.heldCount);
    await until(() => pool.heldCount > 0);
  }
  expect(pool.started.slice(CV_TASKS).every((message) => message.fold.fold === 0)).toBe(true);
  await until(() => studentTCdfLoaded());
  expect(pool.heldCount).toBeGreaterThan(0); // a refit task still runs
  expect(pool.tasksInFlight).toBeGreaterThan(0);

  pool.hold = false;
  pool.release(pool.heldCount);
  await running;
  const sweep = await db.store.findSweep(sweepId);
  expect(sweep).toMatchObject({ status: 'succeeded', error: null });
  const report = await db.store.findReport(sweepId);
  expect(report!.comparison.length).toBeGreaterThan(0); // the report did compare its curves
  expect(report!.comparison.some((pair) => pair.pValue !== null)).toBe(true);
});
