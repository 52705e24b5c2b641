import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TaskPlan, TrialPlan } from '@regsweep/sweep';
import { Repository } from 'typeorm';
import { yieldToEventLoop } from '../yield-to-event-loop';
import { SqliteService } from '../../database/sqlite.service';
import { SweepEntity } from '../../sweeps/sweep.entity';
import type {
  CurveStatisticsRows,
  FailedTask,
  FinishedTask,
  StoredFoldRow,
  StoredTaskFailure,
  TaskState,
  TrialJson,
  TrialListQuery,
  TrialPageIncludes,
} from '../store-types';
import { SweepStoreOnRows } from '../sweep-rows-store';
import { ResultWrites } from './result-writes';
import { SweepRows } from './sweep-rows';
import { TaskRows } from './task-rows';
import { TrialReads } from './trial-reads';

/** Trials stored per transaction: with the trial table's eight indexes, a chunk is some tens of ms of inserts. */
const PLAN_CHUNK_ROWS = 2_000;

/**
 * The SweepStore on SQLite. One-row sweep reads and writes go through TypeORM; the hot paths (a finished task's
 * rows, the plan, the report's reads, the trials page) are prepared statements run synchronously on the same
 * better-sqlite3 connection, each write group in one synchronous transaction, so two tasks finishing together
 * cannot interleave their statements.
 */
@Injectable()
export class SqliteSweepStore extends SweepStoreOnRows {
  protected readonly sweepRows: SweepRows;
  private readonly tasks: TaskRows;
  private readonly results: ResultWrites;
  private readonly reads: TrialReads;

  constructor(
    @InjectRepository(SweepEntity) sweeps: Repository<SweepEntity>,
    private readonly sqlite: SqliteService,
  ) {
    super();
    this.sweepRows = new SweepRows(sweeps);
    this.tasks = new TaskRows(sqlite);
    this.results = new ResultWrites(sqlite);
    this.reads = new TrialReads(sqlite);
  }

  async storePlan(
    sweepId: string,
    trials: readonly TrialPlan[],
    tasks: readonly TaskPlan[],
  ): Promise<Map<string, number>> {
    // Chunks of PLAN_CHUNK_ROWS trials per transaction, the tasks with the first: the server answers requests
    // between them while a plan of hundreds of thousands of trials is stored.
    for (let start = 0; start === 0 || start < trials.length; start += PLAN_CHUNK_ROWS) {
      if (start > 0) await yieldToEventLoop();
      this.sqlite.transaction(() => {
        if (start === 0) this.tasks.insertPending(sweepId, tasks);
        this.results.insertPendingTrials(sweepId, trials.slice(start, start + PLAN_CHUNK_ROWS));
      });
    }
    return this.results.trialIds(sweepId);
  }

  async taskStates(sweepId: string): Promise<Map<string, TaskState>> {
    return this.tasks.states(sweepId);
  }
  async resetRunningTasks(sweepId: string, options: { uncount: boolean }): Promise<void> {
    this.tasks.resetRunning(sweepId, options);
  }
  async markTaskStarted(taskKey: string): Promise<number> {
    return this.tasks.markStarted(taskKey);
  }
  async markTaskForRetry(taskKey: string, error: string): Promise<void> {
    this.tasks.markForRetry(taskKey, error);
  }

  async saveFinishedTask(task: FinishedTask): Promise<void> {
    this.sqlite.transaction(() => {
      this.results.writeFinished(task);
      this.tasks.markDone(task.taskKey);
      this.results.setProgress(task.sweepId, task.progressDone);
    });
  }

  async saveFailedTask(task: FailedTask): Promise<void> {
    this.sqlite.transaction(() => {
      this.results.writeFailed(task);
      this.tasks.markFailed(task.taskKey, task.reason);
      this.results.setProgress(task.sweepId, task.progressDone);
    });
  }

  async taskFailures(sweepId: string): Promise<StoredTaskFailure[]> {
    return this.tasks.failures(sweepId);
  }

  async curveFoldRows(
    sweepId: string,
    curve: number,
    options: { learningCurves?: boolean } = {},
  ): Promise<StoredFoldRow[]> {
    return this.reads.curveFoldRows(sweepId, curve, options.learningCurves ?? false);
  }

  async markTrialPruned(trialId: number, step: number, value: number): Promise<void> {
    this.sqlite
      .statement("UPDATE trial SET status = 'pruned', prunedStep = ?, prunedValue = ? WHERE id = ?")
      .run(step, Number.isFinite(value) ? value : null, trialId);
  }

  async saveCurveStatistics(trialIds: readonly number[], statistics: CurveStatisticsRows): Promise<void> {
    this.sqlite.transaction(() => this.results.writeCurveStatistics(trialIds, statistics));
  }

  async trialPage(
    sweepId: string,
    query: TrialListQuery,
    includes: TrialPageIncludes,
  ): Promise<{ items: TrialJson[]; total: number }> {
    return this.reads.trialPage(sweepId, query, includes);
  }
}
