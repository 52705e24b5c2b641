import type { TrialPlan } from '@regsweep/sweep';
import { fitCoefficientsJson, interceptsJson, quotedKeys } from '../coefficients-json';
import type { CurveStatisticsRows, FailedTask, FinishedTask } from '../store-types';
import { concludedStatusSql, finiteOrNull, networkBytes, storedLearningCurve } from '../stored-values';
import { batches, selectRows, type Queryable } from './pg-queryable';

/**
 * One fold row per element of the arrays ($1 trial ids …), the fold's sizes as scalars. ON CONFLICT on
 * (trialId, fold): a task run twice (a retry, a second worker after a stall) overwrites its rows, never adds.
 */
const UPSERT_FOLDS =
  'INSERT INTO fold_result ("trialId", "fold", "trainSize", "validationSize", "train", "validation", "iterations", ' +
  '"converged", "status", "reason", "learningCurve", "nonzeros") ' +
  'SELECT r.trial_id, $1, $2, $3, r.train, r.validation, r.iterations, r.converged, r.status, r.reason, r.curve, r.nonzeros ' +
  'FROM unnest($4::int[], $5::float8[], $6::float8[], $7::int[], $8::boolean[], $9::varchar[], $10::text[], $11::text[], ' +
  '$12::int[]) AS r(trial_id, train, validation, iterations, converged, status, reason, curve, nonzeros) ' +
  'ON CONFLICT ("trialId", "fold") DO UPDATE SET "trainSize" = excluded."trainSize", ' +
  '"validationSize" = excluded."validationSize", "train" = excluded."train", "validation" = excluded."validation", ' +
  '"iterations" = excluded."iterations", "converged" = excluded."converged", "status" = excluded."status", ' +
  '"reason" = excluded."reason", "learningCurve" = excluded."learningCurve", "nonzeros" = excluded."nonzeros"';

// A trial already `failed` by a failed fold task keeps that status and reason; the fit fields are still stored.
const UPDATE_FULL_FITS =
  'UPDATE trial SET "nonzeros" = f.nonzeros, "intercept" = f.intercept, "coefficients" = f.coefficients, ' +
  '"intercepts" = f.intercepts, ' +
  '"iterations" = f.iterations, "converged" = f.converged, ' +
  `"reason" = CASE WHEN trial."status" = 'failed' THEN trial."reason" ELSE f.reason END, ` +
  `"status" = CASE WHEN trial."status" = 'failed' THEN trial."status" ELSE f.status END ` +
  'FROM unnest($1::int[], $2::int[], $3::float8[], $4::text[], $5::text[], $6::int[], $7::boolean[], $8::text[], ' +
  '$9::varchar[]) AS f(id, nonzeros, intercept, coefficients, intercepts, iterations, converged, reason, status) ' +
  'WHERE trial."id" = f.id';

// PostgreSQL evaluates every SET expression on the row before the update, as SQLite does.
const CONCLUDED = concludedStatusSql('s.validation_mean');

/** An mlp full-data fit's weights per trial (trial_network); ON CONFLICT: a task run twice writes the same bytes. */
const UPSERT_NETWORKS =
  'INSERT INTO trial_network ("trialId", "parameters") SELECT n.trial_id, n.parameters ' +
  'FROM unnest($1::int[], $2::bytea[]) AS n(trial_id, parameters) ' +
  'ON CONFLICT ("trialId") DO UPDATE SET "parameters" = excluded."parameters"';

/** (id, key) pairs read per statement when a plan's trial ids are read back. */
const TRIAL_ID_PAGE_ROWS = 5_000;

/** The writes of the `trial` and `fold_result` tables, each a whole curve in one statement (arrays + unnest). */
export class PgResultWrites {
  /** Stores the trials as pending (ON CONFLICT DO NOTHING on the key) and returns every trial id by key. */
  async insertPendingTrials(
    db: Queryable,
    sweepId: string,
    trials: readonly TrialPlan[],
  ): Promise<Map<string, number>> {
    for (const batch of batches(trials)) {
      // WITH ORDINALITY … ORDER BY: ids follow the plan's order, as SQLite's row-by-row inserts give them.
      await db.query(
        'INSERT INTO trial ("sweepId", "key", "curve", "lambdaIndex", "penalty", "l1Ratio", "lambda", "status") ' +
          "SELECT $1, t.key, t.curve, t.lambda_index, t.penalty, t.l1_ratio, t.lambda, 'pending' " +
          'FROM unnest($2::varchar[], $3::int[], $4::int[], $5::varchar[], $6::float8[], $7::float8[]) ' +
          'WITH ORDINALITY AS t(key, curve, lambda_index, penalty, l1_ratio, lambda, position) ' +
          'ORDER BY t.position ON CONFLICT ("key") DO NOTHING',
        [
          sweepId,
          batch.map((t) => t.key),
          batch.map((t) => t.curve),
          batch.map((t) => t.lambdaIndex),
          batch.map((t) => t.penalty),
          batch.map((t) => t.l1Ratio),
          batch.map((t) => t.lambda),
        ],
      );
    }
    // Read back in pages along the ("sweepId", …) index: one result of 10⁵ rows is parsed in one go.
    const ids = new Map<string, number>();
    for (let afterId = 0; ;) {
      const rows = await selectRows<{ id: number; key: string }>(
        db,
        'SELECT "id", "key" FROM trial WHERE "sweepId" = $1 AND "id" > $2 ORDER BY "id" LIMIT $3',
        [sweepId, afterId, TRIAL_ID_PAGE_ROWS],
      );
      for (const row of rows) ids.set(row.key, row.id);
      if (rows.length < TRIAL_ID_PAGE_ROWS) return ids;
      afterId = rows[rows.length - 1].id;
    }
  }

  /** A fold row per trial of the curve, and on fold 0 the full-data fit on the trial rows. */
  async writeFinished(db: Queryable, task: FinishedTask): Promise<void> {
    const { result, trialIds, featureNames } = task;
    const fits = trialIds.map((_, j) => result.fits[j]);
    const reasons = fits.map((fit) => (fit ? (fit.reason ?? null) : 'the path stopped before this λ'));
    const statuses = fits.map((fit) => (fit ? fit.status : 'failed'));
    await db.query(UPSERT_FOLDS, [
      result.fold,
      result.trainSize,
      result.validationSize,
      trialIds,
      trialIds.map((_, j) => finiteOrNull(result.train[j])),
      trialIds.map((_, j) => finiteOrNull(result.validation[j])),
      fits.map((fit) => fit?.iterations ?? 0),
      fits.map((fit) => Boolean(fit?.converged)),
      statuses,
      reasons,
      fits.map((fit) => (fit?.learningCurve ? JSON.stringify(storedLearningCurve(fit.learningCurve)) : null)),
      fits.map((fit) => finiteOrNull(fit?.nonzeros)),
    ]);
    if (result.fold !== 0) return;
    const keys = quotedKeys(featureNames);
    const classKeys = quotedKeys(task.classes ?? []);
    await db.query(UPDATE_FULL_FITS, [
      trialIds,
      fits.map((fit) => fit?.nonzeros ?? null),
      fits.map((fit) => finiteOrNull(fit?.intercept)),
      fits.map((fit) => (fit ? fitCoefficientsJson(keys, classKeys, fit) : null)),
      fits.map((fit) => (fit ? interceptsJson(classKeys, fit) : null)),
      fits.map((fit) => fit?.iterations ?? null),
      fits.map((fit) => (fit ? fit.converged : null)),
      reasons,
      statuses,
    ]);
    const networks = trialIds.flatMap((trialId, j) => {
      const parameters = fits[j]?.networkParameters;
      return parameters ? [{ trialId, bytes: networkBytes(parameters) }] : [];
    });
    if (networks.length === 0) return;
    await db.query(UPSERT_NETWORKS, [networks.map((n) => n.trialId), networks.map((n) => n.bytes)]);
  }

  /** A `failed` fold row with the reason for each trial of the curve (no metric values), and the trials failed. */
  async writeFailed(db: Queryable, task: FailedTask): Promise<void> {
    const where = task.fold === 0 ? 'full-data fit' : `fold ${task.fold}`;
    const n = task.trialIds.length;
    await db.query(UPSERT_FOLDS, [
      task.fold,
      task.trainSize,
      task.validationSize,
      task.trialIds,
      new Array(n).fill(null),
      new Array(n).fill(null),
      new Array(n).fill(0),
      new Array(n).fill(false),
      new Array(n).fill('failed'),
      new Array(n).fill(task.reason),
      new Array(n).fill(null),
      new Array(n).fill(null),
    ]);
    await db.query(`UPDATE trial SET "status" = 'failed', "reason" = $1 WHERE "id" = ANY($2::int[])`, [
      `${where}: ${task.reason}`,
      task.trialIds,
    ]);
  }

  async writeCurveStatistics(
    db: Queryable,
    trialIds: readonly number[],
    statistics: CurveStatisticsRows,
  ): Promise<void> {
    const column = (values: ArrayLike<number>) => trialIds.map((_, j) => finiteOrNull(values[j]));
    await db.query(
      'UPDATE trial SET "trainMean" = s.train_mean, "validationMean" = s.validation_mean, ' +
        '"validationSd" = s.validation_sd, "gap" = s.gap, ' +
        `"status" = ${CONCLUDED.status}, "reason" = ${CONCLUDED.reason} ` +
        'FROM unnest($1::int[], $2::float8[], $3::float8[], $4::float8[], $5::float8[]) ' +
        'AS s(id, train_mean, validation_mean, validation_sd, gap) WHERE trial."id" = s.id',
      [
        trialIds,
        column(statistics.trainMean),
        column(statistics.validationMean),
        column(statistics.validationSd),
        column(statistics.gap),
      ],
    );
  }
}
