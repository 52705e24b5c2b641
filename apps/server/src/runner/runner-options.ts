import { availableParallelism } from 'node:os';
import type { AppOptions } from '../common/app-options';
import { positiveFromEnv, wholeFromEnv } from '../common/env-settings';
import { fitThreadNice } from './thread-priority';

/** How the runner and its worker pool behave; resolved once from AppOptions, then the environment, then defaults. */
export interface RunnerOptions {
  readonly poolSize: number;
  /** Old-generation heap limit of each worker thread (Piscina resourceLimits); undefined: Node's default. */
  readonly workerMemoryLimitMb?: number;
  /** A task's time limit when its sweep config sets no taskTimeoutSeconds. */
  readonly taskTimeoutSeconds: number;
  /** Starts of a task allowed for transient faults: 3 = the first try and 2 retries. */
  readonly maxTaskAttempts: number;
  /** Start the threads at application start (AppOptions.warmWorkers). */
  readonly warmUpOnStart?: boolean;
  /** And have them warm the engine up (AppOptions.warmEngine). */
  readonly warmEngineOnStart?: boolean;
  /** The pool threads' nice value (thread-priority.ts), below the main thread's, which answers the API; unset: 0. */
  readonly workerNice?: number;
  /** How many to start (AppOptions.warmThreads; default every one). */
  readonly warmThreadsOnStart?: number;
  /** A sweep too small for a thread runs on the main thread (AppOptions.inlineSmallSweeps; chooseConcurrency). */
  readonly inlineSmallSweeps?: boolean;
  /** The threads' file instead of the built fold-task.worker.js: tests run one that wraps it (fault injection). */
  readonly workerFile?: string;
}

export const RUNNER_OPTIONS = Symbol('RUNNER_OPTIONS');
export const DEFAULT_TASK_TIMEOUT_SECONDS = 3600;
export const DEFAULT_MAX_TASK_ATTEMPTS = 3;

export function resolveRunnerOptions(options: AppOptions, env: NodeJS.ProcessEnv = process.env): RunnerOptions {
  return {
    poolSize: options.poolSize ?? wholeFromEnv(env, 'REGSWEEP_WORKERS') ?? availableParallelism(),
    workerMemoryLimitMb: options.workerMemoryLimitMb ?? positiveFromEnv(env, 'REGSWEEP_WORKER_MEMORY_MB'),
    taskTimeoutSeconds:
      options.taskTimeoutSeconds ??
      positiveFromEnv(env, 'REGSWEEP_TASK_TIMEOUT_SECONDS') ??
      DEFAULT_TASK_TIMEOUT_SECONDS,
    maxTaskAttempts: options.maxTaskAttempts ?? DEFAULT_MAX_TASK_ATTEMPTS,
    workerNice: fitThreadNice(env),
    workerFile: options.workerFile,
    warmUpOnStart: options.warmWorkers,
    warmEngineOnStart: options.warmEngine,
    warmThreadsOnStart: options.warmThreads,
    inlineSmallSweeps: options.inlineSmallSweeps,
  };
}
