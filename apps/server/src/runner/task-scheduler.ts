import { Logger } from '@nestjs/common';
import type { FoldPathResult } from '@regsweep/engine';
import type { TaskPlan } from '@regsweep/sweep';
import type { SweepStore } from '../store/sweep-store';
import { shareCrossProducts } from './cross-products-step';
import { FINAL_TASK_STATUSES, describeTask, type RunContext } from './run-context';
import type { RunnerOptions } from './runner-options';
import { PoolClosedError, TaskFault } from './task-fault';
import { foldTaskMessage } from './task-message';
import { longestFirst } from './task-order';
import type { TaskOutcomes } from './task-outcomes';
import { taskSlots, type TaskSlots } from './task-slots';
import type { WorkerPoolService } from './worker-pool.service';

/**
 * How many tasks beyond `concurrency` runAll marks started before a slot on the pool frees for them: the slot that
 * frees next takes the first of them at once, and the start mark of the one after it is written while the tasks run.
 * One is enough unless two slots free within one start mark's write. The price: a task marked ahead counts as
 * started (its attempt is charged) if the process dies before it ran; cancel and shutdown uncount it as they do the
 * running ones (SweepStore.resetRunningTasks).
 */
const START_MARKS_AHEAD = 1;

/**
 * Sends a sweep's unfinished tasks to the pool, at most `concurrency` at once, longest first (task-order.ts), and retries a task
 * whose fault is transient (its thread exited, ran out of memory, passed its time limit) until `maxTaskAttempts`
 * starts. A task that threw, or used its attempts, fails for good; anything else (a failed write) aborts the other
 * tasks and fails the sweep. Which task runs next, and whether it runs at all, is decided here.
 */
export class TaskScheduler {
  private readonly logger = new Logger('SweepRunnerService');
  /** Per sweep run, the tasks handed to the pool so far: the next one's place in the dispatch order (TaskRunOptions.order). */
  private readonly dispatched = new WeakMap<RunContext, number>();

  constructor(
    private readonly store: SweepStore,
    private readonly pool: WorkerPoolService,
    readonly outcomes: TaskOutcomes,
    private readonly options: RunnerOptions,
  ) {}

  /**
   * `tasks`: the plan's by default; an adaptive grid's round passes the tasks it added. `whileLastRun`: called once,
   * on the turn of the event loop after the last of these tasks has been handed to the pool (at once when none is
   * left to run), so work of the main thread's own can run beside the tasks still running (refit-step.ts).
   */
  async runAll(
    context: RunContext,
    tasks: readonly TaskPlan[] = context.plan.tasks,
    whileLastRun?: () => void,
  ): Promise<void> {
    const slots = taskSlots(this.concurrency(context), START_MARKS_AHEAD);
    const states = await this.store.taskStates(context.sweepId);
    const todo = longestFirst(
      context,
      tasks.filter((task) => !FINAL_TASK_STATUSES.has(states.get(task.key)?.status ?? '')),
    );
    context.crossProducts = await shareCrossProducts(context, todo, this.pool, slots.running);
    let unsent = todo.length;
    const sent = () => {
      if (--unsent === 0 && whileLastRun) setImmediate(whileLastRun);
    };
    if (todo.length === 0) whileLastRun?.();
    let firstError: unknown;
    await Promise.all(
      todo.map((task) =>
        this.run(context, task, slots, sent).catch((error: unknown) => {
          if (context.signal.aborted) return; // the rejection of an aborted task
          if (error instanceof PoolClosedError) context.state.stopReason ??= 'shutdown';
          else firstError ??= error;
          context.state.controller.abort();
        }),
      ),
    );
    if (firstError !== undefined) throw firstError;
  }

  /** The tasks a sweep runs at once: what prepare-run chose (the config's `concurrency`, else chooseConcurrency's). */
  concurrency(context: RunContext): number {
    return Math.max(1, context.concurrency.threads);
  }

  /**
   * One task, started again after a transient fault until it succeeds or has used its attempts. Its start is marked
   * once it holds a `started` slot; it holds a `running` slot (one of the sweep's `concurrency`) only while it runs
   * on the pool: the next task is sent before this one's result is written (a wide full-data path's write is long
   * enough for a thread to sit idle otherwise). `onFirstSent` is called when the task is first handed to the pool
   * (not again on a retry).
   */
  async run(context: RunContext, task: TaskPlan, slots: TaskSlots, onFirstSent?: () => void): Promise<void> {
    for (;;) {
      if (context.signal.aborted) return;
      let attempt = 0;
      let result: FoldPathResult;
      try {
        result = await slots.started(async () => {
          context.signal.throwIfAborted(); // stopped while waiting for the slot
          // Numbered as the slot is taken (the semaphore's order: longestFirst's), before the write below, whose
          // awaits may finish in another order.
          const order = (this.dispatched.get(context) ?? 0) + 1;
          this.dispatched.set(context, order);
          const marked = this.store.markTaskStarted(task.key);
          marked.catch(() => undefined); // awaited below; a failed write is not unhandled while the task waits
          // Queued for a running slot now, in the started slots' order, whatever order the marks are answered in.
          return slots.running(async () => {
            attempt = await marked;
            context.signal.throwIfAborted(); // stopped while next in line
            const message = foldTaskMessage(context, task, attempt);
            const inline = context.concurrency.threads === 0;
            const { signal, timeoutMs } = context;
            const running = this.pool.runFoldTask(message, { signal, timeoutMs, inline, order });
            onFirstSent?.();
            onFirstSent = undefined;
            return running;
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
        await this.outcomes.failed(context, task, error.message);
        return;
      }
      if (context.signal.aborted) return; // stopped while this task ran: its result is dropped
      await this.outcomes.finished(context, task, result);
      return;
    }
  }
}
