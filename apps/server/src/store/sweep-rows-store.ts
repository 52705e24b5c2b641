import type { ConcurrencyChoice } from '@regsweep/sweep';
import type { SweepEntity } from '../sweeps/sweep.entity';
import type { PageRows } from '../common/page';
import type { ComparisonRows, NewSweep, SweepEnd, SweepListItem, SweepListQuery, SweepTracking } from './store-types';
import type { StoredTaskFailure, TaskState, TrialJson, TrialListQuery, TrialPageIncludes } from './store-types';
import { SweepStore } from './sweep-store';

/** SQLite's rows answer at once (synchronous statements), PostgreSQL's with a promise. */
type Answer<T> = T | Promise<T>;

/** The sweep table's own rows, as one driver reads and writes them (SweepStore documents each method). */
export interface SweepTableRows {
  create(sweep: NewSweep): Promise<SweepEntity>;
  recordDatasetChecksum(id: string, checksum: string): Promise<void>;
  recordConcurrency(id: string, choice: ConcurrencyChoice): Promise<void>;
  setTracking(id: string, tracking: SweepTracking): Promise<boolean>;
  find(id: string): Promise<SweepEntity | null>;
  findReport(id: string): Promise<SweepEntity['report'] | undefined>;
  findSummary(id: string): Promise<SweepListItem | null>;
  list(query: SweepListQuery): Promise<PageRows<SweepListItem>>;
  findUnfinishedIds(): Promise<string[]>;
  markRunning(id: string, startedAt: Date, progressTotal: number, progressDone: number): Promise<void>;
  beginConclusion(id: string): Promise<number>;
  requeue(id: string): Promise<void>;
  finish(id: string, end: SweepEnd): Promise<void>;
}

/** The comparison reads (compare page, dataset page), as one driver answers them: one statement per table. */
export interface ComparisonTableReads {
  compare(ids: readonly string[]): Promise<ComparisonRows>;
  datasetSweeps(datasetName: string, page: number, pageSize: number): Promise<PageRows<SweepListItem>>;
}

/** A sweep's task rows outside a write group, as one driver reads and writes them. */
export interface TaskTableRows {
  states(sweepId: string): Answer<Map<string, TaskState>>;
  resetRunning(sweepId: string, options: { uncount: boolean }): Answer<void>;
  markStarted(key: string): Answer<number>;
  markForRetry(key: string, error: string): Answer<void>;
  failures(sweepId: string): Answer<StoredTaskFailure[]>;
}

/** The trials list, as one driver reads it. */
export interface TrialPageReads {
  trialPage(sweepId: string, query: TrialListQuery, includes: TrialPageIncludes): Answer<PageRows<TrialJson>>;
}

/**
 * The half of SweepStore that is the same for every driver: each call goes to one of the driver's row objects (the
 * sweep rows, the comparisons, the tasks outside a write group, the trials list). The drivers implement the rest
 * (plan, results, curve reads), where their transactions differ.
 */
export abstract class SweepStoreOnRows<
  Tasks extends TaskTableRows = TaskTableRows,
  Reads extends TrialPageReads = TrialPageReads,
> extends SweepStore {
  /** The driver's row objects, each on the driver's one connection; the driver keeps their own types for its part. */
  protected constructor(
    protected readonly sweepRows: SweepTableRows,
    protected readonly comparisons: ComparisonTableReads,
    protected readonly tasks: Tasks,
    protected readonly reads: Reads,
  ) {
    super();
  }

  createSweep(sweep: NewSweep): Promise<SweepEntity> {
    return this.sweepRows.create(sweep);
  }
  recordDatasetChecksum(id: string, checksum: string): Promise<void> {
    return this.sweepRows.recordDatasetChecksum(id, checksum);
  }
  recordConcurrency(id: string, choice: ConcurrencyChoice): Promise<void> {
    return this.sweepRows.recordConcurrency(id, choice);
  }
  setSweepTracking(id: string, tracking: SweepTracking): Promise<boolean> {
    return this.sweepRows.setTracking(id, tracking);
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
  listSweeps(query: SweepListQuery): Promise<PageRows<SweepListItem>> {
    return this.sweepRows.list(query);
  }
  findUnfinishedSweepIds(): Promise<string[]> {
    return this.sweepRows.findUnfinishedIds();
  }
  markSweepRunning(id: string, startedAt: Date, progressTotal: number, progressDone: number): Promise<void> {
    return this.sweepRows.markRunning(id, startedAt, progressTotal, progressDone);
  }
  beginConclusion(id: string): Promise<number> {
    return this.sweepRows.beginConclusion(id);
  }
  requeueSweep(id: string): Promise<void> {
    return this.sweepRows.requeue(id);
  }
  finishSweep(id: string, end: SweepEnd): Promise<void> {
    return this.sweepRows.finish(id, end);
  }
  compareSweeps(ids: readonly string[]): Promise<ComparisonRows> {
    return this.comparisons.compare(ids);
  }
  listDatasetSweeps(datasetName: string, page: number, pageSize: number): Promise<PageRows<SweepListItem>> {
    return this.comparisons.datasetSweeps(datasetName, page, pageSize);
  }

  async taskStates(sweepId: string): Promise<Map<string, TaskState>> {
    return this.tasks.states(sweepId);
  }
  async resetRunningTasks(sweepId: string, options: { uncount: boolean }): Promise<void> {
    await this.tasks.resetRunning(sweepId, options);
  }
  async markTaskStarted(taskKey: string): Promise<number> {
    return this.tasks.markStarted(taskKey);
  }
  async markTaskForRetry(taskKey: string, error: string): Promise<void> {
    await this.tasks.markForRetry(taskKey, error);
  }
  async taskFailures(sweepId: string): Promise<StoredTaskFailure[]> {
    return this.tasks.failures(sweepId);
  }
  async trialPage(sweepId: string, query: TrialListQuery, includes: TrialPageIncludes): Promise<PageRows<TrialJson>> {
    return this.reads.trialPage(sweepId, query, includes);
  }
}
