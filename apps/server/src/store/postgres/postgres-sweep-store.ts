import type { TaskPlan, TrialPlan } from '@regsweep/sweep';
import type { DataSource } from 'typeorm';
import type {
  CurveRowsOptions,
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
import { PgComparisonReads } from './pg-comparison-reads';
import { PgResultWrites } from './pg-result-writes';
import { PgSweepRows } from './pg-sweep-rows';
import { PgTaskRows } from './pg-task-rows';
import { PgTrialReads } from './pg-trial-reads';
import type { PageRows } from '../../common/page';

/**
 * The SweepStore on PostgreSQL, for several processes (servers, `regsweep worker`s) sharing one database. Every
 * write group is one transaction; writes are idempotent on the deterministic trial and task keys (ON CONFLICT), so
 * a task stored twice by two workers (one thought dead) leaves the same rows as stored once. No statement reads
 * then writes in two steps, so concurrent writers need no locks beyond the rows' own.
 */
export class PostgresSweepStore extends SweepStoreOnRows {
  protected readonly sweepRows: PgSweepRows;
  private readonly tasks: PgTaskRows;
  private readonly results = new PgResultWrites();
  private readonly reads: PgTrialReads;
  protected readonly comparisons: PgComparisonReads;

  constructor(private readonly dataSource: DataSource) {
    super();
    this.sweepRows = new PgSweepRows(dataSource);
    this.tasks = new PgTaskRows(dataSource);
    this.reads = new PgTrialReads(dataSource);
    this.comparisons = new PgComparisonReads(dataSource);
  }

  storePlan(sweepId: string, trials: readonly TrialPlan[], tasks: readonly TaskPlan[]): Promise<Map<string, number>> {
    return this.dataSource.transaction(async (manager) => {
      await this.tasks.insertPending(manager, sweepId, tasks);
      return this.results.insertPendingTrials(manager, sweepId, trials);
    });
  }

  taskStates(sweepId: string): Promise<Map<string, TaskState>> {
    return this.tasks.states(sweepId);
  }
  resetRunningTasks(sweepId: string, options: { uncount: boolean }): Promise<void> {
    return this.tasks.resetRunning(sweepId, options);
  }
  markTaskStarted(taskKey: string): Promise<number> {
    return this.tasks.markStarted(taskKey);
  }
  markTaskForRetry(taskKey: string, error: string): Promise<void> {
    return this.tasks.markForRetry(taskKey, error);
  }

  saveFinishedTask(task: FinishedTask): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await this.results.writeFinished(manager, task);
      await this.tasks.markDone(manager, task.taskKey);
      await new PgSweepRows(manager).setProgress(task.sweepId, task.progressDone);
    });
  }

  saveFailedTask(task: FailedTask): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await this.results.writeFailed(manager, task);
      await this.tasks.markFailed(manager, task.taskKey, task.reason);
      await new PgSweepRows(manager).setProgress(task.sweepId, task.progressDone);
    });
  }

  taskFailures(sweepId: string): Promise<StoredTaskFailure[]> {
    return this.tasks.failures(sweepId);
  }

  curveFoldRows(sweepId: string, curve: number, options: CurveRowsOptions = {}): Promise<StoredFoldRow[]> {
    return this.reads.curveFoldRows(sweepId, curve, options);
  }

  async markTrialPruned(trialId: number, step: number, value: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE trial SET "status" = 'pruned', "prunedStep" = $2, "prunedValue" = $3 WHERE "id" = $1`,
      [trialId, step, Number.isFinite(value) ? value : null],
    );
  }

  saveCurveStatistics(trialIds: readonly number[], statistics: CurveStatisticsRows): Promise<void> {
    return this.dataSource.transaction((manager) => this.results.writeCurveStatistics(manager, trialIds, statistics));
  }

  trialPage(sweepId: string, query: TrialListQuery, includes: TrialPageIncludes): Promise<PageRows<TrialJson>> {
    return this.reads.trialPage(sweepId, query, includes);
  }
}
