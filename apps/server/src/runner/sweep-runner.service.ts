import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ClockService } from '../common/clock.service';
import { DatasetsService } from '../datasets/datasets.service';
import { SweepLeases } from '../database/sweep-leases';
import { SweepEventsService } from '../events/sweep-events.service';
import { SweepStore } from '../store/sweep-store';
import { FINISHED_STATUSES } from '../sweeps/sweep-status';
import { isAdaptiveStrategy } from '@regsweep/sweep';
import { extendGrids } from './adaptive-grid-step';
import { isAdaptiveGrid } from './adaptive-rounds';
import { runAdaptiveSearch } from './adaptive-search-step';
import { concludeSweep } from './conclude-sweep';
import { refitChosenTrials } from './refit-step';
import { prepareRun, type PrepareDependencies } from './prepare-run';
import { describeError, type Outcome, type RunState } from './run-context';
import { RUNNER_OPTIONS, type RunnerOptions } from './runner-options';
import { PoolClosedError } from './task-fault';
import { TaskOutcomes } from './task-outcomes';
import { TaskScheduler } from './task-scheduler';
import { WorkerPoolService } from './worker-pool.service';

/**
 * Runs sweeps, in three steps: prepare (prepare-run.ts: plan, store the plan once), the tasks (task-scheduler.ts:
 * the pool, `concurrency` at a time, retries; task-outcomes.ts: each result written in one transaction, progress,
 * events; an adaptive search asks its trials instead, adaptive-search-step.ts; an adaptive grid then extends its
 * curves, adaptive-grid-step.ts; an mlp sweep then trains the full-data networks of the trials the report reads,
 * refit-step.ts), conclude (conclude-sweep.ts: statistics and report from what the store holds). This class owns the
 * lifecycle: start, cancel, shutdown, and how a run's end is recorded.
 *
 * Crash safety: trials and tasks are stored before any runs (on deterministic keys), a task's results and its
 * `done` mark are written together, and `start` on a sweep that already has rows (a resume) runs only the tasks
 * that are not done or failed.
 */
@Injectable()
export class SweepRunnerService implements OnModuleDestroy {
  private readonly logger = new Logger(SweepRunnerService.name);
  private readonly running = new Map<string, RunState>();
  private readonly prepareDependencies: PrepareDependencies;
  private readonly scheduler: TaskScheduler;

  constructor(
    private readonly store: SweepStore,
    datasets: DatasetsService,
    pool: WorkerPoolService,
    private readonly events: SweepEventsService,
    private readonly clock: ClockService,
    private readonly leases: SweepLeases,
    @Inject(RUNNER_OPTIONS) options: RunnerOptions,
  ) {
    this.prepareDependencies = { store, datasets, pool, events, clock, options };
    this.scheduler = new TaskScheduler(store, pool, new TaskOutcomes(store, events), options);
  }

  /**
   * Starts (or resumes) a stored queued/running sweep in the background, once it holds the sweep's lease (another
   * live server holding it runs the sweep instead). The promise settles once it has finished or stopped, never
   * rejects.
   */
  start(sweepId: string): Promise<void> {
    const existing = this.running.get(sweepId);
    if (existing?.done) return existing.done;
    const state: RunState = { controller: new AbortController() };
    this.running.set(sweepId, state);
    this.events.open(sweepId);
    state.done = this.runLeased(sweepId, state)
      .catch((error: unknown) => this.logger.error(`sweep ${sweepId}: ${describeError(error)}`))
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

  /**
   * Cancels an unfinished sweep that runs nowhere: its server died and no server has resumed it yet (with several
   * servers on PostgreSQL, the server asked is seldom the one running it). For a sweep this process does not run
   * (cancel() answered undefined). Holding the sweep's lease while it records the end keeps every server from
   * resuming it meanwhile; registered as this process's run of the sweep until then, so that a start() meanwhile (a
   * recovery scan) waits for it instead. False when a live server holds the lease: that server runs the sweep. True
   * also when the sweep had already finished by the time the lease was taken.
   */
  cancelUnrun(sweepId: string): Promise<boolean> {
    const cancelled = this.recordCancelled(sweepId).finally(() => this.running.delete(sweepId));
    const settled = cancelled.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(sweepId, { controller: new AbortController(), stopReason: 'cancel', done: settled });
    return cancelled;
  }

  private async recordCancelled(sweepId: string): Promise<boolean> {
    if (!(await this.leases.acquire(sweepId))) return false;
    try {
      if (await this.hasFinished(sweepId)) return true;
      await this.store.resetRunningTasks(sweepId, { uncount: false }); // their process is gone
      await this.store.finishSweep(sweepId, {
        status: 'cancelled',
        error: null,
        report: null,
        finishedAt: this.clock.now(),
      });
      this.logger.log(`sweep ${sweepId}: cancelled while no server ran it`);
      return true;
    } finally {
      await this.leases.release(sweepId);
    }
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

  private async runLeased(sweepId: string, state: RunState): Promise<void> {
    if (!(await this.leases.acquire(sweepId))) {
      this.logger.log(`sweep ${sweepId}: another server holds its lease and runs it`);
      this.events.close(sweepId);
      return;
    }
    try {
      // A server that read the sweep as resumable may get its lease only after another server finished or
      // cancelled it (cancelUnrun): such a sweep is not run again.
      if (await this.hasFinished(sweepId)) {
        this.events.close(sweepId);
        return;
      }
      await this.run(sweepId, state);
    } finally {
      await this.leases.release(sweepId);
    }
  }

  private async hasFinished(sweepId: string): Promise<boolean> {
    const sweep = await this.store.findSweep(sweepId);
    return sweep !== null && FINISHED_STATUSES.includes(sweep.status);
  }

  private async run(sweepId: string, state: RunState): Promise<void> {
    let outcome: Outcome;
    try {
      const context = await prepareRun(this.prepareDependencies, sweepId, state);
      if (context && isAdaptiveStrategy(context.config.search.strategy))
        await runAdaptiveSearch(this.store, this.scheduler, context);
      else if (context) await this.scheduler.runAll(context);
      if (context && isAdaptiveGrid(context.config)) await extendGrids(this.store, this.scheduler, context);
      if (context) await refitChosenTrials(this.store, this.scheduler, context);
      outcome =
        context && !state.controller.signal.aborted
          ? await concludeSweep(this.store, context)
          : { status: 'cancelled', error: null, report: null };
    } catch (caught) {
      if (caught instanceof PoolClosedError) state.stopReason ??= 'shutdown';
      outcome = { status: 'failed', error: describeError(caught), report: null };
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
}
