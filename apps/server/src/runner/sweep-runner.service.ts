import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import {
  cvStatistics,
  gramFoldApplies,
  isLossMetric,
  type FoldPathResult,
  type FoldRows,
  type PathSpec,
} from '@regsweep/engine';
import type { ParsedDataset } from '@regsweep/datasets';
import {
  buildReport,
  createAdaptiveSampler,
  isAdaptiveStrategy,
  mergeCurveResults,
  penaltyCurves,
  planSweep,
  searchSpace,
  taskKey,
  trialKey,
  visibleOutcomes,
  type CurvePlan,
  type SearchPoint,
  type TrialOutcome,
  createPruner,
  IntermediateValues,
  type Pruner,
  type CurveResults,
  type SweepConfig,
  type SweepPlan,
  type SweepReport,
  type TaskFailure,
  type TaskPlan,
  type TrialPlan,
} from '@regsweep/sweep';
import {
  curveParts,
  gridCurves,
  isAdaptiveGrid,
  mergeWithRecord,
  planRound,
  type PlannedExtension,
} from './adaptive-rounds';
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

/** A search trial's outcome as the sampler sees it (TrialOutcome without the trial's number and point). */
type SearchTrialOutcome = { state: 'complete' | 'pruned'; value: number; step?: number };

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
  readonly config: SweepConfig;
  readonly data: ParsedDataset;
  /** The plan; an adaptive grid appends its extension curves, trials and tasks round by round. */
  plan: SweepPlan;
  /** The trials a pruner stopped (their curves stay out of the report's curves). */
  readonly pruned: { curve: number; step: number; value: number }[];
  /** The progress total when it is not the plan's task count (an adaptive search's trials × tasks per trial). */
  total?: number;
  /** The adaptive grid's extension curves so far (adaptive-rounds.ts). */
  readonly extensions: PlannedExtension[];
  readonly startedAt: Date;
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
      if (context && isAdaptiveStrategy(context.config.search.strategy)) await this.runAdaptiveSearch(context);
      else if (context) await this.runTasks(context);
      if (context && isAdaptiveGrid(context.config)) await this.extendGrids(context);
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
    const startedAt = sweep.startedAt ?? this.clock.now();
    await this.store.markSweepRunning(sweepId, startedAt, plan.tasks.length, done);
    this.events.emit(sweepId, { type: 'status', data: { status: 'running' } });
    this.events.emit(sweepId, { type: 'progress', data: { done, total: plan.tasks.length } });

    const curveTrials = plan.curves.map((curve) => this.trialsOf(plan.trials, curve.index, trialIds));
    const timeoutSeconds = config.taskTimeoutSeconds ?? this.options.taskTimeoutSeconds;
    return {
      sweepId,
      config,
      data,
      plan,
      extensions: [],
      pruned: [],
      startedAt,
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
  private async runTasks(context: RunContext, tasks: readonly TaskPlan[] = context.plan.tasks): Promise<void> {
    const limit = Math.max(1, context.config.concurrency ?? this.pool.size);
    const semaphore = new Semaphore(limit);
    const states = await this.store.taskStates(context.sweepId);
    const todo = longestFirst(tasks.filter((task) => !FINAL_TASK_STATUSES.has(states.get(task.key)?.status ?? '')));
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
   * Adaptive grid rounds (adaptive-rounds.ts): while some curve's lambdaMin sits at an end below its limit, plan one
   * extension curve for each such curve, store its trials and tasks, count the ones a previous run already finished,
   * and run the rest.
   */
  private async extendGrids(context: RunContext): Promise<void> {
    const { sweepId, config } = context;
    while (!context.signal.aborted) {
      const merged = [];
      for (const curve of gridCurves(context.plan, context.extensions))
        merged.push({ base: curve.index, results: await this.mergedCurve(context, curve.index) });
      const round = planRound(sweepId, context.plan, merged, context.extensions, config);
      if (round.curves.length === 0) return;
      const plan = context.plan;
      context.plan = {
        ...plan,
        curves: [...plan.curves, ...round.curves],
        trials: [...plan.trials, ...round.trials],
        tasks: [...plan.tasks, ...round.tasks],
      };
      context.extensions.push(...round.extensions);
      const trialIds = await this.store.storePlan(sweepId, round.trials, round.tasks);
      for (const curve of round.curves)
        context.curveTrials[curve.index] = this.trialsOf(round.trials, curve.index, trialIds);
      const states = await this.store.taskStates(sweepId);
      context.done += round.tasks.filter((task) => FINAL_TASK_STATUSES.has(states.get(task.key)?.status ?? '')).length;
      await this.store.markSweepRunning(sweepId, context.startedAt, context.plan.tasks.length, context.done);
      this.emitProgress(context);
      await this.runTasks(context, round.tasks);
    }
  }

  /**
   * An adaptive search (tpe-sampler.ts): trial n is asked once trials 0 … n − c have finished (c = concurrency), from
   * their outcomes only (visibleOutcomes), so the same seed and concurrency ask the same trials whatever order the
   * running ones finish in, and c trials are in flight. A trial is one point: a one-λ curve appended to the plan, its
   * tasks (folds 1..K and the full-data fold 0) run as a grid's, and its outcome is its CV validation mean (negated
   * for scores: TPE minimises). A point asked twice (possible with lambdas.values) reuses the first one's outcome.
   */
  private async runAdaptiveSearch(context: RunContext): Promise<void> {
    const { config, sweepId } = context;
    const sampler = createAdaptiveSampler(config);
    const space = searchSpace(config, context.data, context.plan.split.fitRows);
    const inFlight = Math.max(1, config.concurrency ?? this.pool.size);
    const semaphore = new Semaphore(inFlight);
    const perTrial = context.plan.split.folds.length;
    await this.store.markSweepRunning(sweepId, context.startedAt, sampler.trials * perTrial, context.done);
    this.emitProgress(context, sampler.trials * perTrial);
    // A resumed search asks the same trials again (same seed, same stored outcomes) and skips their finished tasks.
    const states = await this.store.taskStates(sweepId);
    const isFinal = (task: TaskPlan) => FINAL_TASK_STATUSES.has(states.get(task.key)?.status ?? '');
    const finished: TrialOutcome[] = [];
    const pruning = { pruner: createPruner(config.search.pruner), values: new IntermediateValues() };
    const outcomeOfKey = new Map<string, Promise<SearchTrialOutcome>>();
    const running = new Set<Promise<void>>();
    let firstError: unknown;
    for (let number = 0; number < sampler.trials && !context.signal.aborted; number++) {
      while (finished.filter((t) => t.number <= number - inFlight).length < Math.max(0, number - inFlight + 1)) {
        if (running.size === 0) break; // the trial waited for failed: the sweep is being aborted
        await Promise.race(running);
        if (context.signal.aborted) break;
      }
      if (context.signal.aborted) break;
      const point = sampler.ask(space, number, visibleOutcomes(finished, number, inFlight));
      const key = trialKey(sweepId, point.penalty, point.l1Ratio, point.lambda);
      let outcome = outcomeOfKey.get(key);
      if (!outcome) {
        outcome = this.runSearchTrial(context, { number, point, key }, semaphore, isFinal, pruning);
        outcomeOfKey.set(key, outcome);
      }
      const done: Promise<void> = outcome
        .then((result) => void finished.push({ number, point, ...result }))
        .catch((error: unknown) => {
          if (context.signal.aborted) return;
          if (error instanceof PoolClosedError) context.state.stopReason ??= 'shutdown';
          else firstError ??= error;
          context.state.controller.abort();
        })
        .finally(() => running.delete(done));
      running.add(done);
    }
    await Promise.all(running);
    if (firstError !== undefined) throw firstError;
  }

  /**
   * One search trial: its one-λ curve, trial and tasks stored and run; its outcome (a loss) from the stored rows.
   * With a pruner the folds run one after another, and after fold k the running CV mean over folds 1..k (step k) is
   * reported; a trial the pruner stops is stored `pruned` with that step and value, and its other folds (and the
   * full-data fit) never run.
   */
  private async runSearchTrial(
    context: RunContext,
    { number, point, key }: { number: number; point: SearchPoint; key: string },
    semaphore: Semaphore,
    isFinal: (task: TaskPlan) => boolean,
    { pruner, values }: { pruner: Pruner; values: IntermediateValues },
  ): Promise<SearchTrialOutcome> {
    const { sweepId, config } = context;
    const plan = context.plan;
    const curve: CurvePlan = { index: plan.curves.length, ...point, lambdas: Float64Array.of(point.lambda) };
    const trial: TrialPlan = { key, curve: curve.index, lambdaIndex: 0, ...point };
    const tasks = plan.split.folds.map(({ fold }) => ({
      key: taskKey(sweepId, curve.index, fold),
      curve: curve.index,
      fold,
    }));
    context.plan = {
      ...plan,
      curves: [...plan.curves, curve],
      trials: [...plan.trials, trial],
      tasks: [...plan.tasks, ...tasks],
    };
    const ids = await this.store.storePlan(sweepId, [trial], tasks);
    context.curveTrials[curve.index] = this.trialsOf([trial], curve.index, ids);
    const sign = isLossMetric(config.metric) ? 1 : -1;
    const runningMean = async () => {
      const rows = await this.store.curveFoldRows(sweepId, curve.index);
      const results = curveResultsFromRows(curve, rows, context.data.names);
      return cvStatistics(results.folds, curve.lambdas, config.metric).validationMean[0];
    };
    const run = async (task: TaskPlan) => {
      if (isFinal(task)) context.done++;
      else await this.runTask(context, task, (work) => semaphore.run(work));
      context.signal.throwIfAborted();
    };
    if (pruner.kind === 'none') {
      await Promise.all(tasks.map(run));
      return { state: 'complete', value: sign * (await runningMean()) };
    }
    const cvTasks = tasks.filter((task) => task.fold > 0);
    for (let step = 1; step <= cvTasks.length; step++) {
      await run(cvTasks[step - 1]);
      const mean = await runningMean();
      values.report(number, step, sign * mean);
      if (step < cvTasks.length && pruner.shouldPrune(values, number, step)) {
        values.finish(number, 'pruned');
        await this.store.markTrialPruned(context.curveTrials[curve.index][0].id, step, mean);
        context.pruned.push({ curve: curve.index, step, value: mean });
        // Its other folds and the full-data fit will not run: they leave the progress total.
        const total = (context.total ?? 0) - (tasks.length - step);
        await this.store.markSweepRunning(sweepId, context.startedAt, total, context.done);
        this.emitProgress(context, total);
        return { state: 'pruned', value: sign * mean, step };
      }
    }
    await run(tasks.find((task) => task.fold === 0)!);
    values.finish(number, 'complete');
    return { state: 'complete', value: sign * (await runningMean()) };
  }

  /** A grid curve's results merged with its extension curves', read from the stored rows. */
  private async mergedCurve(context: RunContext, base: number): Promise<CurveResults> {
    const parts = [];
    for (const index of curveParts(base, context.extensions)) {
      const rows = await this.store.curveFoldRows(context.sweepId, index);
      parts.push(curveResultsFromRows(context.plan.curves[index], rows, context.data.names));
    }
    return mergeWithRecord(parts, base, context.extensions, context.config);
  }

  /**
   * The report's curves, each with the plan curves it is made of: a grid curve with its adaptive extensions, or for an
   * adaptive search every one-λ trial curve of one (penalty, l1Ratio), in the order the space lists them.
   */
  private reportCurves(context: RunContext): { base: number; parts: number[] }[] {
    const { plan, config } = context;
    if (!isAdaptiveStrategy(config.search.strategy)) {
      return gridCurves(plan, context.extensions).map((curve) => ({
        base: curve.index,
        parts: curveParts(curve.index, context.extensions),
      }));
    }
    const pruned = new Set(context.pruned.map((p) => p.curve));
    return penaltyCurves(config.penalties, config.l1Ratios)
      .map(({ penalty, l1Ratio }) =>
        plan.curves
          .filter((c) => c.penalty === penalty && c.l1Ratio === l1Ratio && !pruned.has(c.index))
          .map((c) => c.index),
      )
      .filter((parts) => parts.length > 0)
      .map((parts) => ({ base: parts[0], parts }));
  }

  /** The results of plan curves of one (penalty, l1Ratio), merged into one decreasing-λ curve. */
  private async curveOfParts(context: RunContext, parts: readonly number[]): Promise<CurveResults> {
    const results = [];
    for (const index of parts) {
      const rows = await this.store.curveFoldRows(context.sweepId, index);
      results.push(curveResultsFromRows(context.plan.curves[index], rows, context.data.names));
    }
    return results.length === 1 ? results[0] : mergeCurveResults(results);
  }

  private trialsOf(trials: readonly TrialPlan[], curve: number, ids: Map<string, number>) {
    return trials
      .filter((trial) => trial.curve === curve)
      .sort((a, b) => a.lambdaIndex - b.lambdaIndex)
      .map((trial) => ({ id: ids.get(trial.key) as number, key: trial.key }));
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
    const warmStart = this.warmStartOf(context, task.curve);
    return {
      model: config.model,
      penalty: { kind: curve.penalty, l1Ratio: curve.l1Ratio },
      lambdas: warmStart === undefined ? curve.lambdas : Float64Array.of(warmStart, ...curve.lambdas),
      standardize: config.standardize,
      solver: config.solver,
    };
  }

  /** The λ an extension curve's path starts from (fitted, not stored): the end of the grid it continues. */
  private warmStartOf(context: RunContext, curve: number): number | undefined {
    return context.extensions.find((e) => e.curve === curve)?.extension.warmStart;
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
    };
  }

  private async recordResult(context: RunContext, task: TaskPlan, fitted: FoldPathResult): Promise<void> {
    const curve = context.plan.curves[task.curve];
    const result = this.warmStartOf(context, task.curve) === undefined ? fitted : withoutFirstPoint(fitted);
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

  /** `total`: an adaptive search's planned total (its tasks are added as its trials are asked). */
  private emitProgress(context: RunContext, total?: number): void {
    context.total = total ?? context.total;
    this.events.emit(context.sweepId, {
      type: 'progress',
      data: { done: context.done, total: context.total ?? context.plan.tasks.length },
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
    for (const { base, parts } of this.reportCurves(context)) {
      const curveResults = isAdaptiveGrid(config)
        ? await this.mergedCurve(context, base)
        : await this.curveOfParts(context, parts);
      const statistics = cvStatistics(curveResults.folds, curveResults.curve.lambdas, config.metric);
      // Trial ids in the merged curve's λ order (decreasing), as the statistics are.
      const trialIds = parts
        .flatMap((index) =>
          context.curveTrials[index].map((trial, j) => ({ id: trial.id, lambda: plan.curves[index].lambdas[j] })),
        )
        .sort((a, b) => b.lambda - a.lambda)
        .map((trial) => trial.id);
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
    if (context.pruned.length === 0) return { status: 'succeeded', error: null, report };
    const pruned = context.pruned.map(({ curve, step, value }) => {
      const { penalty, l1Ratio, lambdas } = plan.curves[curve];
      return { penalty, l1Ratio, lambda: lambdas[0], step, value };
    });
    return { status: 'succeeded', error: null, report: { ...report, pruned } };
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

/** A path's result without its first point: an extension's warm-start λ, fitted only to start the path from. */
function withoutFirstPoint(result: FoldPathResult): FoldPathResult {
  return {
    ...result,
    fits: result.fits.slice(1),
    train: result.train.subarray(1),
    validation: result.validation.subarray(1),
  };
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
