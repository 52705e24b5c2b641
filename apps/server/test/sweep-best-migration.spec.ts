/**
 * The SweepBest migration on a real SQLite file: a sweep stored before it keeps its report and gets its `best` column
 * filled from it (the lists read that column, not the report); one without a best model, or without a report, NULL.
 */
import { SweepBest1764420000000 } from '../../../migrations/1764420000000-SweepBest';
import { insertRows, sweepRow, testMigration } from './migration-database';

const BEST = { penalty: 'l1', l1Ratio: 1, lambda: 0.5, validation: { mean: 2.5, sd: 0.1 } };
const REPORTS: [string, string | null][] = [
  ['with-best', JSON.stringify({ sweepId: 'with-best', best: BEST, penalties: [] })],
  ['no-best', JSON.stringify({ sweepId: 'no-best', best: null, penalties: [] })],
  ['no-report', null],
];

testMigration(
  'fills sweep.best from each stored report',
  { sqlite: SweepBest1764420000000 },
  {
    seed: (before) =>
      insertRows(
        before,
        'sweep',
        REPORTS.map(([id, report]) => sweepRow(id, { report })),
      ),
    // Every migration has run: SweepBest (and SweepReportTable moves the reports).
    check: async (after) => {
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
      expect(rows.find((row) => row.id === 'with-best')?.report).toBe(REPORTS[0][1]);
    },
  },
);
