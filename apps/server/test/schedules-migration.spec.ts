/**
 * The Schedules migration on a real SQLite file: it rebuilds `sweep` to add the schedule foreign key, which must
 * keep every existing sweep, task and trial, and leave exactly the schema the entities describe.
 */
import { InitialSchema1764250000000 } from '../../../migrations/1764250000000-InitialSchema';
import { expectEntitiesSchema, insertDatasetD1, useMigrationDatabase } from './migration-database';

const { open } = useMigrationDatabase('regsweep-migration-');

const NOW = '2026-01-01 00:00:00.000';

it('keeps existing sweeps, tasks and trials, and links sweeps to schedules with ON DELETE SET NULL', async () => {
  const before = await open([InitialSchema1764250000000]);
  await insertDatasetD1(before);
  await before.query(
    `INSERT INTO sweep (id, name, datasetId, datasetVersion, config, status, createdAt) VALUES ('s1', 'old', 'd1', 1, '{}', 'succeeded', ?)`,
    [NOW],
  );
  await before.query(`INSERT INTO task (sweepId, key, curve, fold, status) VALUES ('s1', 'k1', 0, 1, 'done')`);
  await before.query(
    `INSERT INTO trial (sweepId, key, curve, lambdaIndex, penalty, l1Ratio, lambda, status) VALUES ('s1', 't1', 0, 0, 'l1', 1, 0.1, 'ok')`,
  );
  await before.destroy();

  const after = await open(); // runs the Schedules migration
  expect(await after.query(`SELECT id, name, scheduleId FROM sweep`)).toEqual([
    { id: 's1', name: 'old', scheduleId: null },
  ]);
  expect(await after.query(`SELECT COUNT(*) AS n FROM task`)).toEqual([{ n: 1 }]);
  expect(await after.query(`SELECT COUNT(*) AS n FROM trial`)).toEqual([{ n: 1 }]);
  // Migrations and entities agree: nothing left for the schema builder to change.
  await expectEntitiesSchema(after);

  await after.query(
    `INSERT INTO schedule (id, name, cron, timezone, enabled, overlap, sweep, createdAt, updatedAt) VALUES ('c1', 'nightly', '0 3 * * *', 'UTC', 1, 'skip', '{}', ?, ?)`,
    [NOW, NOW],
  );
  await after.query(`UPDATE sweep SET scheduleId = 'c1' WHERE id = 's1'`);
  await after.query(
    `INSERT INTO schedule_firing (scheduleId, firedAt, outcome, sweepId) VALUES ('c1', ?, 'started', 's1')`,
    [NOW],
  );
  await expect(after.query(`UPDATE sweep SET scheduleId = 'nope' WHERE id = 's1'`)).rejects.toThrow(/FOREIGN KEY/);

  await after.query(`DELETE FROM schedule WHERE id = 'c1'`);
  expect(await after.query(`SELECT id, scheduleId FROM sweep`)).toEqual([{ id: 's1', scheduleId: null }]);
  expect(await after.query(`SELECT COUNT(*) AS n FROM schedule_firing`)).toEqual([{ n: 0 }]);
  expect(await after.query(`SELECT COUNT(*) AS n FROM task`)).toEqual([{ n: 1 }]);

  // And it can be undone (with the migrations after it) without losing the sweeps either.
  const executed = async () =>
    ((await after.query(`SELECT name FROM migrations ORDER BY id DESC`)) as { name: string }[]).map((m) => m.name);
  // Inside TypeORM's revert transaction SQLite ignores `PRAGMA foreign_keys = OFF`: the migration refuses, intact.
  while ((await executed())[0] !== 'Schedules1764260000000') await after.undoLastMigration();
  await expect(after.undoLastMigration()).rejects.toThrow(/needs foreign keys off/);
  expect(await after.query(`SELECT COUNT(*) AS n FROM trial`)).toEqual([{ n: 1 }]);
  await after.undoLastMigration({ transaction: 'none' });
  const tables = (await after.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)) as { name: string }[];
  expect(tables.map((t) => t.name)).not.toContain('schedule');
  expect(await after.query(`SELECT COUNT(*) AS n FROM trial`)).toEqual([{ n: 1 }]);
  await after.destroy();
});
