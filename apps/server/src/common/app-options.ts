/** What AppModule.forRoot is configured with. */
export interface AppOptions {
  /** SQLite file (created with its folder if missing), or a postgres:// URL (database/database-location.ts). */
  dbPath: string;
  /** Queue mode (queue/): a redis:// URL; fold tasks go to BullMQ jobs run by `regsweep worker` processes. */
  queueUrl?: string;
  /** In queue mode, threads of this process that take jobs too (`--local-workers`); default 0: no fits here. */
  localWorkers?: number;
  /** In queue mode, a sweep's tasks in flight when its config sets no concurrency (env REGSWEEP_QUEUE_CONCURRENCY). */
  queueConcurrency?: number;
  /** Worker threads in the pool (env REGSWEEP_WORKERS); default os.availableParallelism(). */
  poolSize?: number;
  /** Largest accepted CSV upload in bytes (larger → 413); default 100 MB. */
  uploadLimitBytes?: number;
  /** Whether to serve the dashboard (off for CLI application contexts). */
  dashboard?: boolean;
  /** Whether stored schedules fire (default true; off for CLI application contexts, which must not start sweeps). */
  scheduler?: boolean;
  // Security (auth/security-options.ts): fields left unset come from the environment, then the defaults.
  /** GETs open to all (default) or only with an API token (env REGSWEEP_READ_ACCESS). */
  readAccess?: 'open' | 'token';
  /** Writes need a token even while none exists (env REGSWEEP_REQUIRE_AUTH); default: once one exists. */
  requireAuth?: boolean;
  /** Writes per client per window (env REGSWEEP_WRITE_LIMIT; default 60), beyond → 429. */
  writeLimit?: number;
  /** The write-limit window in ms; default 60,000. */
  writeWindowMs?: number;
  /** Host names besides the loopback ones the server answers to (env REGSWEEP_ALLOWED_HOSTS); `*` allows any. */
  allowedHosts?: string[];
  /** The address or name the server listens on: when it is a specific one, it is an allowed host name too. */
  listenHost?: string;
  /** Largest JSON body in bytes (larger → 413); default 5 MB. */
  jsonBodyLimitBytes?: number;
  // Reliability (runner/runner-options.ts): fields left unset come from the environment, then the defaults.
  /** Heap limit of each worker thread in MB (env REGSWEEP_WORKER_MEMORY_MB); a worker past it is replaced. */
  workerMemoryLimitMb?: number;
  /** Time limit of a task when its sweep sets none (env REGSWEEP_TASK_TIMEOUT_SECONDS); default 3600. */
  taskTimeoutSeconds?: number;
  /** Starts of a task before a transient fault (worker exit, out of memory, time limit) is final; default 3. */
  maxTaskAttempts?: number;
  /**
   * Start the worker threads while the application starts, not when the first task needs them (default false; the
   * CLI's `sweep`, which is sure to need them, sets it).
   */
  warmWorkers?: boolean;
  /**
   * With warmWorkers: the threads also warm the engine up as they start (runner/engine-warm-up.ts), for a sweep
   * known to be large before the application starts (the CLI's sweep of a large CSV file).
   */
  warmEngine?: boolean;
  /**
   * With warmWorkers: how many threads to start (default the pool size); the CLI's sweep starts one for a small sweep
   * (threadsBeforePlan), the rest when its run has chosen more (chooseConcurrency).
   */
  warmThreads?: number;
  /**
   * A sweep whose estimated work is below MAX_INLINE_MULTIPLY_ADDS runs its plan and tasks on the main thread, with
   * no worker thread (chooseConcurrency's threads 0). Only the CLI's `sweep` sets it: the main thread has nothing
   * else to answer there, while a server's must keep answering requests (default false).
   */
  inlineSmallSweeps?: boolean;
  /** Whether sweeps left queued/running (crash, shutdown) resume at start; default true, off for CLI contexts. */
  resumeSweeps?: boolean;
  /**
   * The pool's worker file instead of the built fold-task.worker.js: the fault tests run one that wraps it
   * (test/helpers/faulty-fold-task.worker.ts). Never set from config, flags or HTTP.
   */
  workerFile?: string;
}

export const APP_OPTIONS = Symbol('APP_OPTIONS');
export const DEFAULT_UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;
