import type { SweepReport } from '@regsweep/sweep';
import type { SqliteStatements } from '../../database/sqlite-statements';
import type { ComparisonRows, CurvePointRow, SweepListItem } from '../store-types';
import { SUMMARY_COLUMNS, sweepEntityOf, type SweepRow } from './sweep-entity-row';
import { summaryItem } from './sweep-rows';
import type { PageRows } from '../../common/page';

/**
 * The reads across sweeps (a comparison, a dataset's sweeps): each is one statement per table, whatever the number
 * of sweeps, so a comparison of 20 sweeps costs what one of 2 does (no query per sweep).
 */
export class ComparisonReads {
  constructor(private readonly sqlite: SqliteStatements) {}

  async compare(ids: readonly string[]): Promise<ComparisonRows> {
    // json_each: one prepared statement for any number of ids.
    const rows = this.sqlite
      .statement(
        `SELECT ${SUMMARY_COLUMNS}, sweep.best AS best, dataset.name AS datasetName FROM sweep ` +
          'INNER JOIN dataset ON dataset.id = sweep.datasetId WHERE sweep.id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(ids)) as (SweepRow & { best: string | null; datasetName: string })[];
    const sweeps = rows.map((row) => ({
      sweep: sweepEntityOf(row),
      best: row.best === null ? null : (JSON.parse(row.best) as SweepReport['best']),
      datasetName: row.datasetName,
    }));
    // The (sweepId, curve, lambdaIndex) index gives the order.
    const points = this.sqlite
      .statement(
        'SELECT sweepId, curve, penalty, l1Ratio, lambda, validationMean, validationSd FROM trial ' +
          'WHERE sweepId IN (SELECT value FROM json_each(?)) ORDER BY sweepId, curve, lambdaIndex',
      )
      .all(JSON.stringify(ids)) as CurvePointRow[];
    return { sweeps, points };
  }

  async datasetSweeps(datasetName: string, page: number, pageSize: number): Promise<PageRows<SweepListItem>> {
    // No join here: the count then comes from the datasetId index instead of reading every row.
    const source = 'FROM sweep WHERE sweep.datasetId IN (SELECT id FROM dataset WHERE name = ?)';
    const { total } = this.sqlite.statement(`SELECT COUNT(*) AS total ${source}`).get(datasetName) as {
      total: number;
    };
    const rows = this.sqlite
      .statement(
        `SELECT ${SUMMARY_COLUMNS}, sweep.best AS best ${source} ORDER BY sweep.createdAt ASC, sweep.id ASC ` +
          'LIMIT ? OFFSET ?',
      )
      .all(datasetName, pageSize, (page - 1) * pageSize) as (SweepRow & { best: string | null })[];
    return { items: rows.map(summaryItem), total };
  }
}
