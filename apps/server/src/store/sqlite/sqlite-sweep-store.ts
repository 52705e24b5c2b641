import { Inject, Injectable, Optional } from '@nestjs/common';
import type { TaskPlan, TrialPlan } from '@regsweep/sweep';
import { eachInTimeSlices, inTimeSlices } from '../../common/in-time-slices';
import { quotedKeys } from '../coefficients-json';
import { SqliteStatements } from '../../database/sqlite-statements';
import type { CurveRowsOptions, CurveStatisticsRows, FailedTask, FinishedTask, StoredFoldRow } from '../store-types';
import { SweepStoreOnRows } from '../sweep-rows-store';
import { ComparisonReads } from './comparison-reads';
import { foldRowReader } from './packed-rows';
// A type only: the light CLI sweep builds this store without Nest, and result-writer.ts loads TypeORM.
import type { ResultWriterThread } from './result-writer';
import { ResultWrites } from './result-writes';
import { SweepRows } from './sweep-rows';
import { TaskRows } from './task-rows';
import { TrialReads } from './trial-reads';

/** The injection token of the result writer thread (a string, so this file need not load its class). */
export const RESULT_WRITER_THREAD = 'ResultWriterThread';

/** λ indexes of a curve read per statement (times the folds + 1 rows): about a slice's worth of reading. */
const CURVE_WINDOW_LAMBDAS = 100;

/**
 * The SweepStore on SQLite: prepared statements run synchronously on one better-sqlite3 connection (no TypeORM, so
 * the CLI's light sweep builds it on a connection of its own), each write group in one synchronous transaction, so
 * two tasks finishing together cannot interleave their statements. With a `writer` running (the server on a file),
 * the bulk work goes to its thread instead (result-writer.ts): the plan's trials, the task marks and a task's rows,
 * the curves' rows read for the conclusion and their statistics.
 */
@Injectable()
export class SqliteSweepStore extends SweepStoreOnRows<TaskRows, TrialReads> {
  private readonly results: ResultWrites;

  constructor(
    private readonly sqlite: SqliteStatements,
    @Optional() @Inject(RESULT_WRITER_THREAD) private readonly writer?: ResultWriterThread,
  ) {
    super(new SweepRows(sqlite), new ComparisonReads(sqlite), new TaskRows(sqlite), new TrialReads(sqlite));
    this.results = new ResultWrites(sqlite);
  }

  /** Runs one time slice as one transaction. */
  private readonly inTransaction = (slice: () => void): void => this.sqlite.transaction(slice);

  async storePlan(
    sweepId: string,
    trials: readonly TrialPlan[],
    tasks: readonly TaskPlan[],
  ): Promise<Map<string, number>> {
    if (this.writer?.running) {
      const stored = await this.writer.storePlan(sweepId, trials, tasks);
      const ids = new Map<string, number>();
      await eachInTimeSlices(trials, (trial, i) => ids.set(trial.key, stored[i]));
      return ids;
    }
    // The trials in time slices of one transaction each, the tasks with the first: the server answers requests
    // between them while a plan of hundreds of thousands of trials is stored. Each trial's id is taken as it is stored.
    let tasksStored = false;
    const ids = new Map<string, number>();
    await eachInTimeSlices(
      trials,
      (trial) => ids.set(trial.key, this.results.insertPendingTrial(sweepId, trial)),
      (slice) =>
        this.sqlite.transaction(() => {
          if (!tasksStored) this.tasks.insertPending(sweepId, tasks);
          tasksStored = true;
          slice();
        }),
    );
    return ids;
  }

  /**
   * The fold rows in time slices, one transaction each, the task's `done` mark and the progress in the last one (a
   * task whose rows fit in one slice is one transaction). A process killed between slices leaves the task not done:
   * it runs again and its rows are overwritten.
   */
  async saveFinishedTask(task: FinishedTask): Promise<void> {
    if (this.writer?.running) return this.writer.saveFinishedTask(task);
    const keys = task.result.fold === 0 ? quotedKeys(task.featureNames) : [];
    const classKeys = task.result.fold === 0 ? quotedKeys(task.classes ?? []) : [];
    await this.writeRowsThenMark(
      task.trialIds.length,
      (j) => this.results.writeFinishedTrial(task, j, keys, classKeys),
      () => {
        this.tasks.markDone(task.taskKey);
        this.results.setProgress(task.sweepId, task.progressDone);
      },
    );
  }

  async saveFailedTask(task: FailedTask): Promise<void> {
    if (this.writer?.running) return this.writer.saveFailedTask(task);
    await this.writeRowsThenMark(
      task.trialIds.length,
      (j) => this.results.writeFailedTrial(task, j),
      () => {
        this.tasks.markFailed(task.taskKey, task.reason);
        this.results.setProgress(task.sweepId, task.progressDone);
      },
    );
  }

  override async markTaskStarted(taskKey: string): Promise<number> {
    return this.writer?.running ? this.writer.markTaskStarted(taskKey) : super.markTaskStarted(taskKey);
  }

  override async markTaskForRetry(taskKey: string, error: string): Promise<void> {
    if (this.writer?.running) return this.writer.markTaskForRetry(taskKey, error);
    return super.markTaskForRetry(taskKey, error);
  }

  /** writeRow(0 … count − 1) in time slices, a transaction each; `mark` in the transaction of the last row. */
  private async writeRowsThenMark(count: number, writeRow: (j: number) => void, mark: () => void): Promise<void> {
    let j = 0;
    await inTimeSlices(
      () => {
        if (j < count) writeRow(j);
        j++;
        return j < count;
      },
      (slice) =>
        this.sqlite.transaction(() => {
          slice();
          if (j >= count) mark();
        }),
    );
  }

  /**
   * Read in windows of CURVE_WINDOW_LAMBDAS λ indexes, one per time slice (a 10,000-λ curve of 11 folds is 110,000
   * rows); each window's rows are bucketed by fold and the buckets joined in fold order, so the whole is by fold then
   * λ index without a sort.
   */
  async curveFoldRows(sweepId: string, curve: number, options: CurveRowsOptions = {}): Promise<StoredFoldRow[]> {
    if (this.writer?.running) {
      // Read by the thread; here only the row objects are made, in time slices.
      const packed = await this.writer.curveFoldRows(sweepId, curve, options);
      const rowAt = foldRowReader(packed);
      const rows: StoredFoldRow[] = [];
      if (packed.count > 0) await inTimeSlices(() => rows.push(rowAt(rows.length)) < packed.count);
      return rows;
    }
    const last = this.reads.curveLastLambdaIndex(sweepId, curve);
    const byFold = new Map<number, StoredFoldRow[]>();
    let from = 0;
    await inTimeSlices(() => {
      const to = from + CURVE_WINDOW_LAMBDAS;
      for (const row of this.reads.curveFoldRows(sweepId, curve, options, from, to)) {
        const bucket = byFold.get(row.fold);
        if (bucket) bucket.push(row);
        else byFold.set(row.fold, [row]);
      }
      from = to;
      return from <= last;
    });
    return [...byFold.keys()].sort((a, b) => a - b).flatMap((fold) => byFold.get(fold)!);
  }

  async markTrialPruned(trialId: number, step: number, value: number): Promise<void> {
    this.sqlite
      .statement("UPDATE trial SET status = 'pruned', prunedStep = ?, prunedValue = ? WHERE id = ?")
      .run(step, Number.isFinite(value) ? value : null, trialId);
  }

  async saveCurveStatistics(trialIds: readonly number[], statistics: CurveStatisticsRows): Promise<void> {
    if (this.writer?.running) return this.writer.saveCurveStatistics(trialIds, statistics);
    await eachInTimeSlices(
      trialIds,
      (_, j) => this.results.writeTrialStatistics(trialIds, statistics, j),
      this.inTransaction,
    );
  }
}
