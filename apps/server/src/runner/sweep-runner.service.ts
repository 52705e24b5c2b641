import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { cvStatistics, type FoldPathResult, type FoldRows } from '@regsweep/engine';
import type { ParsedDataset } from '@regsweep/datasets';
import {
  buildReport,
  planSweep,
  type CurveResults,
  type SweepConfig,
  type SweepPlan,
  type SweepReport,
  type TaskPlan,
} from '@regsweep/sweep';
import { ClockService } from '../common/clock.service';
import { DatasetsService } from '../datasets/datasets.service';
import { SweepEventsService } from '../events/sweep-events.service';
import { SweepStatus } from '../sweeps/sweep.entity';
import { SweepRepository } from '../sweeps/sweep.repository';
import { TrialRepository } from '../trials/trial.repository';
import { Semaphore } from './semaphore';
import { shareDataset, type SharedDataset } from './shared-dataset';
import { WorkerPoolService } from './worker-pool.service';

/** A sweep running in this process. */
interface RunState {
  readonly controller: AbortController;
  /** Why it was stopped early: a user's cancel, or the process shutting down. */
  stopReason?: 'cancel' | 'shutdown';
  done?: Promise<void>;
}

/** Everything a running sweep keeps in memory between tasks. */
interface RunContext {
  readonly sweepId: string;
  readonly config: SweepConfig;
  readonly data: ParsedDataset;
  readonly plan: SweepPlan;
  readonly shared: SharedDataset;
  /** Per curve, its trials (id and key) in λ order. */
  readonly curveTrials: { id: number; key: string }[][];
  /** Per curve, its results by fold number. */
  readonly results: Map<number, FoldPathResult>[];
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  done: number;
}

/**
 * Runs sweeps: plans the tasks, sends them to the worker pool (at most `concurrency` at once per sweep), writes each
 * finished task in one transaction, and at the end builds and stores the report. The event loop only plans, writes
 * and aggregates; every fit runs on a worker thread.
 */
@Injectable()
export class SweepRunnerService implements OnModuleDestroy {
  private readonly logger = new Logger(SweepRunnerService.name);
  private readonly running = new Map<string, RunState>();

  constructor(
    private readonly sweeps: SweepRepository,
    private readonly trials: TrialRepository,
    private readonly datasets: DatasetsService,
    private readonly pool: WorkerPoolService,
    private readonly events: SweepEventsService,
    private readonly clock: ClockService,
  ) {}

  /** Starts a stored (queued) sweep in the background. The promise settles once it has finished, never rejects. */
  start(sweepId: string): Promise<void> {
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

  /** On shutdown, running sweeps are stopped and recorded as failed (interrupted) before the database closes. */
  async onModuleDestroy(): Promise<void> {
    const states = [...this.running.values()];
    for (const state of states) {
      state.stopReason ??= 'shutdown';
      state.controller.abort();
    }
    await Promise.all(states.map((state) => state.done));
  }

  private async run(sweepId: string, state: RunState): Promise<void> {
    const { signal } = state.controller;
    let status: SweepStatus = 'failed';
    let error: string | null = null;
    let report: SweepReport | null = null;
    try {
      const context = await this.prepare(sweepId, state.controller);
      if (context) {
        await this.runTasks(context);
        if (!signal.aborted) {
          report = this.finishReport(context);
          status = 'succeeded';
        }
      }
    } catch (caught) {
      error = describe(caught);
    }
    if (state.stopReason === 'cancel') status = 'cancelled';
    if (state.stopReason === 'shutdown') {
      status = 'failed';
      error = 'interrupted: the process stopped while the sweep ran';
    }
    try {
      await this.sweeps.finish(sweepId, { status, finishedAt: this.clock.now(), error, report });
    } finally {
      this.events.complete(sweepId, status, error);
    }
  }

  /** Loads the data, plans, stores the pending trials and tasks, marks the sweep running. Undefined if cancelled. */
  private async prepare(sweepId: string, controller: AbortController): Promise<RunContext | undefined> {
    const { signal } = controller;
    const sweep = await this.sweeps.findById(sweepId);
    if (!sweep) throw new Error(`sweep ${sweepId} not found`);
    const config = sweep.config;
    const dataset = await this.datasets.getEntity(sweep.datasetId);
    const data = await this.datasets.loadForSweep(dataset, config.target);
    if (signal.aborted) return undefined;

    const plan = planSweep(sweepId, config, data);
    const trialIds = this.trials.createPending(sweepId, plan.trials);
    this.sweeps.createTasks(sweepId, plan.tasks);
    await this.sweeps.markRunning(sweepId, this.clock.now(), plan.tasks.length);
    this.events.emit(sweepId, { type: 'status', data: { status: 'running' } });
    this.events.emit(sweepId, { type: 'progress', data: { done: 0, total: plan.tasks.length } });

    const curveTrials = plan.curves.map((curve) =>
      plan.trials
        .filter((trial) => trial.curve === curve.index)
        .sort((a, b) => a.lambdaIndex - b.lambdaIndex)
        .map((trial) => ({ id: trialIds.get(trial.key) as number, key: trial.key })),
    );
    return {
      sweepId,
      config,
      data,
      plan,
      shared: shareDataset(data),
      curveTrials,
      results: plan.curves.map(() => new Map<number, FoldPathResult>()),
      controller,
      signal,
      done: 0,
    };
  }

  /**
   * Every task through the pool, `concurrency` at a time. The first task that fails aborts the others (the sweep
   * fails with its message); after an abort nothing more is written.
   */
  private async runTasks(context: RunContext): Promise<void> {
    const limit = Math.max(1, context.config.concurrency ?? this.pool.size);
    const semaphore = new Semaphore(limit);
    let firstError: unknown;
    await Promise.allSettled(
      context.plan.tasks.map((task) =>
        semaphore
          .run(() => this.runTask(context, task))
          .catch(async (error: unknown) => {
            if (context.signal.aborted) return; // the rejection of an aborted task
            firstError ??= error;
            context.controller.abort();
            await this.sweeps.markTaskFailed(task.key, describe(error));
          }),
      ),
    );
    if (firstError !== undefined) throw firstError;
  }

  private async runTask(context: RunContext, task: TaskPlan): Promise<void> {
    if (context.signal.aborted) return;
    const { config, plan, shared } = context;
    const curve = plan.curves[task.curve];
    const result = await this.pool.runFoldTask(
      {
        ...shared,
        fold: foldRows(plan, task.fold),
        spec: {
          model: config.model,
          penalty: { kind: curve.penalty, l1Ratio: curve.l1Ratio },
          lambdas: curve.lambdas,
          standardize: config.standardize,
          solver: config.solver,
        },
        metric: config.metric,
      },
      context.signal,
    );
    if (context.signal.aborted) return; // cancelled while this task ran: its result is dropped

    context.done++;
    const trials = context.curveTrials[task.curve];
    this.trials.saveFinishedTask({
      sweepId: context.sweepId,
      taskKey: task.key,
      trialIds: trials.map((trial) => trial.id),
      result,
      featureNames: context.data.names,
      progressDone: context.done,
    });
    context.results[task.curve].set(task.fold, result);

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
    this.events.emit(context.sweepId, { type: 'progress', data: { done: context.done, total: plan.tasks.length } });
  }

  /** Per-trial cross-validation means (the report's own statistics) stored on the trials, then the report. */
  private finishReport(context: RunContext): SweepReport {
    const { config, plan, data } = context;
    const results: CurveResults[] = plan.curves.map((curve) => {
      const byFold = context.results[curve.index];
      const folds = [...byFold.entries()]
        .filter(([fold]) => fold !== 0)
        .sort(([a], [b]) => a - b)
        .map(([, result]) => result);
      return { curve, folds, full: byFold.get(0)?.fits ?? [] };
    });
    for (const curveResults of results) {
      const statistics = cvStatistics(curveResults.folds, curveResults.curve.lambdas, config.metric);
      const trialIds = context.curveTrials[curveResults.curve.index].map((trial) => trial.id);
      this.trials.saveCurveStatistics(trialIds, statistics);
    }
    return buildReport({
      sweepId: context.sweepId,
      config,
      results,
      featureNames: data.names,
      data,
      testRows: plan.split.testRows,
    });
  }
}

/** The rows of fold `fold`; fold 0 (all fitting rows, nothing to validate on) is built if the plan lists only 1..K. */
function foldRows(plan: SweepPlan, fold: number): FoldRows {
  const found = plan.split.folds.find((rows) => rows.fold === fold);
  if (found) return found;
  if (fold === 0) return { fold: 0, trainRows: plan.split.fitRows, validationRows: new Int32Array(0) };
  throw new Error(`the plan has no fold ${fold}`);
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
