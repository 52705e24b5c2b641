import type { TrialPlan } from '@regsweep/sweep';
import type { SqliteService } from '../../database/sqlite.service';
import { finiteOrNull, storedLearningCurve } from '../stored-values';
import { fitCoefficientsJson, interceptsJson, quotedKeys } from '../coefficients-json';
import type { CurveStatisticsRows, FailedTask, FinishedTask } from '../store-types';

const UPSERT_FOLD =
  'INSERT INTO fold_result (trialId, fold, trainSize, validationSize, train, validation, iterations, converged, status, reason, learningCurve) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trialId, fold) DO UPDATE SET ' +
  'trainSize = excluded.trainSize, validationSize = excluded.validationSize, train = excluded.train, ' +
  'validation = excluded.validation, iterations = excluded.iterations, converged = excluded.converged, ' +
  'status = excluded.status, reason = excluded.reason, learningCurve = excluded.learningCurve';

// A trial already `failed` by a failed fold task keeps that status and reason; the fit fields are still stored.
const UPDATE_FULL_FIT =
  'UPDATE trial SET nonzeros = ?, intercept = ?, coefficients = ?, intercepts = ?, iterations = ?, converged = ?, ' +
  "reason = CASE WHEN status = 'failed' THEN reason ELSE ? END, " +
  "status = CASE WHEN status = 'failed' THEN status ELSE ? END WHERE id = ?";

/**
 * The hot writes of the `trial` and `fold_result` tables, as prepared statements. Each method runs inside the
 * transaction SqliteSweepStore opens (with the task and progress updates that belong to the same event).
 */
export class ResultWrites {
  constructor(private readonly sqlite: SqliteService) {}

  /** Stores the trials as pending (INSERT OR IGNORE on the key: a resume adds nothing). */
  insertPendingTrials(sweepId: string, trials: readonly TrialPlan[]): void {
    const insert = this.sqlite.statement(
      'INSERT OR IGNORE INTO trial (sweepId, key, curve, lambdaIndex, penalty, l1Ratio, lambda, status) ' +
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')",
    );
    for (const t of trials) insert.run(sweepId, t.key, t.curve, t.lambdaIndex, t.penalty, t.l1Ratio, t.lambda);
  }

  /** Every trial id of the sweep by key. */
  trialIds(sweepId: string): Map<string, number> {
    const rows = this.sqlite.statement('SELECT id, key FROM trial WHERE sweepId = ?').all(sweepId) as {
      id: number;
      key: string;
    }[];
    return new Map(rows.map((row) => [row.key, row.id]));
  }

  /** A fold row per trial of the curve (UNIQUE(trialId, fold): a re-run overwrites), and on fold 0 the full fit. */
  writeFinished(task: FinishedTask): void {
    const { result, trialIds, featureNames } = task;
    const upsertFold = this.sqlite.statement(UPSERT_FOLD);
    const updateFullFit = this.sqlite.statement(UPDATE_FULL_FIT);
    const keys = result.fold === 0 ? quotedKeys(featureNames) : [];
    const classKeys = result.fold === 0 ? quotedKeys(task.classes ?? []) : [];
    trialIds.forEach((trialId, j) => {
      const fit = result.fits[j];
      const status = fit ? fit.status : 'failed';
      const reason = fit ? (fit.reason ?? null) : 'the path stopped before this λ';
      const curve = fit?.learningCurve ? JSON.stringify(storedLearningCurve(fit.learningCurve)) : null;
      upsertFold.run(
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
      );
      if (result.fold !== 0) return;
      updateFullFit.run(
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
    });
  }

  /** A `failed` fold row with the reason for each trial of the curve (no metric values), and the trials failed. */
  writeFailed(task: FailedTask): void {
    const upsertFold = this.sqlite.statement(UPSERT_FOLD);
    const failTrial = this.sqlite.statement("UPDATE trial SET status = 'failed', reason = ? WHERE id = ?");
    const where = task.fold === 0 ? 'full-data fit' : `fold ${task.fold}`;
    for (const trialId of task.trialIds) {
      upsertFold.run(
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
      );
      failTrial.run(`${where}: ${task.reason}`, trialId);
    }
  }

  setProgress(sweepId: string, progressDone: number): void {
    this.sqlite.statement('UPDATE sweep SET progressDone = ? WHERE id = ?').run(progressDone, sweepId);
  }

  writeCurveStatistics(trialIds: readonly number[], statistics: CurveStatisticsRows): void {
    const update = this.sqlite.statement(
      'UPDATE trial SET trainMean = ?, validationMean = ?, validationSd = ?, gap = ? WHERE id = ?',
    );
    trialIds.forEach((trialId, j) =>
      update.run(
        finiteOrNull(statistics.trainMean[j]),
        finiteOrNull(statistics.validationMean[j]),
        finiteOrNull(statistics.validationSd[j]),
        finiteOrNull(statistics.gap[j]),
        trialId,
      ),
    );
  }
}
