import type { CurveRowsOptions, StoredFoldRow, TrialJson, TrialListQuery, TrialPageIncludes } from '../store-types';
import { TrialPageSql, type FoldPageRow, type TrialPageRow } from '../trial-page-sql';
import { selectRows, type Queryable } from './pg-queryable';
import type { PageRows } from '../../common/page';

/** Identifiers quoted; text compares by bytes (COLLATE "C"), as SQLite does; booleans are booleans. */
const PG = new TrialPageSql<boolean>({
  quote: (name) => `"${name}"`,
  textOrder: ' COLLATE "C"',
  flag: (value) => value,
});

/** The reads of the `trial` and `fold_result` tables on PostgreSQL, as plain rows in the SQLite store's shapes. */
export class PgTrialReads {
  constructor(private readonly db: Queryable) {}

  async curveFoldRows(sweepId: string, curve: number, options: CurveRowsOptions): Promise<StoredFoldRow[]> {
    const rows = await selectRows<Omit<StoredFoldRow, 'converged'> & { converged: boolean }>(
      this.db,
      'SELECT t."curve", t."lambdaIndex", t."lambda", f."fold", f."trainSize", f."validationSize", f."train", ' +
        'f."validation", f."iterations", f."converged", f."status", f."reason", t."intercept", ' +
        // nonzeros: the full-data fit's (on the trial row) on fold 0, each fold's own on the others.
        'CASE WHEN f."fold" = 0 THEN t."nonzeros" ELSE f."nonzeros" END AS "nonzeros", ' +
        // Only the fold 0 rows' coefficients are read (stored-results.ts): not copying the JSON once per fold.
        'CASE WHEN f."fold" = 0 THEN t."coefficients" END AS coefficients, ' +
        'CASE WHEN f."fold" = 0 THEN t."intercepts" END AS intercepts, ' +
        'CASE WHEN $3 THEN f."learningCurve" END AS "learningCurve", n."parameters" AS "networkParameters" ' +
        'FROM trial t JOIN fold_result f ON f."trialId" = t."id" ' +
        'LEFT JOIN trial_network n ON $4 AND f."fold" = 0 AND n."trialId" = t."id" ' +
        'WHERE t."sweepId" = $1 AND t."curve" = $2 ORDER BY f."fold", t."lambdaIndex"',
      [sweepId, curve, options.learningCurves ?? false, options.networks ?? false],
    );
    // The SQLite store's shape: converged as 0/1.
    return rows.map((row) => ({ ...row, converged: row.converged ? 1 : 0 }));
  }

  async trialPage(sweepId: string, query: TrialListQuery, includes: TrialPageIncludes): Promise<PageRows<TrialJson>> {
    const where = query.penalty ? '"sweepId" = $1 AND "penalty" = $2' : '"sweepId" = $1';
    const parameters: unknown[] = query.penalty ? [sweepId, query.penalty] : [sweepId];
    const [{ total }] = await selectRows<{ total: number }>(
      this.db,
      `SELECT COUNT(*)::int AS total FROM trial WHERE ${where}`,
      parameters,
    );
    const n = parameters.length;
    const rows = await selectRows<TrialPageRow<boolean>>(
      this.db,
      `SELECT ${PG.columns(includes.coefficients)} FROM trial WHERE ${where} ` +
        `ORDER BY ${PG.order(query)} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...parameters, query.pageSize, (query.page - 1) * query.pageSize],
    );
    const items = PG.items(rows, includes.coefficients);
    if (includes.folds) await this.attachFolds(items, includes.learningCurves);
    return { items, total };
  }

  /** The fold rows of a page's trials in one statement. */
  private async attachFolds(items: TrialJson[], learningCurves: boolean): Promise<void> {
    const rows = await selectRows<FoldPageRow<boolean>>(
      this.db,
      `SELECT ${PG.foldColumns(learningCurves)} FROM fold_result WHERE "trialId" = ANY($1::int[]) ` +
        'ORDER BY "trialId", "fold"',
      [items.map((item) => item.id)],
    );
    PG.attachFolds(items, rows, learningCurves);
  }
}
