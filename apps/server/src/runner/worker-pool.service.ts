import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { FoldPathResult } from '@regsweep/engine';
import type { SweepPlan } from '@regsweep/sweep';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Piscina } from 'piscina';
import { packageRoot } from '../common/package-root';
import type {
  FoldTaskMessage,
  PlanSweepMessage,
  RowsCrossProductsMessage,
  SharedDatasetMessage,
  SumCrossProductsMessage,
  WorkerSettings,
} from './fold-task.worker';
import { unpackPlan, type PackedPlan } from './packed-plan';
import { unpackFoldResult, type PackedFoldResult } from './packed-result';
import { RUNNER_OPTIONS, type RunnerOptions } from './runner-options';
import { Semaphore } from './semaphore';
import { PoolClosedError, TaskFault, toTaskFault } from './task-fault';

/**
 * The compiled worker. Piscina needs a .js file, so even under ts-jest the workers run the build in dist/
 * (`npm test` builds first).
 */
export function foldTaskWorkerFile(): string {
  return join(packageRoot(), 'dist', 'apps', 'server', 'src', 'runner', 'fold-task.worker.js');
}

/** The pool's threads run fold-task.worker.ts: fold tasks and cross-products parts. */
type TaskMessage =
  FoldTaskMessage | PlanSweepMessage | RowsCrossProductsMessage | SumCrossProductsMessage | SharedDatasetMessage;
type TaskResult = PackedFoldResult | PackedPlan | boolean | void;
type TaskPool = Piscina<TaskMessage, TaskResult>;
/** The worker file's exports by Piscina task name ('default' the fold task). */
type WorkerExports = Record<string, (message: TaskMessage) => TaskResult>;

export interface TaskRunOptions {
  /** Aborts the task (cancel, shutdown): the thread running it is terminated and the promise rejects. */
  readonly signal: AbortSignal;
  /** Running time allowed once a thread has taken the task; past it the thread is terminated. */
  readonly timeoutMs: number;
  /**
   * Run it on this thread (a sweep chooseConcurrency ran inline, threads 0): the worker file's same export with the
   * same message, its result unpacked as a thread's. It blocks the event loop while it runs, and no time limit applies.
   */
  readonly inline?: boolean;
  /**
   * The task's place in its sweep run's dispatch order (1 = handed out first; task-scheduler.ts numbers them in the
   * order it chose, longest first). The queue makes it the job's priority (queued-worker-pool.ts), so workers take
   * jobs in that order however the adds reach Redis; this pool hands tasks to threads in call order and ignores it.
   */
  readonly order?: number;
}

export interface WarmUpOptions {
  readonly engine?: boolean;
  readonly threads?: number;
  /**
   * The stored dataset (and response column) the coming sweep's tasks will fit: queue mode announces it so that the
   * workers load it while this server still plans (queued-worker-pool.ts); this pool shares the server's copy.
   */
  readonly dataset?: { readonly id: string; readonly target?: string };
}

/**
 * The one Piscina pool of the process, created on first use (contexts that never fit spawn no threads). A dead
 * thread (exit, out of memory, terminated) is replaced by Piscina on the next task.
 */
@Injectable()
export class WorkerPoolService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerPoolService.name);
  private pool?: TaskPool;
  private closed = false;
  /** The tasks handed to Piscina and not yet settled: what a thread's error outside any task stops. */
  private readonly inFlight = new Set<(error: unknown) => void>();
  /** One slot per thread: a task is handed to Piscina only when a thread is free, so its clock starts running. */
  private readonly threads: Semaphore;
  /**
   * warmUp's no-op tasks not yet answered, each standing for a thread that is starting. Piscina starts a new thread
   * for every task it cannot hand to a ready one (up to maxThreads), so a task sent while the warmed thread still
   * starts would start a second one; it waits for one of these instead (runTask), and gets that thread.
   */
  private readonly startingThreads: Promise<unknown>[] = [];
  /** The worker file loaded into this thread, for inline tasks (runInline). */
  private inlineExports?: WorkerExports;
  /** Resolved by the pool's first error outside a task: a thread that failed to start answers no warm-up. */
  private readonly poolFailed: Promise<void>;
  private reportPoolFailure!: () => void;
  /** Read by each thread as it starts (WorkerSettings): 1 = warm the engine up first. Shared, so warmUp can set it. */
  private readonly engineWarmUp = new Int32Array(new SharedArrayBuffer(4));
  readonly size: number;

  constructor(@Inject(RUNNER_OPTIONS) private readonly options: RunnerOptions) {
    this.size = options.poolSize;
    this.threads = new Semaphore(this.size);
    this.poolFailed = new Promise((resolve) => (this.reportPoolFailure = resolve));
  }

  /**
   * Runs one task. Resolves with its result, or rejects with: the AbortError of `signal`; PoolClosedError when the
   * process is stopping; a TaskFault when the task threw, its thread exited or ran out of memory, or it ran past
   * `timeoutMs`.
   */
  runFoldTask(message: FoldTaskMessage, options: TaskRunOptions): Promise<FoldPathResult> {
    return (this.runTask('default', message, options) as Promise<PackedFoldResult>).then(unpackFoldResult);
  }

  /** A sweep's plan, computed on a thread (fold-task.worker.ts `plan`); faults as runFoldTask. */
  async runPlan(message: PlanSweepMessage, options: TaskRunOptions): Promise<SweepPlan> {
    return await unpackPlan((await this.runTask('plan', message, options)) as PackedPlan);
  }

  /** AᵀA over a chunk of rows (fold-task.worker.ts `rowsCrossProducts`); faults as runFoldTask. */
  async runRowsCrossProducts(message: RowsCrossProductsMessage, options: TaskRunOptions): Promise<void> {
    await this.runTask('rowsCrossProducts', message, options);
  }

  /** A range of entries of a sum of cross products (fold-task.worker.ts `sumCrossProducts`); faults as runFoldTask. */
  async runSumCrossProducts(message: SumCrossProductsMessage, options: TaskRunOptions): Promise<void> {
    await this.runTask('sumCrossProducts', message, options);
  }

  /** Runs the worker file's export `name` on a free thread, with the abort, time-limit and fault handling. */
  private runTask(name: string, message: TaskMessage, options: TaskRunOptions): Promise<TaskResult> {
    if (options.inline) return this.runInline(name, message, options);
    return this.threads.run(async () => {
      await threadStarted(this.startingThreads.shift(), options.signal);
      if (this.closed) throw new PoolClosedError();
      options.signal.throwIfAborted();
      const stop = new AbortController();
      let timedOut = false;
      let threadError: unknown;
      const onAbort = () => stop.abort(options.signal.reason);
      options.signal.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => {
        timedOut = true;
        stop.abort(new Error('time limit'));
      }, options.timeoutMs);
      const onThreadError = (error: unknown) => {
        threadError = error;
        stop.abort(error);
      };
      this.inFlight.add(onThreadError);
      try {
        return await this.getPool().run(message, { name, signal: stop.signal });
      } catch (error) {
        if (options.signal.aborted) throw error; // cancel or shutdown: not the task's fault
        if (this.closed) throw new PoolClosedError();
        if (timedOut)
          throw new TaskFault('timeout', `the task ran past its time limit of ${seconds(options.timeoutMs)} s`);
        if (threadError !== undefined)
          throw new TaskFault('worker_exit', `a worker thread failed: ${describeError(threadError)}`);
        throw toTaskFault(error, { memoryLimitMb: this.options.workerMemoryLimitMb });
      } finally {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        this.inFlight.delete(onThreadError);
      }
    });
  }

  /** The worker file's export `name` called on this thread (TaskRunOptions.inline); faults as a thread's. */
  private async runInline(name: string, message: TaskMessage, options: TaskRunOptions): Promise<TaskResult> {
    if (this.closed) throw new PoolClosedError();
    options.signal.throwIfAborted();
    this.inlineExports ??= loadWorkerExports(this.options.workerFile ?? foldTaskWorkerFile());
    try {
      return this.inlineExports[name](message);
    } catch (error) {
      throw toTaskFault(error, { memoryLimitMb: this.options.workerMemoryLimitMb });
    }
  }

  /** With warmUpOnStart the threads start with the application, in parallel with the rest of its start-up. */
  onModuleInit(): void {
    if (this.options.warmUpOnStart) {
      this.warmUp({ engine: this.options.warmEngineOnStart, threads: this.options.warmThreadsOnStart });
    }
  }

  /**
   * Starts the threads now (one no-op task per thread, not awaited), so a sweep that is about to run does not wait
   * for them: starting a thread and loading the engine overlaps the runner's loading and planning. With `engine`, the
   * threads started from now on also warm the engine up before their first task (engine-warm-up.ts): for a large
   * sweep, not for small ones, whose tasks run fine unoptimized and would wait for the compiles (figures in
   * docs/benchmarks.md, 'Figures behind the code's choices'). `threads`: how many should be running (default every
   * one): a small sweep runs on one (chooseConcurrency), and a second thread's start and compiles would only compete
   * with it. Idle threads still exit after idleTimeout.
   */
  warmUp(options: WarmUpOptions = {}): void {
    Atomics.store(this.engineWarmUp, 0, options.engine ? 1 : 0);
    if (this.closed || options.threads === 0) return;
    let pool: TaskPool;
    try {
      pool = this.getPool();
    } catch {
      return; // no worker file: the first task reports it
    }
    const wanted = Math.min(this.size, options.threads ?? this.size);
    const warming = Math.max(0, wanted - pool.threads.length);
    // The threads started now compile as the sweep will run: on their own thread only when it fills every core.
    if (warming > 0) compileOnWorkerThreads(wanted >= availableParallelism());
    for (let i = 0; i < warming; i++) {
      const answered = pool.run({} as SharedDatasetMessage, { name: 'warmUp' }).catch(() => undefined);
      const started: Promise<unknown> = Promise.race([answered, this.poolFailed]).finally(() => {
        const index = this.startingThreads.indexOf(started);
        if (index >= 0) this.startingThreads.splice(index, 1);
      });
      this.startingThreads.push(started);
    }
  }

  /** After the runner has stopped its sweeps (onModuleDestroy), before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private getPool(): TaskPool {
    if (!this.pool) {
      const filename = this.options.workerFile ?? foldTaskWorkerFile();
      if (!existsSync(filename)) throw new Error(`worker ${filename} not found: run \`npm run build\` first`);
      compileOnWorkerThreads(this.size >= availableParallelism()); // warmUp sets it again for a sweep's threads
      const memory = this.options.workerMemoryLimitMb;
      this.pool = new Piscina({
        filename,
        minThreads: 0,
        maxThreads: this.size,
        idleTimeout: 30_000,
        workerData: { engineWarmUp: this.engineWarmUp.buffer, nice: this.options.workerNice } satisfies WorkerSettings,
        ...(memory ? { resourceLimits: { maxOldGenerationSizeMb: memory } } : {}),
      });
      // A thread that fails outside a task (its file does not load, say) leaves Piscina's tasks pending forever:
      // the tasks running then are stopped with the error, as a dead thread's would be (transient: retried).
      this.pool.on('error', (error: unknown) => {
        this.logger.error(`worker pool error: ${describeError(error)}`);
        this.reportPoolFailure();
        for (const fail of [...this.inFlight]) fail(error);
      });
    }
    return this.pool;
  }
}

/**
 * V8 optimizes hot functions on background threads while the function keeps running unoptimized. When a worker runs
 * on every core, those compiler threads have no core of their own, and the solver runs unoptimized for longer on
 * every thread: 40 lasso fold tasks (20000×200) per thread took 0.31–0.36 s on 1 thread and 0.45–0.51 s on each of 2.
 * Compiling on the worker's own thread instead (--no-concurrent-recompilation): 0.36–0.41 s on 1, 0.37–0.40 s on each
 * of 2. It is worse with a spare core, hence only when the threads in use fill every core, not the pool's size: a
 * sweep on one thread of a 2-thread pool ran its first fold tasks unoptimized for longer with the flag
 * (docs/benchmarks.md, "Threads chosen per sweep"). The flag is read when an isolate is created: set before a thread
 * starts, it applies to that worker, not to the running main thread.
 */
function compileOnWorkerThreads(onWorkerThread: boolean): void {
  setFlagsFromString(onWorkerThread ? '--no-concurrent-recompilation' : '--concurrent-recompilation');
}

/** The worker file as a module of this thread: the same code the pool's threads run. */
function loadWorkerExports(filename: string): WorkerExports {
  if (!existsSync(filename)) throw new Error(`worker ${filename} not found: run \`npm run build\` first`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(filename) as WorkerExports;
}

/** Resolves when the warm-up task `starting` has been answered (its thread is ready), or at once on abort. */
async function threadStarted(starting: Promise<unknown> | undefined, signal: AbortSignal): Promise<void> {
  if (!starting || signal.aborted) return;
  let onAbort = () => {};
  const aborted = new Promise<void>((resolve) => (onAbort = resolve));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race([starting, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
