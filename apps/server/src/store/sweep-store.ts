import type { ConcurrencyChoice, TaskPlan, TrialPlan } from '@regsweep/sweep';
import type { SweepEntity } from '../sweeps/sweep.entity';
import type {
  ComparisonRows,
  CurveRowsOptions,
  CurveStatisticsRows,
  FailedTask,
  FinishedTask,
  NewSweep,
  StoredFoldRow,
  StoredTaskFailure,
  SweepEnd,
  SweepListItem,
  SweepListQuery,
  SweepTracking,
  TaskState,
  TrialJson,
  TrialListQuery,
  TrialPageIncludes,
} from './store-types';
import type { PageRows } from '../common/page';

/**
 * The only owner of a sweep's rows (sweep, task, trial, fold_result). Every method returns a promise, so a driver
 * with asynchronous I/O (PostgreSQL through TypeORM) can satisfy it; the SQLite one runs synchronous prepared
 * statements inside. Each write method is one transaction: a process killed at any point leaves either all of it
 * or none of it, which is what resuming relies on.
 *
 * An abstract class rather than an interface so it is also the Nest injection token.
 */
export abstract class SweepStore {
  // ── sweeps ──────────────────────────────────────────────────────────────────────────────────────────────────────
  /** Stores a new sweep as `queued` with no progress. */
  abstract createSweep(sweep: NewSweep): Promise<SweepEntity>;

  /** The sweep row with its config, without its report (see `findReport`). */
  abstract findSweep(id: string): Promise<SweepEntity | null>;

  /** Provenance: the checksum of the dataset values the sweep runs on (recorded once, when they are first loaded). */
  abstract recordDatasetChecksum(id: string, checksum: string): Promise<void>;

  /** The threads the sweep's run chose and why (chooseConcurrency): recorded by every run once it has planned. */
  abstract recordConcurrency(id: string, choice: ConcurrencyChoice): Promise<void>;

  /**
   * Tracking: replaces the sweep's tags (in the order given) and/or notes, whichever `tracking` has, in one
   * transaction. False (and nothing stored) when there is no such sweep.
   */
  abstract setSweepTracking(id: string, tracking: SweepTracking): Promise<boolean>;

  /** The stored report of a sweep (null until it succeeded); undefined when the sweep does not exist. */
  abstract findReport(id: string): Promise<SweepEntity['report'] | undefined>;

  /** One sweep as lists show it: without its report, with its best model's summary. */
  abstract findSweepSummary(id: string): Promise<SweepListItem | null>;

  /** A page of the sweeps `query` filters (store-types.ts SweepFilters), in its order. */
  abstract listSweeps(query: SweepListQuery): Promise<PageRows<SweepListItem>>;

  /** Several sweeps side by side: their rows with best model and dataset name, and their trials' curve points. */
  abstract compareSweeps(ids: readonly string[]): Promise<ComparisonRows>;

  /** Every sweep on any version of the dataset named `datasetName`, oldest first (a page of them). */
  abstract listDatasetSweeps(datasetName: string, page: number, pageSize: number): Promise<PageRows<SweepListItem>>;

  /** Sweeps a stopped process left queued or running, oldest first: the runner resumes them at start. */
  abstract findUnfinishedSweepIds(): Promise<string[]>;

  /** `progressDone`: tasks a resumed sweep had already finished (0 for a fresh one). */
  abstract markSweepRunning(id: string, startedAt: Date, progressTotal: number, progressDone: number): Promise<void>;

  /**
   * Counts a start of the sweep's conclude step and returns the count (1 for the first): stored before the step
   * runs, so a process that dies in it leaves the start counted (SweepEntity.concludeAttempts).
   */
  abstract beginConclusion(id: string): Promise<number>;

  /** Back to queued, to be resumed by the next start (a graceful shutdown stopped it). */
  abstract requeueSweep(id: string): Promise<void>;

  abstract finishSweep(id: string, end: SweepEnd): Promise<void>;

  // ── the plan ────────────────────────────────────────────────────────────────────────────────────────────────────
  /**
   * Stores the plan's trials (pending) and tasks once: keys are deterministic, so a resume finds them stored and
   * adds nothing. Returns the given trials' ids by key (a driver may answer every trial of the sweep). A large plan
   * may be stored in several transactions, yielding to the event loop between them (a resume completes a plan a crash
   * cut short).
   */
  abstract storePlan(
    sweepId: string,
    trials: readonly TrialPlan[],
    tasks: readonly TaskPlan[],
  ): Promise<Map<string, number>>;

  // ── tasks (crash safety and retries: each start, retry and final failure is recorded) ──────────────────────────
  abstract taskStates(sweepId: string): Promise<Map<string, TaskState>>;

  /**
   * Tasks left `running` become pending again. After a crash their start stays counted (the task may be what killed
   * the process); an attempt this process aborted itself (cancel, shutdown) is not counted: `uncount`.
   */
  abstract resetRunningTasks(sweepId: string, options: { uncount: boolean }): Promise<void>;

  /** Records a start of a task on a worker and returns which attempt this is (1 for the first). */
  abstract markTaskStarted(taskKey: string): Promise<number>;

  /** A transient fault: the task waits for its next attempt, with the last fault's reason kept. */
  abstract markTaskForRetry(taskKey: string, error: string): Promise<void>;

  /**
   * Everything a finished task produced: a fold row per trial of the curve, the full-data fit on the trials (fold 0),
   * the task marked done and the sweep's progress. Re-running a task overwrites its rows instead of adding more.
   */
  abstract saveFinishedTask(task: FinishedTask): Promise<void>;

  /** A task that failed for good: `failed` fold rows with the reason, its trials failed, the task failed, progress. */
  abstract saveFailedTask(task: FailedTask): Promise<void>;

  /** A sweep's tasks that failed for good, in the order they were stored. */
  abstract taskFailures(sweepId: string): Promise<StoredTaskFailure[]>;

  // ── results ─────────────────────────────────────────────────────────────────────────────────────────────────────
  /**
   * The stored fold rows of one curve (by fold, then λ index) with its trials' full-data fit: what the report is
   * built from, one curve at a time, so a resumed sweep's report comes from exactly the numbers of an
   * uninterrupted one and memory holds one curve's rows, not the sweep's. `options`: the learning curves and the
   * full-data networks too (CurveRowsOptions).
   */
  abstract curveFoldRows(sweepId: string, curve: number, options?: CurveRowsOptions): Promise<StoredFoldRow[]>;

  /** A trial a pruner stopped: status `pruned`, with the step and the intermediate value that pruned it. */
  abstract markTrialPruned(trialId: number, step: number, value: number): Promise<void>;

  /** The cross-validation means of one curve's trials (index j ↔ trialIds[j]). */
  abstract saveCurveStatistics(trialIds: readonly number[], statistics: CurveStatisticsRows): Promise<void>;

  /** A page of a sweep's trials; folds, coefficients and learning curves only as `includes` asks. */
  abstract trialPage(sweepId: string, query: TrialListQuery, includes: TrialPageIncludes): Promise<PageRows<TrialJson>>;
}
