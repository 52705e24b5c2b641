import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { cvStatistics, gramFoldApplies, type FoldPathResult, type FoldRows, type PathSpec } from '@regsweep/engine';
import type { ParsedDataset } from '@regsweep/datasets';
import {
  buildReport,
  planSweep,
  type SweepConfig,
  type SweepPlan,
  type SweepReport,
  type TaskFailure,
  type TaskPlan,
} from '@regsweep/sweep';
import { ClockService } from '../common/clock.service';
import { DatasetsService } from '../datasets/datasets.service';
import { SweepEventsService } from '../events/sweep-events.service';
import { SweepStatus } from '../sweeps/sweep.entity';
import { SweepStore } from '../store/sweep-store';
import { isLargeData } from './data-size';
import { faultFor } from './fault-injection';
import { RUNNER_OPTIONS, type RunnerOptions } from './runner-options';
import { Semaphore } from './semaphore';
import { shareDataset, type SharedDataset } from './shared-dataset';
import { sweepCrossProducts, type Slot, type SweepCrossProducts } from './sweep-cross-products';
import { curveResultsFromRows } from './stored-results';
import { PoolClosedError, TaskFault } from './task-fault';
import { WorkerPoolService } from './worker-pool.service';

/** A sweep running in this process. */
interface RunState {
  readonly controller: AbortController;
  /** Why it was stopped early: a user's cancel, or the process shutting down (then it resumes on the next start). */
  stopReason?: 'cancel' | 'shutdown';
  done?: Promise<void>;
}

/** Everything a running sweep keeps in memory between tasks. */
interface RunContext {
  readonly sweepId: string;
  /** The stored dataset (one version) the data came from: what a queue worker fetches (queue/). */
  readonly datasetId: string;
  readonly config: SweepConfig;
  readonly data: ParsedDataset;
  readonly plan: SweepPlan;
  readonly shared: SharedDataset;
  /** The row blocks' AᵀA, computed once across the pool for the tasks that fit from cross products. */
  crossProducts?: SweepCrossProducts;
  /** Per curve, its trials (id and key) in λ order. */
  readonly curveTrials: { id: number; key: string }[][];
  readonly state: RunState;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Finished tasks (done or failed for good), including those a previous run of this sweep finished. */
  done: number;
}

interface Outcome {
  status: SweepStatus;
  error: string | null;
  report: SweepReport | null;
}

/** Task statuses that are final: a resumed sweep does not run these again. */
const FINAL_TASK_STATUSES = new Set(['done', 'failed']);

/**
 * Runs sweeps: plans the tasks, sends them to the worker pool (at most `concurrency` at once per sweep), writes each
 * finished task in one transaction, and at the end builds and stores the report from what SQLite holds.
 *
 * Crash safety: trials and tasks are stored before any runs (INSERT OR IGNORE on deterministic keys), a task's
 * results and its `done` mark are written in one transaction, and `start` on a sweep that already has rows (a
 * resume) runs only the tasks that are not done or failed.
 * Fault isolation: a task that throws fails at once; a task whose thread exits, runs out of memory or passes its
 * time limit is retried until `maxTaskAttempts` starts. A task that fails for good leaves failed trials with the
 * reason; the sweep still finishes, with the failures in its report.
 */
@Injectable()
export class SweepRunnerService implements OnModuleDestroy {
  private readonly logger = new Logger(SweepRunnerService.name);
  private readonly running = new Map<string, RunState>();

  constructor(
    private readonly store: SweepStore,
    private readonly datasets: DatasetsService,
    private readonly pool: WorkerPoolService,
    private readonly events: SweepEventsService,
    private readonly clock: ClockService,
    @Inject(RUNNER_OPTIONS) private readonly options: RunnerOptions,
  ) {}

  /**
   * Starts (or resumes) a stored queued/running sweep in the background. The promise settles once it has finished
   * or stopped, never rejects.
   */
  start(sweepId: string): Promise<void> {
    const existing = this.running.get(sweepId);
    if (existing?.done) return existing.done;
    const state: RunState = { controller: new AbortController() };
    this.running.set(sweepId, state);
    this.events.open(sweepId);
    state.done = this.run(sweepId, state)
      .catch((error: unknown) => this.logger.error(`sweep ${sweepId}: ${describe(error)}`))
      .finally(() => this.running.delete(sweepId));
    return state.done;
  }

  /**
   * Aborts a running sweep's tasks (finished trials stay). Returns the promise of its end, or undefined when the
   * sweep is not running in this process.
   */
  cancel(sweepId: string): Promise<void> | undefined {
    const state = this.running.get(sweepId);
    if (!state) return undefined;
    state.stopReason ??= 'cancel';
    state.controller.abort();
    return state.done;
  }

  isRunning(sweepId: string): boolean {
    return this.running.has(sweepId);
  }

  /**
   * On shutdown (SIGTERM, app.close()) running sweeps stop taking tasks, their in-flight tasks are aborted (the
   * threads terminated), and they go back to `queued` so the next start resumes them. Runs before the pool and the
   * database close.
   */
  async onModuleDestroy(): Promise<void> {
    const states = [...this.running.values()];
    for (const state of states) {
      state.stopReason ??= 'shutdown';
      state.controller.abort();
    }
    await Promise.all(states.map((state) => state.done));
  }

  private async run(sweepId: string, state: RunState): Promise<void> {
    let outcome: Outcome;
    try {
      const context = await this.prepare(sweepId, state);
      if (context) await this.runTasks(context);
      outcome =
        context && !state.controller.signal.aborted
          ? await this.conclude(context)
          : { status: 'cancelled', error: null, report: null };
    } catch (caught) {
      if (caught instanceof PoolClosedError) state.stopReason ??= 'shutdown';
      outcome = { status: 'failed', error: describe(caught), report: null };
    }
    // Tasks this run aborted in flight (cancel, shutdown, a failed write) are not running any more.
    await this.store.resetRunningTasks(sweepId, { uncount: true });
    if (state.stopReason === 'shutdown') {
      await this.store.requeueSweep(sweepId);
      this.events.close(sweepId);
      this.logger.log(`sweep ${sweepId}: stopped by shutdown, queued to resume on the next start`);
      return;
    }
    if (state.stopReason === 'cancel') outcome = { ...outcome, status: 'cancelled', report: null };
    try {
      await this.store.finishSweep(sweepId, { ...outcome, finishedAt: this.clock.now() });
    } finally {
      this.events.complete(sweepId, outcome.status, outcome.error);
    }
  }

  /**
   * Loads the data, plans, stores the trials and tasks (once: a resume finds them stored), marks the sweep running
   * with the progress it already has. Undefined if stopped meanwhile.
   */
  private async prepare(sweepId: string, state: RunState): Promise<RunContext | undefined> {
    const { signal } = state.controller;
    const sweep = await this.store.findSweep(sweepId);
    if (!sweep) throw new Error(`sweep ${sweepId} not found`);
    const config = sweep.config;
    const dataset = await this.datasets.getEntity(sweep.datasetId);
    // The threads start while the data is loaded and the plan stored; for large data they warm the engine up.
    this.pool.warmUp({ engine: isLargeData(dataset.rows, dataset.features.length) });
    const data = await this.datasets.loadForSweep(dataset, config.target);
    if (signal.aborted) return undefined;

    // The plan is a function of the sweep id, the config and the data: a resume gets the same keys.
    const plan = planSweep(sweepId, config, data);
    const trialIds = await this.store.storePlan(sweepId, plan.trials, plan.tasks);
    await this.store.resetRunningTasks(sweepId, { uncount: false }); // left running by a killed process: run again
    const states = await this.store.taskStates(sweepId);
    const done = plan.tasks.filter((task) => FINAL_TASK_STATUSES.has(states.get(task.key)?.status ?? '')).length;
    await this.store.markSweepRunning(sweepId, sweep.startedAt ?? this.clock.now(), plan.tasks.length, done);
    this.events.emit(sweepId, { type: 'status', data: { status: 'running' } });
    this.events.emit(sweepId, { type: 'progress', data: { done, total: plan.tasks.length } });

    const curveTrials = plan.curves.map((curve) =>
      plan.trials
        .filter((trial) => trial.curve === curve.index)
        .sort((a, b) => a.lambdaIndex - b.lambdaIndex)
        .map((trial) => ({ id: trialIds.get(trial.key) as number, key: trial.key })),
    );
    const timeoutSeconds = config.taskTimeoutSeconds ?? this.options.taskTimeoutSeconds;
    return {
      sweepId,
      datasetId: dataset.id,
      config,
      data,
      plan,
      shared: shareDataset(data),
      curveTrials,
      state,
      signal,
      timeoutMs: timeoutSeconds * 1000,
      done,
    };
  }

  /**
   * The tasks not yet done or failed, through the pool `concurrency` at a time. Task faults are handled per task
   * (runTask); anything else (a failed write) aborts the others and fails the sweep with its message.
   */
  private async runTasks(context: RunContext): Promise<void> {
    const limit = Math.max(1, context.config.concurrency ?? this.pool.size);
    const semaphore = new Semaphore(limit);
    const states = await this.store.taskStates(context.sweepId);
    const todo = longestFirst(
      context.plan.tasks.filter((task) => !FINAL_TASK_STATUSES.has(states.get(task.key)?.status ?? '')),
    );
    context.crossProducts = await this.shareCrossProducts(context, todo, semaphore);
    let firstError: unknown;
    await Promise.all(
      todo.map((task) =>
        this.runTask(context, task, (work) => semaphore.run(work)).catch((error: unknown) => {
          if (context.signal.aborted) return; // the rejection of an aborted task
          if (error instanceof PoolClosedError) context.state.stopReason ??= 'shutdown';
          else firstError ??= error;
          context.state.controller.abort();
        }),
      ),
    );
    if (firstError !== undefined) throw firstError;
  }

  /**
   * When some of the tasks fit from cross products (gram-fold.ts) and the data is large (data-size.ts), every
   * row block's AᵀA is summed once for the sweep on the pool (sweep-cross-products.ts), `concurrency` tasks at a
   * time like the fold tasks. A failed piece only costs that speed-up: undefined, and each task sums its own.
   */
  private async shareCrossProducts(
    context: RunContext,
    todo: TaskPlan[],
    semaphore: Semaphore,
  ): Promise<SweepCrossProducts | undefined> {
    const { shared, plan } = context;
    if (!isLargeData(shared.rows, shared.cols)) return undefined;
    const needed = todo.some((task) =>
      gramFoldApplies(context.data, foldRows(plan, task.fold), this.pathSpec(context, task)),
    );
    if (!needed) return undefined;
    const options = { signal: context.signal, timeoutMs: context.timeoutMs };
    try {
      return await sweepCrossProducts(shared, plan.split, this.pool, (work) => semaphore.run(work), options);
    } catch (error) {
      if (context.signal.aborted || !(error instanceof TaskFault)) throw error;
      this.logger.warn(
        `sweep ${context.sweepId}: shared cross products failed (${error.message}); each task sums its own`,
      );
      return undefined;
    }
  }

  /**
   * One task, started again after a transient fault until it succeeds or has used its attempts. It holds one of the
   * sweep's `concurrency` slots only while it runs on the pool: the next task is sent before this one's result is
   * written (a fold 0 write with 100 × 1000 coefficients takes ~50 ms, which the thread would otherwise sit out).
   */
  private async runTask(context: RunContext, task: TaskPlan, slot: Slot): Promise<void> {
    for (;;) {
      if (context.signal.aborted) return;
      let attempt = 0;
      let result: FoldPathResult;
      try {
        result = await slot(async () => {
          context.signal.throwIfAborted(); // stopped while waiting for the slot
          attempt = await this.store.markTaskStarted(task.key);
          return this.pool.runFoldTask(this.message(context, task, attempt), {
            signal: context.signal,
            timeoutMs: context.timeoutMs,
          });
        });
        await new Promise((resolve) => setImmediate(resolve)); // the next task starts first
      } catch (error) {
        if (context.signal.aborted || !(error instanceof TaskFault)) throw error;
        if (error.transient && attempt < this.options.maxTaskAttempts) {
          this.logger.warn(
            `sweep ${context.sweepId}: task ${describeTask(context, task)} attempt ${attempt}: ${error.message}; retrying`,
          );
          await this.store.markTaskForRetry(task.key, error.message);
          continue;
        }
        await this.recordFailure(context, task, error.message);
        return;
      }
      if (context.signal.aborted) return; // stopped while this task ran: its result is dropped
      await this.recordResult(context, task, result);
      return;
    }
  }

  private pathSpec(context: RunContext, task: TaskPlan): PathSpec {
    const { config, plan } = context;
    const curve = plan.curves[task.curve];
    return {
      model: config.model,
      penalty: { kind: curve.penalty, l1Ratio: curve.l1Ratio },
      lambdas: curve.lambdas,
      standardize: config.standardize,
      solver: config.solver,
    };
  }

  private message(context: RunContext, task: TaskPlan, attempt: number) {
    const { config, plan, shared, crossProducts } = context;
    const fault = faultFor(this.options.faultInjection, {
      sweepName: config.name,
      curve: task.curve,
      fold: task.fold,
      attempt,
    });
    return {
      ...shared,
      fold: foldRows(plan, task.fold),
      spec: this.pathSpec(context, task),
      metric: config.metric,
      ...(crossProducts ? { crossProducts: crossProducts.forFold(task.fold) } : {}),
      ...(fault ? { fault } : {}),
      // For queue mode (queue/queued-worker-pool.ts): where a worker on another machine fetches the data.
      source: { sweepId: context.sweepId, datasetId: context.datasetId, target: config.target },
    };
  }

  private async recordResult(context: RunContext, task: TaskPlan, result: FoldPathResult): Promise<void> {
    const curve = context.plan.curves[task.curve];
    const trials = context.curveTrials[task.curve];
    context.done++;
    await this.store.saveFinishedTask({
      sweepId: context.sweepId,
      taskKey: task.key,
      trialIds: trials.map((trial) => trial.id),
      result,
      featureNames: context.data.names,
      progressDone: context.done,
    });
    this.events.emit(context.sweepId, {
      type: 'trial',
      data: {
        curve: task.curve,
        fold: task.fold,
        trials: Array.from(curve.lambdas, (lambda, j) => ({
          key: trials[j].key,
          penalty: curve.penalty,
          l1Ratio: curve.l1Ratio,
          lambda,
          train: finite(result.train[j]),
          validation: finite(result.validation[j]),
        })),
      },
    });
    this.emitProgress(context);
  }

  private async recordFailure(context: RunContext, task: TaskPlan, reason: string): Promise<void> {
    const rows = foldRows(context.plan, task.fold);
    context.done++;
    this.logger.warn(`sweep ${context.sweepId}: task ${describeTask(context, task)} failed: ${reason}`);
    await this.store.saveFailedTask({
      sweepId: context.sweepId,
      taskKey: task.key,
      trialIds: context.curveTrials[task.curve].map((trial) => trial.id),
      fold: task.fold,
      trainSize: rows.trainRows.length,
      validationSize: rows.validationRows.length,
      reason,
      progressDone: context.done,
    });
    this.emitProgress(context);
  }

  private emitProgress(context: RunContext): void {
    this.events.emit(context.sweepId, {
      type: 'progress',
      data: { done: context.done, total: context.plan.tasks.length },
    });
  }

  /**
   * Rebuilds every curve's results from the stored rows, stores the per-trial CV means and builds the report (with
   * the failed tasks). A sweep whose every task failed has nothing to report: it fails.
   */
  private async conclude(context: RunContext): Promise<Outcome> {
    const { config, plan, data, sweepId } = context;
    const failures: TaskFailure[] = (await this.store.taskFailures(sweepId)).map((task) => ({
      penalty: plan.curves[task.curve].penalty,
      l1Ratio: plan.curves[task.curve].l1Ratio,
      fold: task.fold,
      attempts: task.attempts,
      reason: task.error,
    }));
    if (failures.length === plan.tasks.length) {
      return { status: 'failed', error: `every task failed; the first: ${failures[0].reason}`, report: null };
    }
    const results = [];
    for (const curve of plan.curves) {
      const curveResults = curveResultsFromRows(
        curve,
        await this.store.curveFoldRows(sweepId, curve.index),
        data.names,
      );
      const statistics = cvStatistics(curveResults.folds, curve.lambdas, config.metric);
      const trialIds = context.curveTrials[curve.index].map((trial) => trial.id);
      await this.store.saveCurveStatistics(trialIds, statistics);
      results.push(curveResults);
    }
    const report = buildReport({
      sweepId,
      config,
      results,
      featureNames: data.names,
      data,
      testRows: plan.split.testRows,
      failures,
    });
    return { status: 'succeeded', error: null, report };
  }
}

/**
 * The full-data paths (fold 0, all fitting rows: the longest tasks) first, then the folds in plan order: with the
 * long tasks started first, the last tasks to finish are short ones, and no thread sits idle while one long task
 * runs alone at the end (longest-processing-time-first scheduling).
 */
function longestFirst(tasks: TaskPlan[]): TaskPlan[] {
  return [...tasks.filter((task) => task.fold === 0), ...tasks.filter((task) => task.fold !== 0)];
}

/** The rows of fold `fold`; fold 0 (all fitting rows, nothing to validate on) is built if the plan lists only 1..K. */
function foldRows(plan: SweepPlan, fold: number): FoldRows {
  const found = plan.split.folds.find((rows) => rows.fold === fold);
  if (found) return found;
  if (fold === 0) return { fold: 0, trainRows: plan.split.fitRows, validationRows: new Int32Array(0) };
  throw new Error(`the plan has no fold ${fold}`);
}

function describeTask(context: RunContext, task: TaskPlan): string {
  const curve = context.plan.curves[task.curve];
  return `${curve.penalty}${curve.penalty === 'elasticnet' ? `(${curve.l1Ratio})` : ''} fold ${task.fold}`;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
