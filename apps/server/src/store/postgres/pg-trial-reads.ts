import type { StoredLearningCurve } from '../../trials/fold-result.entity';
import type {
  CurveRowsOptions,
  FoldJson,
  StoredFoldRow,
  TrialJson,
  TrialListQuery,
  TrialPageIncludes,
  TrialSort,
} from '../store-types';
import { fullFitJson, parseJson } from '../trial-json-columns';
import { selectRows, type Queryable } from './pg-queryable';
import type { PageRows } from '../../common/page';

/** Sort keys → columns, looked up, never interpolated. Text compares by bytes (COLLATE "C"), as SQLite does. */
const SORT_COLUMNS: Record<TrialSort, string> = {
  lambda: '"lambda"',
  validationMean: '"validationMean"',
  trainMean: '"trainMean"',
  gap: '"gap"',
  nonzeros: '"nonzeros"',
  penalty: '"penalty" COLLATE "C"',
};

const TRIAL_COLUMNS =
  '"id", "key", "curve", "lambdaIndex", "penalty", "l1Ratio", "lambda", "status", "trainMean", "validationMean", ' +
  '"validationSd", "gap", "nonzeros", "intercept", "iterations", "converged", "reason", "prunedStep", "prunedValue"';

interface TrialRow extends Omit<TrialJson, 'coefficients' | 'intercepts' | 'folds'> {
  coefficients?: string | null;
  intercepts?: string | null;
}

interface FoldRow extends Omit<FoldJson, 'learningCurve'> {
  trialId: number;
  learningCurve?: string | null;
}

/** The reads of the `trial` and `fold_result` tables on PostgreSQL, as plain rows in the SQLite store's shapes. */
export class PgTrialReads {
  constructor(private readonly db: Queryable) {}

  async curveFoldRows(sweepId: string, curve: number, options: CurveRowsOptions): Promise<StoredFoldRow[]> {
    const rows = await selectRows<Omit<StoredFoldRow, 'converged'> & { converged: boolean }>(
      this.db,
      'SELECT t."curve", t."lambdaIndex", t."lambda", f."fold", f."trainSize", f."validationSize", f."train", ' +
        'f."validation", f."iterations", f."converged", f."status", f."reason", t."intercept", t."nonzeros", ' +
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
    if (query.sort !== undefined && !Object.hasOwn(SORT_COLUMNS, query.sort)) {
      throw new Error(`unknown trial sort "${query.sort}"`);
    }
    // NULL metrics (failed or not yet evaluated trials) go last in either direction.
    const orderBy = query.sort
      ? `${SORT_COLUMNS[query.sort]} ${query.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, "id" ASC`
      : '"curve" ASC, "lambdaIndex" ASC, "id" ASC';
    const columns = includes.coefficients ? `${TRIAL_COLUMNS}, "coefficients", "intercepts"` : TRIAL_COLUMNS;
    const n = parameters.length;
    const rows = await selectRows<TrialRow>(
      this.db,
      `SELECT ${columns} FROM trial WHERE ${where} ORDER BY ${orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...parameters, query.pageSize, (query.page - 1) * query.pageSize],
    );
    // Keys in the SQLite store's order (converged after reason), so both drivers' answers serialize alike.
    const items: TrialJson[] = rows.map(({ converged, coefficients, intercepts, ...row }) => ({
      ...row,
      converged,
      ...(includes.coefficients ? fullFitJson(coefficients, intercepts) : {}),
    }));
    if (includes.folds) await this.attachFolds(items, includes.learningCurves);
    return { items, total };
  }

  /** The fold rows of a page's trials in one statement. */
  private async attachFolds(items: TrialJson[], learningCurves: boolean): Promise<void> {
    const columns =
      '"trialId", "fold", "trainSize", "validationSize", "train", "validation", "iterations", "converged", "status", ' +
      '"reason"' +
      (learningCurves ? ', "learningCurve"' : '');
    const rows = await selectRows<FoldRow>(
      this.db,
      `SELECT ${columns} FROM fold_result WHERE "trialId" = ANY($1::int[]) ORDER BY "trialId", "fold"`,
      [items.map((item) => item.id)],
    );
    const byTrial = new Map<number, FoldJson[]>(items.map((item) => [item.id, []]));
    for (const { trialId, converged, learningCurve, ...fold } of rows) {
      byTrial.get(trialId)!.push({
        ...fold,
        converged,
        ...(learningCurves ? { learningCurve: parseJson<StoredLearningCurve>(learningCurve) } : {}),
      });
    }
    for (const item of items) item.folds = byTrial.get(item.id)!;
  }
}
