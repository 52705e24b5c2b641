import type { TrialPlan } from '@regsweep/sweep';
import type { SqliteStatements } from '../../database/sqlite-statements';
import { concludedStatusSql, finiteOrNull, networkBytes, storedLearningCurve } from '../stored-values';
import { fitCoefficientsJson, interceptsJson } from '../coefficients-json';
import type { CurveStatisticsRows, FailedTask, FinishedTask } from '../store-types';

const UPSERT_FOLD =
  'INSERT INTO fold_result (trialId, fold, trainSize, validationSize, train, validation, iterations, converged, status, reason, learningCurve, nonzeros) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trialId, fold) DO UPDATE SET ' +
  'trainSize = excluded.trainSize, validationSize = excluded.validationSize, train = excluded.train, ' +
  'validation = excluded.validation, iterations = excluded.iterations, converged = excluded.converged, ' +
  'status = excluded.status, reason = excluded.reason, learningCurve = excluded.learningCurve, nonzeros = excluded.nonzeros';

// A trial already `failed` by a failed fold task keeps that status and reason; the fit fields are still stored.
const UPDATE_FULL_FIT =
  'UPDATE trial SET nonzeros = ?, intercept = ?, coefficients = ?, intercepts = ?, iterations = ?, converged = ?, ' +
  "reason = CASE WHEN status = 'failed' THEN reason ELSE ? END, " +
  "status = CASE WHEN status = 'failed' THEN status ELSE ? END WHERE id = ?";

// Idempotent: a fold 0 task run again (a retry, a resumed sweep) writes the same bytes over its rows.
const UPSERT_NETWORK =
  'INSERT INTO trial_network (trialId, parameters) VALUES (?, ?) ' +
  'ON CONFLICT (trialId) DO UPDATE SET parameters = excluded.parameters';

// Named parameters would not repeat validationMean; SQLite evaluates every SET expression on the row before the update.
const CONCLUDED = concludedStatusSql('?');
const UPDATE_STATISTICS =
  'UPDATE trial SET trainMean = ?, validationMean = ?, validationSd = ?, gap = ?, ' +
  `status = ${CONCLUDED.status}, reason = ${CONCLUDED.reason} WHERE id = ?`;

/**
 * The hot writes of the `trial` and `fold_result` tables, as prepared statements, one row at a time: SqliteSweepStore
 * runs them in time slices (common/in-time-slices.ts), one transaction per slice.
 */
export class ResultWrites {
  constructor(private readonly sqlite: SqliteStatements) {}

  /**
   * Stores one trial as pending (INSERT OR IGNORE on the key: a resume adds nothing) and answers its id: the new row's,
   * or the stored one's by its key. Taking the id here replaces reading the plan's (id, key) pairs back in pages with
   * `sweepId = ? AND id > ? ORDER BY id`, which SQLite planned through a (sweepId, …) index plus a sort of every
   * trial of the sweep per page: quadratic in the plan's size (docs/benchmarks.md, issue 17).
   */
  insertPendingTrial(sweepId: string, t: TrialPlan): number {
    const inserted = this.sqlite
      .statement(
        'INSERT OR IGNORE INTO trial (sweepId, key, curve, lambdaIndex, penalty, l1Ratio, lambda, status) ' +
          "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')",
      )
      .run(sweepId, t.key, t.curve, t.lambdaIndex, t.penalty, t.l1Ratio, t.lambda);
    if (inserted.changes === 1) return Number(inserted.lastInsertRowid);
    return (this.sqlite.statement('SELECT id FROM trial WHERE key = ?').get(t.key) as { id: number }).id;
  }

  /**
   * The fold row of the task's j-th trial (UNIQUE(trialId, fold): a re-run overwrites), and on fold 0 the full fit.
   * `keys`, `classKeys`: the quoted feature names and (multinomial) class labels for fold 0's coefficients JSON
   * (quotedKeys).
   */
  writeFinishedTrial(task: FinishedTask, j: number, keys: readonly string[], classKeys: readonly string[]): void {
    const { result } = task;
    const trialId = task.trialIds[j];
    const fit = result.fits[j];
    const status = fit ? fit.status : 'failed';
    const reason = fit ? (fit.reason ?? null) : 'the path stopped before this λ';
    const curve = fit?.learningCurve ? JSON.stringify(storedLearningCurve(fit.learningCurve)) : null;
    this.sqlite
      .statement(UPSERT_FOLD)
      .run(
        trialId,
        result.fold,
        result.trainSize,
        result.validationSize,
        finiteOrNull(result.train[j]),
        finiteOrNull(result.validation[j]),
        fit?.iterations ?? 0,
        fit?.converged ? 1 : 0,
        status,
        reason,
        curve,
        finiteOrNull(fit?.nonzeros),
      );
    if (result.fold !== 0) return;
    this.sqlite
      .statement(UPDATE_FULL_FIT)
      .run(
        fit?.nonzeros ?? null,
        finiteOrNull(fit?.intercept),
        fit ? fitCoefficientsJson(keys, classKeys, fit) : null,
        fit ? interceptsJson(classKeys, fit) : null,
        fit?.iterations ?? null,
        fit ? (fit.converged ? 1 : 0) : null,
        reason,
        status,
        trialId,
      );
    if (fit?.networkParameters) this.sqlite.statement(UPSERT_NETWORK).run(trialId, networkBytes(fit.networkParameters));
  }

  /** The task's j-th trial: a `failed` fold row with the reason (no metric values), and the trial failed. */
  writeFailedTrial(task: FailedTask, j: number): void {
    const trialId = task.trialIds[j];
    const where = task.fold === 0 ? 'full-data fit' : `fold ${task.fold}`;
    this.sqlite
      .statement(UPSERT_FOLD)
      .run(
        trialId,
        task.fold,
        task.trainSize,
        task.validationSize,
        null,
        null,
        0,
        0,
        'failed',
        task.reason,
        null,
        null,
      );
    this.sqlite
      .statement("UPDATE trial SET status = 'failed', reason = ? WHERE id = ?")
      .run(`${where}: ${task.reason}`, trialId);
  }

  /**
   * MAX, as PostgreSQL's GREATEST: two tasks' rows are written in interleaved time slices, so task n+1 may commit its
   * last slice (progress n + 1) before task n; the count only ever grows within a run.
   */
  setProgress(sweepId: string, progressDone: number): void {
    this.sqlite
      .statement('UPDATE sweep SET progressDone = MAX(progressDone, ?) WHERE id = ?')
      .run(progressDone, sweepId);
  }

  /** The cross-validation means of trialIds[j] (statistics index j). */
  writeTrialStatistics(trialIds: readonly number[], statistics: CurveStatisticsRows, j: number): void {
    const validationMean = finiteOrNull(statistics.validationMean[j]);
    this.sqlite
      .statement(UPDATE_STATISTICS)
      .run(
        finiteOrNull(statistics.trainMean[j]),
        validationMean,
        finiteOrNull(statistics.validationSd[j]),
        finiteOrNull(statistics.gap[j]),
        validationMean,
        validationMean,
        trialIds[j],
      );
  }
}
