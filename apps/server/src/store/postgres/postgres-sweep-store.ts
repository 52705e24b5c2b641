import type { TaskPlan, TrialPlan } from '@regsweep/sweep';
import type { DataSource } from 'typeorm';
import type { CurveRowsOptions, CurveStatisticsRows, FailedTask, FinishedTask, StoredFoldRow } from '../store-types';
import { SweepStoreOnRows } from '../sweep-rows-store';
import { PgComparisonReads } from './pg-comparison-reads';
import { PgResultWrites } from './pg-result-writes';
import { PgSweepRows } from './pg-sweep-rows';
import { PgTaskRows } from './pg-task-rows';
import { PgTrialReads } from './pg-trial-reads';

/**
 * The SweepStore on PostgreSQL, for several processes (servers, `regsweep worker`s) sharing one database. Every
 * write group is one transaction; writes are idempotent on the deterministic trial and task keys (ON CONFLICT), so
 * a task stored twice by two workers (one thought dead) leaves the same rows as stored once. No statement reads
 * then writes in two steps, so concurrent writers need no locks beyond the rows' own.
 */
export class PostgresSweepStore extends SweepStoreOnRows<PgTaskRows, PgTrialReads> {
  private readonly results = new PgResultWrites();

  constructor(private readonly db: DataSource) {
    super(new PgSweepRows(db), new PgComparisonReads(db), new PgTaskRows(db), new PgTrialReads(db));
  }

  storePlan(sweepId: string, trials: readonly TrialPlan[], tasks: readonly TaskPlan[]): Promise<Map<string, number>> {
    return this.db.transaction(async (manager) => {
      await this.tasks.insertPending(manager, sweepId, tasks);
      return this.results.insertPendingTrials(manager, sweepId, trials);
    });
  }

  saveFinishedTask(task: FinishedTask): Promise<void> {
    return this.db.transaction(async (manager) => {
      await this.results.writeFinished(manager, task);
      await this.tasks.markDone(manager, task.taskKey);
      await new PgSweepRows(manager).setProgress(task.sweepId, task.progressDone);
    });
  }

  saveFailedTask(task: FailedTask): Promise<void> {
    return this.db.transaction(async (manager) => {
      await this.results.writeFailed(manager, task);
      await this.tasks.markFailed(manager, task.taskKey, task.reason);
      await new PgSweepRows(manager).setProgress(task.sweepId, task.progressDone);
    });
  }

  curveFoldRows(sweepId: string, curve: number, options: CurveRowsOptions = {}): Promise<StoredFoldRow[]> {
    return this.reads.curveFoldRows(sweepId, curve, options);
  }

  async markTrialPruned(trialId: number, step: number, value: number): Promise<void> {
    await this.db.query(`UPDATE trial SET "status" = 'pruned', "prunedStep" = $2, "prunedValue" = $3 WHERE "id" = $1`, [
      trialId,
      step,
      Number.isFinite(value) ? value : null,
    ]);
  }

  saveCurveStatistics(trialIds: readonly number[], statistics: CurveStatisticsRows): Promise<void> {
    return this.db.transaction((manager) => this.results.writeCurveStatistics(manager, trialIds, statistics));
  }
}
