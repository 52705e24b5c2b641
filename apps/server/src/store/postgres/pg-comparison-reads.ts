import type { SweepReport } from '@regsweep/sweep';
import type { ComparisonRows, CurvePointRow, SweepListItem } from '../store-types';
import { selectPage, selectRows, type Queryable } from './pg-queryable';
import { SUMMARY_COLUMNS, toListItem, type SweepRow } from './pg-sweep-rows';
import type { PageRows } from '../../common/page';

/** The sweeps of every version of the dataset named $1. */
const ON_DATASET_NAME = 'sweep WHERE "datasetId" IN (SELECT "id" FROM dataset WHERE "name" = $1)';

/** The reads across sweeps on PostgreSQL: one statement per table, whatever the number of sweeps. */
export class PgComparisonReads {
  constructor(private readonly db: Queryable) {}

  async compare(ids: readonly string[]): Promise<ComparisonRows> {
    const rows = await selectRows<SweepRow & { datasetName: string }>(
      this.db,
      `SELECT ${SUMMARY_COLUMNS}, "best", ` +
        '(SELECT "name" FROM dataset WHERE dataset."id" = sweep."datasetId") AS "datasetName" ' +
        'FROM sweep WHERE "id" = ANY($1::varchar[])',
      [ids],
    );
    const sweeps = rows.map((row) => ({
      sweep: toListItem(row).sweep,
      best: typeof row.best === 'string' ? (JSON.parse(row.best) as SweepReport['best']) : null,
      datasetName: row.datasetName,
    }));
    const points = await selectRows<CurvePointRow>(
      this.db,
      'SELECT "sweepId", "curve", "penalty", "l1Ratio", "lambda", "validationMean", "validationSd" FROM trial ' +
        'WHERE "sweepId" = ANY($1::varchar[]) ORDER BY "sweepId" COLLATE "C", "curve", "lambdaIndex"',
      [ids],
    );
    return { sweeps, points };
  }

  async datasetSweeps(datasetName: string, page: number, pageSize: number): Promise<PageRows<SweepListItem>> {
    const { rows, total } = await selectPage<SweepRow>(
      this.db,
      {
        columns: `${SUMMARY_COLUMNS}, "best"`,
        source: ON_DATASET_NAME,
        orderBy: '"createdAt" ASC, "id" COLLATE "C" ASC',
        parameters: [datasetName],
      },
      page,
      pageSize,
    );
    return { items: rows.map(toListItem), total };
  }
}
