/**
 * The SweepReportTable migration on both drivers: each stored report moves, text for text, from the sweep row into
 * `sweep_report`; a sweep without a report gets no row; the sweep table loses its report column and keeps every
 * other value. On SQLite, where the sweep table is rebuilt, the rows that reference a sweep stay; the schema is then
 * exactly the entities' (nothing left for TypeORM's schema builder: columns, indexes, keys), a deleted sweep takes
 * its report with it (ON DELETE CASCADE), and the migration can be undone.
 */
import { InitialSchema1764250000000 } from '../../../migrations/1764250000000-InitialSchema';
import { Schedules1764260000000 } from '../../../migrations/1764260000000-Schedules';
import { ApiTokens1764290000000 } from '../../../migrations/1764290000000-ApiTokens';
import { DatasetChunks1764300000000 } from '../../../migrations/1764300000000-DatasetChunks';
import { SweepConclusion1764400000000 } from '../../../migrations/1764400000000-SweepConclusion';
import { PrunedTrials1764410000000 } from '../../../migrations/1764410000000-PrunedTrials';
import { SweepBest1764420000000 } from '../../../migrations/1764420000000-SweepBest';
import { ClassLabels1764430000000 } from '../../../migrations/1764430000000-ClassLabels';
import { SweepProvenance1764440000000 } from '../../../migrations/1764440000000-SweepProvenance';
import { SweepTracking1764450000000 } from '../../../migrations/1764450000000-SweepTracking';
import { SweepConcurrency1764460000000 } from '../../../migrations/1764460000000-SweepConcurrency';
import { PostgresSchema1764400000000 } from '../../../migrations/postgres/1764400000000-PostgresSchema';
import { ScheduleTickClaims1764400000001 } from '../../../migrations/postgres/1764400000001-ScheduleTickClaims';
import { ConclusionAndPruning1764410000000 } from '../../../migrations/postgres/1764410000000-ConclusionAndPruning';
import { SweepBest1764420000000 as PostgresSweepBest } from '../../../migrations/postgres/1764420000000-SweepBest';
import { PostgresClassLabels1764430000000 } from '../../../migrations/postgres/1764430000000-ClassLabels';
import { PostgresSweepProvenance1764440000000 } from '../../../migrations/postgres/1764440000000-SweepProvenance';
import { PostgresSweepTracking1764450000000 } from '../../../migrations/postgres/1764450000000-SweepTracking';
import { PostgresSweepConcurrency1764460000000 } from '../../../migrations/postgres/1764460000000-SweepConcurrency';
import { SweepLeases1764498000000 } from '../../../migrations/postgres/1764498000000-SweepLeases';
import { openPostgres } from '../src/store/postgres/postgres-connection';
import { insertDatasetD1, openPostgresWith, useMigrationDatabase, usePostgresSchema } from './migration-database';
import { TEST_POSTGRES_URL } from './store-drivers';

/** A report's text as the store writes it: the migration must move it byte for byte (key order included). */
const reportText = (id: string, size: number) =>
  JSON.stringify({ sweepId: id, best: null, penalties: [{ penalty: 'l1', curve: Array(size).fill({ lambda: 1 }) }] });

/** [id, status, report, tags]: a report spanning overflow pages, a small one, a sweep without one. */
const SWEEPS: [string, string, string | null, string | null][] = [
  ['large', 'succeeded', reportText('large', 2000), '["paper"]'],
  ['small', 'succeeded', reportText('small', 1), null],
  ['failed', 'failed', null, '["baseline"]'],
];
const MOVED = SWEEPS.filter(([, , report]) => report !== null)
  .map(([sweepId, , report]) => ({ sweepId, report }))
  .sort((a, b) => a.sweepId.localeCompare(b.sweepId));
const KEPT = SWEEPS.map(([id, status, , tags]) => ({ id, status, tags })).sort((a, b) => a.id.localeCompare(b.id));
const REPORTS_SQL = 'SELECT "sweepId", "report" FROM sweep_report ORDER BY "sweepId"';
const KEPT_SQL = 'SELECT "id", "status", "tags" FROM sweep ORDER BY "id"';

describe('on SQLite', () => {
  const { open } = useMigrationDatabase('regsweep-report-migration-');

  it('moves each report into sweep_report, drops the column, cascades deletes, and can be undone', async () => {
    const before = await open([
      InitialSchema1764250000000,
      Schedules1764260000000,
      ApiTokens1764290000000,
      DatasetChunks1764300000000,
      SweepConclusion1764400000000,
      PrunedTrials1764410000000,
      SweepBest1764420000000,
      ClassLabels1764430000000,
      SweepProvenance1764440000000,
      SweepTracking1764450000000,
      SweepConcurrency1764460000000,
    ]);
    await insertDatasetD1(before);
    for (const [id, status, report, tags] of SWEEPS) {
      await before.query(
        `INSERT INTO sweep (id, name, datasetId, datasetVersion, config, status, createdAt, report, tags) VALUES (?, ?, 'd1', 1, '{}', ?, '2026-01-01 00:00:00.000', ?, ?)`,
        [id, id, status, report, tags],
      );
      // A row that references the sweep (ON DELETE CASCADE): rebuilding the sweep table must not take it away.
      await before.query(`INSERT INTO sweep_penalty (sweepId, penalty) VALUES (?, 'l1')`, [id]);
    }
    await before.destroy();

    const after = await open(); // every migration: SweepReportTable runs
    expect(await after.query(REPORTS_SQL)).toEqual(MOVED);
    expect(await after.query(KEPT_SQL)).toEqual(KEPT);
    const columns = (await after.query(`SELECT name FROM pragma_table_info('sweep')`)) as { name: string }[];
    expect(columns.map((column) => column.name)).not.toContain('report');
    expect(await after.query(`SELECT COUNT(*) AS n FROM sweep_penalty`)).toEqual([{ n: SWEEPS.length }]);
    expect(await after.query(`PRAGMA foreign_key_check`)).toEqual([]);
    const pending = await after.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);

    await after.query(`DELETE FROM sweep WHERE id = 'small'`);
    expect(await after.query(REPORTS_SQL)).toEqual(MOVED.filter((row) => row.sweepId !== 'small'));

    // Undone with the migrations after it, then itself: the reports are back in their rows.
    const last = async () =>
      ((await after.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1')) as { name: string }[])[0].name;
    while ((await last()) !== 'SweepReportTable1764520000000') await after.undoLastMigration();
    await after.undoLastMigration();
    expect(await after.query(`SELECT id, report FROM sweep ORDER BY id`)).toEqual([
      { id: 'failed', report: null },
      { id: 'large', report: SWEEPS[0][2] },
    ]);
    expect(await after.query(`SELECT name FROM sqlite_master WHERE name = 'sweep_report'`)).toEqual([]);
    await after.destroy();
  });
});

describe('on PostgreSQL', () => {
  const schema = usePostgresSchema();

  it('moves each report into sweep_report and drops the column', async () => {
    const before = await openPostgresWith(schema, [
      PostgresSchema1764400000000,
      ScheduleTickClaims1764400000001,
      ConclusionAndPruning1764410000000,
      PostgresSweepBest,
      PostgresClassLabels1764430000000,
      PostgresSweepProvenance1764440000000,
      PostgresSweepTracking1764450000000,
      PostgresSweepConcurrency1764460000000,
      SweepLeases1764498000000,
    ]);
    await insertDatasetD1(before);
    for (const [id, status, report, tags] of SWEEPS) {
      await before.query(
        `INSERT INTO sweep ("id", "name", "datasetId", "datasetVersion", "config", "status", "createdAt", "report", "tags") VALUES ($1, $1, 'd1', 1, '{}', $2, now(), $3, $4)`,
        [id, status, report, tags],
      );
    }
    await before.destroy();

    const after = await openPostgres(TEST_POSTGRES_URL, schema); // the remaining migrations: SweepReportTable
    try {
      expect(await after.query(REPORTS_SQL.replace('ORDER BY "sweepId"', 'ORDER BY "sweepId" COLLATE "C"'))).toEqual(
        MOVED,
      );
      expect(await after.query(KEPT_SQL.replace('ORDER BY "id"', 'ORDER BY "id" COLLATE "C"'))).toEqual(KEPT);
      const columns = (await after.query(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'sweep'`,
        [schema],
      )) as { name: string }[];
      expect(columns.map((column) => column.name)).not.toContain('report');
      expect(columns.map((column) => column.name)).toContain('best');
    } finally {
      await after.destroy();
    }
  });
});
