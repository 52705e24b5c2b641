import type { SqliteStatements } from '../../database/sqlite-statements';
import type { CurveRowsOptions, StoredFoldRow, TrialJson, TrialListQuery, TrialPageIncludes } from '../store-types';
import { TrialPageSql, type FoldPageRow, type TrialPageRow } from '../trial-page-sql';
import type { PageRows } from '../../common/page';

/** Names as they are; text already compares by bytes; booleans are stored as 0/1. */
const SQLITE = new TrialPageSql<number>({ quote: (name) => name, textOrder: '', flag: (value) => value === 1 });

/**
 * The reads of the `trial` and `fold_result` tables, as prepared statements returning plain rows: a page of 100
 * trials is read without building TypeORM entities, and the fold rows and coefficients only when asked for.
 */
export class TrialReads {
  constructor(private readonly sqlite: SqliteStatements) {}

  /** The largest λ index of a curve's trials (−1 if it has none): read from the (sweepId, curve, lambdaIndex) index. */
  curveLastLambdaIndex(sweepId: string, curve: number): number {
    const row = this.sqlite
      .statement('SELECT MAX(lambdaIndex) AS last FROM trial WHERE sweepId = ? AND curve = ?')
      .get(sweepId, curve) as { last: number | null };
    return row.last ?? -1;
  }

  /** The fold rows of a curve's trials with λ index in [fromIndex, toIndex), by fold then λ index. */
  curveFoldRows(
    sweepId: string,
    curve: number,
    options: CurveRowsOptions,
    fromIndex: number,
    toIndex: number,
  ): StoredFoldRow[] {
    const rows = this.sqlite
      .statement(
        'SELECT t.curve, t.lambdaIndex, t.lambda, f.fold, f.trainSize, f.validationSize, f.train, f.validation, ' +
          // nonzeros: the full-data fit's (on the trial row) on fold 0, each fold's own on the others.
          'f.iterations, f.converged, f.status, f.reason, t.intercept, ' +
          'CASE WHEN f.fold = 0 THEN t.nonzeros ELSE f.nonzeros END AS nonzeros, ' +
          // Only the fold 0 rows' coefficients are read (stored-results.ts): not copying the JSON once per fold.
          'CASE WHEN f.fold = 0 THEN t.coefficients END AS coefficients, ' +
          'CASE WHEN f.fold = 0 THEN t.intercepts END AS intercepts, ' +
          'CASE WHEN ? THEN f.learningCurve END AS learningCurve, n.parameters ' +
          'FROM trial t JOIN fold_result f ON f.trialId = t.id ' +
          'LEFT JOIN trial_network n ON ? AND f.fold = 0 AND n.trialId = t.id WHERE t.sweepId = ? AND t.curve = ? ' +
          'AND t.lambdaIndex >= ? AND t.lambdaIndex < ? ORDER BY f.fold, t.lambdaIndex',
      )
      .raw(true) // arrays, made into objects here: better-sqlite3's row objects cost about twice as much
      .all(options.learningCurves ? 1 : 0, options.networks ? 1 : 0, sweepId, curve, fromIndex, toIndex) as unknown[][];
    return rows.map((r) => ({
      curve: r[0] as number,
      lambdaIndex: r[1] as number,
      lambda: r[2] as number,
      fold: r[3] as number,
      trainSize: r[4] as number,
      validationSize: r[5] as number,
      train: r[6] as number | null,
      validation: r[7] as number | null,
      iterations: r[8] as number,
      converged: r[9] as number,
      status: r[10] as string,
      reason: r[11] as string | null,
      intercept: r[12] as number | null,
      nonzeros: r[13] as number | null,
      coefficients: r[14] as string | null,
      intercepts: r[15] as string | null,
      learningCurve: r[16] as string | null,
      networkParameters: r[17] as Uint8Array | null,
    }));
  }

  trialPage(sweepId: string, query: TrialListQuery, includes: TrialPageIncludes): PageRows<TrialJson> {
    const where = query.penalty ? 'sweepId = ? AND penalty = ?' : 'sweepId = ?';
    const parameters: unknown[] = query.penalty ? [sweepId, query.penalty] : [sweepId];
    const { total } = this.sqlite
      .statement(`SELECT COUNT(*) AS total FROM trial WHERE ${where}`)
      .get(...parameters) as {
      total: number;
    };
    const rows = this.sqlite
      .statement(
        `SELECT ${SQLITE.columns(includes.coefficients)} FROM trial WHERE ${where} ` +
          `ORDER BY ${SQLITE.order(query)} LIMIT ? OFFSET ?`,
      )
      .all(...parameters, query.pageSize, (query.page - 1) * query.pageSize) as TrialPageRow<number>[];
    const items = SQLITE.items(rows, includes.coefficients);
    if (includes.folds) this.attachFolds(items, includes.learningCurves);
    return { items, total };
  }

  /** The fold rows of a page's trials in one statement (the ids travel as one JSON array parameter). */
  private attachFolds(items: TrialJson[], learningCurves: boolean): void {
    const rows = this.sqlite
      .statement(
        `SELECT ${SQLITE.foldColumns(learningCurves)} FROM fold_result ` +
          'WHERE trialId IN (SELECT value FROM json_each(?)) ORDER BY trialId, fold',
      )
      .all(JSON.stringify(items.map((item) => item.id))) as FoldPageRow<number>[];
    SQLITE.attachFolds(items, rows, learningCurves);
  }
}
