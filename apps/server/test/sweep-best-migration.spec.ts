/**
 * The SweepBest migration on a real SQLite file: a sweep stored before it keeps its report and gets its `best` column
 * filled from it (the lists read that column, not the report); one without a best model, or without a report, NULL.
 */
import { SweepBest1764420000000 } from '../../../migrations/1764420000000-SweepBest';
import { expectEntitiesSchema, insertDatasetD1, useMigrationDatabase } from './migration-database';

const { open, openBefore } = useMigrationDatabase('regsweep-migration-');

const NOW = '2026-01-01 00:00:00.000';
const BEST = { penalty: 'l1', l1Ratio: 1, lambda: 0.5, validation: { mean: 2.5, sd: 0.1 } };

it('fills sweep.best from each stored report', async () => {
  const before = await openBefore(SweepBest1764420000000);
  await insertDatasetD1(before);
  const reports: [string, string | null][] = [
    ['with-best', JSON.stringify({ sweepId: 'with-best', best: BEST, penalties: [] })],
    ['no-best', JSON.stringify({ sweepId: 'no-best', best: null, penalties: [] })],
    ['no-report', null],
  ];
  for (const [id, report] of reports) {
    await before.query(
      `INSERT INTO sweep (id, name, datasetId, datasetVersion, config, status, createdAt, report) VALUES (?, ?, 'd1', 1, '{}', 'succeeded', ?, ?)`,
      [id, id, NOW, report],
    );
  }
  await before.destroy();

  const after = await open(); // every migration: SweepBest runs (and SweepReportTable moves the reports)
  const rows = (await after.query(
    `SELECT id, best, report FROM sweep LEFT JOIN sweep_report ON sweepId = id ORDER BY id`,
  )) as {
    id: string;
    best: string | null;
    report: string | null;
  }[];
  expect(rows.map(({ id, best }) => [id, best === null ? null : JSON.parse(best)])).toEqual([
    ['no-best', null],
    ['no-report', null],
    ['with-best', BEST],
  ]);
  expect(rows.find((row) => row.id === 'with-best')?.report).toBe(reports[0][1]);
  // Migrations and entities agree: nothing left for the schema builder to change.
  await expectEntitiesSchema(after);
  await after.destroy();
});
