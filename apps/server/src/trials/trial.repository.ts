import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CvStatistics, FoldPathResult } from '@regsweep/engine';
import type { TrialPlan } from '@regsweep/sweep';
import { In, Repository } from 'typeorm';
import { finiteOrNull, SqliteService } from '../database/sqlite.service';
import { FoldResultEntity, StoredLearningCurve } from './fold-result.entity';
import { TrialEntity } from './trial.entity';

export type TrialSort = 'lambda' | 'validationMean' | 'trainMean' | 'gap' | 'nonzeros' | 'penalty';
export const TRIAL_SORTS: readonly TrialSort[] = [
  'lambda',
  'validationMean',
  'trainMean',
  'gap',
  'nonzeros',
  'penalty',
];

export interface TrialListQuery {
  page: number;
  pageSize: number;
  /** Undefined: the plan's order (curve, then decreasing λ). */
  sort?: TrialSort;
  order: 'asc' | 'desc';
  penalty?: string;
}

/** A finished task: one curve's path on one fold, for the trials of that curve in λ order. */
export interface FinishedTask {
  sweepId: string;
  taskKey: string;
  /** Trial ids in the order of the curve's λ values (result index j ↔ trialIds[j]). */
  trialIds: readonly number[];
  result: FoldPathResult;
  featureNames: readonly string[];
  /** The sweep's finished-task count including this one. */
  progressDone: number;
}

/** A task that failed for good: no result on its fold for any trial of its curve. */
export interface FailedTask {
  sweepId: string;
  taskKey: string;
  trialIds: readonly number[];
  fold: number;
  trainSize: number;
  validationSize: number;
  reason: string;
  progressDone: number;
}

/** One fold row as stored, with its trial's curve position and full-data fit (the fit fields are the trial's). */
export interface StoredFoldRow {
  curve: number;
  lambdaIndex: number;
  lambda: number;
  fold: number;
  trainSize: number;
  validationSize: number;
  train: number | null;
  validation: number | null;
  iterations: number;
  converged: number;
  status: string;
  reason: string | null;
  intercept: number | null;
  nonzeros: number | null;
  /** JSON {feature: value} of the full-data fit, on every row of the trial (used on fold 0 rows). */
  coefficients: string | null;
}

@Injectable()
export class TrialRepository {
  constructor(
    @InjectRepository(TrialEntity) private readonly trials: Repository<TrialEntity>,
    @InjectRepository(FoldResultEntity) private readonly folds: Repository<FoldResultEntity>,
    private readonly sqlite: SqliteService,
  ) {}

  /** Stores the sweep's trials as pending (once: INSERT OR IGNORE on the key) and returns their ids by key. */
  createPending(sweepId: string, trials: readonly TrialPlan[]): Map<string, number> {
    const insert = this.sqlite.statement(
      'INSERT OR IGNORE INTO trial (sweepId, key, curve, lambdaIndex, penalty, l1Ratio, lambda, status) ' +
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')",
    );
    const select = this.sqlite.statement('SELECT id, key FROM trial WHERE sweepId = ?');
    return this.sqlite.transaction(() => {
      for (const t of trials) insert.run(sweepId, t.key, t.curve, t.lambdaIndex, t.penalty, t.l1Ratio, t.lambda);
      const rows = select.all(sweepId) as { id: number; key: string }[];
      return new Map(rows.map((row) => [row.key, row.id]));
    });
  }

  /**
   * Everything a finished task produced, in ONE transaction: a fold row per trial of the curve, the full-data fit
   * on the trials (fold 0), the task marked done and the sweep's progress. Re-running a task overwrites its rows
   * (UNIQUE(trialId, fold)) instead of adding more.
   */
  saveFinishedTask(task: FinishedTask): void {
    const { result, trialIds, featureNames } = task;
    const upsertFold = this.sqlite.statement(
      'INSERT INTO fold_result (trialId, fold, trainSize, validationSize, train, validation, iterations, converged, status, reason, learningCurve) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trialId, fold) DO UPDATE SET ' +
        'trainSize = excluded.trainSize, validationSize = excluded.validationSize, train = excluded.train, ' +
        'validation = excluded.validation, iterations = excluded.iterations, converged = excluded.converged, ' +
        'status = excluded.status, reason = excluded.reason, learningCurve = excluded.learningCurve',
    );
    // A trial already `failed` by a failed fold task keeps that status and reason; the fit fields are still stored.
    const updateFullFit = this.sqlite.statement(
      'UPDATE trial SET nonzeros = ?, intercept = ?, coefficients = ?, iterations = ?, converged = ?, ' +
        "reason = CASE WHEN status = 'failed' THEN reason ELSE ? END, " +
        "status = CASE WHEN status = 'failed' THEN status ELSE ? END WHERE id = ?",
    );
    // attempts were counted when the task started (SweepRepository.markTaskStarted).
    const markTaskDone = this.sqlite.statement("UPDATE task SET status = 'done', error = NULL WHERE key = ?");
    const setProgress = this.sqlite.statement('UPDATE sweep SET progressDone = ? WHERE id = ?');

    const keys = result.fold === 0 ? quotedKeys(featureNames) : [];
    this.sqlite.transaction(() => {
      trialIds.forEach((trialId, j) => {
        const fit = result.fits[j];
        const train = finiteOrNull(result.train[j]);
        const validation = finiteOrNull(result.validation[j]);
        const status = fit ? fit.status : 'failed';
        const reason = fit ? (fit.reason ?? null) : 'the path stopped before this λ';
        const curve = fit?.learningCurve ? JSON.stringify(storedLearningCurve(fit.learningCurve)) : null;
        upsertFold.run(
          trialId,
          result.fold,
          result.trainSize,
          result.validationSize,
          train,
          validation,
          fit?.iterations ?? 0,
          fit?.converged ? 1 : 0,
          status,
          reason,
          curve,
        );
        if (result.fold === 0) {
          const coefficients = fit ? coefficientsJson(keys, fit.coefficients) : null;
          updateFullFit.run(
            fit?.nonzeros ?? null,
            finiteOrNull(fit?.intercept),
            coefficients,
            fit?.iterations ?? null,
            fit ? (fit.converged ? 1 : 0) : null,
            reason,
            status,
            trialId,
          );
        }
      });
      markTaskDone.run(task.taskKey);
      setProgress.run(task.progressDone, task.sweepId);
    });
  }

  /**
   * A task that failed for good, in ONE transaction: a `failed` fold row with the reason for each trial of the curve
   * (no metric values), the trials marked failed, the task marked failed and the sweep's progress. Re-running it
   * overwrites the same rows.
   */
  saveFailedTask(task: FailedTask): void {
    const upsertFold = this.sqlite.statement(
      'INSERT INTO fold_result (trialId, fold, trainSize, validationSize, train, validation, iterations, converged, status, reason, learningCurve) ' +
        "VALUES (?, ?, ?, ?, NULL, NULL, 0, 0, 'failed', ?, NULL) ON CONFLICT (trialId, fold) DO UPDATE SET " +
        'trainSize = excluded.trainSize, validationSize = excluded.validationSize, train = NULL, validation = NULL, ' +
        "iterations = 0, converged = 0, status = 'failed', reason = excluded.reason, learningCurve = NULL",
    );
    const failTrial = this.sqlite.statement("UPDATE trial SET status = 'failed', reason = ? WHERE id = ?");
    const markTaskFailed = this.sqlite.statement("UPDATE task SET status = 'failed', error = ? WHERE key = ?");
    const setProgress = this.sqlite.statement('UPDATE sweep SET progressDone = ? WHERE id = ?');
    const where = task.fold === 0 ? 'full-data fit' : `fold ${task.fold}`;
    this.sqlite.transaction(() => {
      for (const trialId of task.trialIds) {
        upsertFold.run(trialId, task.fold, task.trainSize, task.validationSize, task.reason);
        failTrial.run(`${where}: ${task.reason}`, trialId);
      }
      markTaskFailed.run(task.reason, task.taskKey);
      setProgress.run(task.progressDone, task.sweepId);
    });
  }

  /**
   * Every stored fold row of a sweep with its trial's position and full-data fit: what the report is built from, so
   * a resumed sweep's report comes from exactly the same numbers as an uninterrupted one's.
   */
  storedFoldRows(sweepId: string): StoredFoldRow[] {
    const rows = this.sqlite
      .statement(
        'SELECT t.curve, t.lambdaIndex, t.lambda, f.fold, f.trainSize, f.validationSize, f.train, f.validation, ' +
          'f.iterations, f.converged, f.status, f.reason, t.intercept, t.nonzeros, ' +
          // Only the fold 0 rows' coefficients are read (stored-results.ts): not copying the JSON 5 more times per trial.
          'CASE WHEN f.fold = 0 THEN t.coefficients END AS coefficients ' +
          'FROM fold_result f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = ? ' +
          'ORDER BY t.curve, f.fold, t.lambdaIndex',
      )
      .raw(true) // arrays, made into objects here: better-sqlite3's row objects cost twice as much (6000 rows: 20 ms)
      .all(sweepId) as unknown[][];
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
    }));
  }

  /** The cross-validation means of one curve's trials (index j ↔ trialIds[j]), in one transaction. */
  saveCurveStatistics(trialIds: readonly number[], statistics: CvStatistics): void {
    const update = this.sqlite.statement(
      'UPDATE trial SET trainMean = ?, validationMean = ?, validationSd = ?, gap = ? WHERE id = ?',
    );
    this.sqlite.transaction(() => {
      trialIds.forEach((trialId, j) =>
        update.run(
          finiteOrNull(statistics.trainMean[j]),
          finiteOrNull(statistics.validationMean[j]),
          finiteOrNull(statistics.validationSd[j]),
          finiteOrNull(statistics.gap[j]),
          trialId,
        ),
      );
    });
  }

  async page(sweepId: string, query: TrialListQuery): Promise<{ items: TrialEntity[]; total: number }> {
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const [items, total] = await this.trials.findAndCount({
      where: { sweepId, ...(query.penalty ? { penalty: query.penalty as TrialEntity['penalty'] } : {}) },
      // NULL metrics (failed or not yet evaluated trials) go last in either direction.
      order: query.sort
        ? { [query.sort]: { direction, nulls: 'LAST' }, id: 'ASC' }
        : { curve: 'ASC', lambdaIndex: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items, total };
  }

  /**
   * The fold rows of some trials. A gd fold row's learning curve is up to 500 epochs × 2 losses, so a page of 100 gd
   * trials with curves is megabytes: they come only when asked for.
   */
  foldsOf(trialIds: readonly number[], options: { learningCurves: boolean }): Promise<FoldResultEntity[]> {
    if (trialIds.length === 0) return Promise.resolve([]);
    const columns = this.folds.metadata.columns
      .map((column) => column.propertyName as keyof FoldResultEntity)
      .filter((name) => options.learningCurves || name !== 'learningCurve');
    return this.folds.find({
      select: columns,
      where: { trialId: In([...trialIds]) },
      order: { trialId: 'ASC', fold: 'ASC' },
    });
  }
}

/**
 * `JSON.stringify({[names[j]]: coefficients[j]})`, written straight from the array with the quoted keys made once
 * per task: building a 1000-key object per trial cost ~50 ms for a 100-λ path at p = 1000, on the thread that also
 * hands out the next tasks. Names are unique (the CSV reader refuses duplicates); non-finite values become null.
 */
export function coefficientsJson(quotedKeys: readonly string[], coefficients: Float64Array): string {
  let text = '{';
  for (let j = 0; j < quotedKeys.length; j++) {
    const value = coefficients[j];
    text += (j === 0 ? '' : ',') + quotedKeys[j] + (Number.isFinite(value) ? String(value) : 'null');
  }
  return text + '}';
}

/** `"name":` for each feature, for coefficientsJson. */
export function quotedKeys(names: readonly string[]): string[] {
  return names.map((name) => `${JSON.stringify(name)}:`);
}

function storedLearningCurve(curve: {
  epochs: Int32Array;
  train: Float64Array;
  validation: Float64Array;
}): StoredLearningCurve {
  return {
    epochs: Array.from(curve.epochs),
    train: Array.from(curve.train, (v) => finiteOrNull(v)),
    validation: Array.from(curve.validation, (v) => finiteOrNull(v)),
  };
}
