import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { FoldPathResult } from '@regsweep/engine';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { packageRoot } from '../common/package-root';
import type { FoldTaskMessage } from './fold-task.worker';
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

export interface TaskRunOptions {
  /** Aborts the task (cancel, shutdown): the thread running it is terminated and the promise rejects. */
  readonly signal: AbortSignal;
  /** Running time allowed once a thread has taken the task; past it the thread is terminated. */
  readonly timeoutMs: number;
}

/**
 * The one Piscina pool of the process, created on first use (contexts that never fit spawn no threads). A dead
 * thread (exit, out of memory, terminated) is replaced by Piscina on the next task.
 */
@Injectable()
export class WorkerPoolService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerPoolService.name);
  private pool?: Piscina<FoldTaskMessage, FoldPathResult>;
  private closed = false;
  /** One slot per thread: a task is handed to Piscina only when a thread is free, so its clock starts running. */
  private readonly threads: Semaphore;
  readonly size: number;

  constructor(@Inject(RUNNER_OPTIONS) private readonly options: RunnerOptions) {
    this.size = options.poolSize;
    this.threads = new Semaphore(this.size);
  }

  /**
   * Runs one task. Resolves with its result, or rejects with: the AbortError of `signal`; PoolClosedError when the
   * process is stopping; a TaskFault when the task threw, its thread exited or ran out of memory, or it ran past
   * `timeoutMs`.
   */
  runFoldTask(message: FoldTaskMessage, options: TaskRunOptions): Promise<FoldPathResult> {
    return this.threads.run(async () => {
      if (this.closed) throw new PoolClosedError();
      options.signal.throwIfAborted();
      const stop = new AbortController();
      let timedOut = false;
      const onAbort = () => stop.abort(options.signal.reason);
      options.signal.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => {
        timedOut = true;
        stop.abort(new Error('time limit'));
      }, options.timeoutMs);
      try {
        return await this.getPool().run(message, { signal: stop.signal });
      } catch (error) {
        if (options.signal.aborted) throw error; // cancel or shutdown: not the task's fault
        if (this.closed) throw new PoolClosedError();
        if (timedOut)
          throw new TaskFault('timeout', `the task ran past its time limit of ${seconds(options.timeoutMs)} s`);
        throw toTaskFault(error, { memoryLimitMb: this.options.workerMemoryLimitMb });
      } finally {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
      }
    });
  }

  /** After the runner has stopped its sweeps (onModuleDestroy), before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private getPool(): Piscina<FoldTaskMessage, FoldPathResult> {
    if (!this.pool) {
      const filename = foldTaskWorkerFile();
      if (!existsSync(filename)) throw new Error(`worker ${filename} not found: run \`npm run build\` first`);
      const memory = this.options.workerMemoryLimitMb;
      this.pool = new Piscina({
        filename,
        minThreads: 0,
        maxThreads: this.size,
        idleTimeout: 30_000,
        ...(memory ? { resourceLimits: { maxOldGenerationSizeMb: memory } } : {}),
      });
      this.pool.on('error', (error: unknown) => this.logger.error(`worker pool error: ${String(error)}`));
    }
    return this.pool;
  }
}

function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
