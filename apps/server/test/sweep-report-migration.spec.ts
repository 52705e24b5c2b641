/**
 * The SweepReportTable migration on both drivers: each stored report moves, text for text, from the sweep row into
 * `sweep_report`; a sweep without a report gets no row; the sweep table loses its report column and keeps every
 * other value. On SQLite, where the sweep table is rebuilt, the rows that reference a sweep stay; the schema is then
 * exactly the entities' (nothing left for TypeORM's schema builder: columns, indexes, keys), a deleted sweep takes
 * its report with it (ON DELETE CASCADE), and the migration can be undone.
 */
import { SweepReportTable1764520000000 } from '../../../migrations/1764520000000-SweepReportTable';
import { PostgresSweepReportTable1764520000000 } from '../../../migrations/postgres/1764520000000-SweepReportTable';
import type { DataSource } from 'typeorm';
import { insertRows, sweepRow, testMigration } from './migration-database';

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

/** The sweeps, each with a row that references it (ON DELETE CASCADE): rebuilding the sweep table must keep it. */
async function seed(before: DataSource): Promise<void> {
  await insertRows(
    before,
    'sweep',
    SWEEPS.map(([id, status, report, tags]) => sweepRow(id, { status, report, tags })),
  );
  await insertRows(
    before,
    'sweep_penalty',
    SWEEPS.map(([id]) => ({ sweepId: id, penalty: 'l1' })),
  );
}

testMigration(
  'moves each report into sweep_report and drops the column (SQLite: cascades deletes, and can be undone)',
  { sqlite: SweepReportTable1764520000000, postgres: PostgresSweepReportTable1764520000000 },
  {
    seed,
    check: async (after, driver) => {
      // PostgreSQL orders text by bytes only with COLLATE "C" (SQLite always does).
      const bytewise = (sql: string) => (driver.name === 'postgres' ? sql + ' COLLATE "C"' : sql);
      expect(await after.query(bytewise(REPORTS_SQL))).toEqual(MOVED);
      expect(await after.query(bytewise(KEPT_SQL))).toEqual(KEPT);
      const columns = (
        driver.name === 'postgres'
          ? await after.query(
              `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'sweep'`,
              [driver.schema],
            )
          : await after.query(`SELECT name FROM pragma_table_info('sweep')`)
      ) as { name: string }[];
      expect(columns.map((column) => column.name)).not.toContain('report');
      expect(columns.map((column) => column.name)).toContain('best');
      if (driver.name === 'postgres') return;
      expect(await after.query(`SELECT COUNT(*) AS n FROM sweep_penalty`)).toEqual([{ n: SWEEPS.length }]);
      expect(await after.query(`PRAGMA foreign_key_check`)).toEqual([]);
      await after.query(`DELETE FROM sweep WHERE id = 'small'`);
      expect(await after.query(REPORTS_SQL)).toEqual(MOVED.filter((row) => row.sweepId !== 'small'));
    },
    // The reports are back in their rows.
    undone: async (after) => {
      expect(await after.query(`SELECT id, report FROM sweep ORDER BY id`)).toEqual([
        { id: 'failed', report: null },
        { id: 'large', report: SWEEPS[0][2] },
      ]);
      expect(await after.query(`SELECT name FROM sqlite_master WHERE name = 'sweep_report'`)).toEqual([]);
    },
  },
);
