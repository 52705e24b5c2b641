import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TaskPlan, TrialPlan } from '@regsweep/sweep';
import { Repository } from 'typeorm';
import { SqliteService } from '../../database/sqlite.service';
import { SweepEntity } from '../../sweeps/sweep.entity';
import type {
  CurveStatisticsRows,
  FailedTask,
  FinishedTask,
  NewSweep,
  StoredFoldRow,
  StoredTaskFailure,
  SweepEnd,
  SweepListItem,
  SweepListQuery,
  TaskState,
  TrialJson,
  TrialListQuery,
  TrialPageIncludes,
} from '../store-types';
import { SweepStore } from '../sweep-store';
import { ResultWrites } from './result-writes';
import { SweepRows } from './sweep-rows';
import { TaskRows } from './task-rows';
import { TrialReads } from './trial-reads';

/**
 * The SweepStore on SQLite. One-row sweep reads and writes go through TypeORM; the hot paths (a finished task's
 * rows, the plan, the report's reads, the trials page) are prepared statements run synchronously on the same
 * better-sqlite3 connection, each write group in one synchronous transaction, so two tasks finishing together
 * cannot interleave their statements.
 */
@Injectable()
export class SqliteSweepStore extends SweepStore {
  private readonly sweepRows: SweepRows;
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

  createSweep(sweep: NewSweep): Promise<SweepEntity> {
    return this.sweepRows.create(sweep);
  }
  findSweep(id: string): Promise<SweepEntity | null> {
    return this.sweepRows.find(id);
  }
  findReport(id: string): Promise<SweepEntity['report'] | undefined> {
    return this.sweepRows.findReport(id);
  }
  findSweepSummary(id: string): Promise<SweepListItem | null> {
    return this.sweepRows.findSummary(id);
  }
  listSweeps(query: SweepListQuery): Promise<{ items: SweepListItem[]; total: number }> {
    return this.sweepRows.list(query);
  }
  findUnfinishedSweepIds(): Promise<string[]> {
    return this.sweepRows.findUnfinishedIds();
  }
  markSweepRunning(id: string, startedAt: Date, progressTotal: number, progressDone: number): Promise<void> {
    return this.sweepRows.markRunning(id, startedAt, progressTotal, progressDone);
  }
  requeueSweep(id: string): Promise<void> {
    return this.sweepRows.requeue(id);
  }
  finishSweep(id: string, end: SweepEnd): Promise<void> {
    return this.sweepRows.finish(id, end);
  }

  async storePlan(
    sweepId: string,
    trials: readonly TrialPlan[],
    tasks: readonly TaskPlan[],
  ): Promise<Map<string, number>> {
    return this.sqlite.transaction(() => {
      this.tasks.insertPending(sweepId, tasks);
      return this.results.insertPendingTrials(sweepId, trials);
    });
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

  async curveFoldRows(sweepId: string, curve: number): Promise<StoredFoldRow[]> {
    return this.reads.curveFoldRows(sweepId, curve);
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
