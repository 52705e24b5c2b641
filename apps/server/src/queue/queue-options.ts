import type { AppOptions } from '../common/app-options';
import { wholeFromEnv } from '../common/env-numbers';
import type { RunnerOptions } from '../runner/runner-options';
import { WorkerPoolService } from '../runner/worker-pool.service';
import { parseQueueUrl } from './queue-connection';
import type { QueuedWorkerPool } from './queued-worker-pool';

/**
 * Fold tasks a sweep without `concurrency` keeps in the queue at once in queue mode (embedded, it is the pool's
 * size): enough to keep a few dozen worker threads busy without flooding Redis with a 100,000-task sweep.
 * Env REGSWEEP_QUEUE_CONCURRENCY.
 */
export const DEFAULT_QUEUE_CONCURRENCY = 32;
export const DEFAULT_QUEUE_LOCK_MS = 30_000;

/** The runner's pool: the queue when AppOptions.queueUrl is set, else the process's own threads. */
export function createWorkerPool(runner: RunnerOptions, app: AppOptions, env = process.env): WorkerPoolService {
  if (!app.queueUrl) return new WorkerPoolService(runner);
  const concurrency = queueConcurrency(app, env);
  // BullMQ and ioredis (some 230 modules) load only in queue mode: a relative require, which works compiled and
  // under ts-jest alike (path aliases are not rewritten inside lazy loads).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const queued = require('./queued-worker-pool') as { QueuedWorkerPool: typeof QueuedWorkerPool };
  return new queued.QueuedWorkerPool({ ...runner, poolSize: concurrency }, parseQueueUrl(app.queueUrl));
}

/** A queued sweep's tasks in flight when its config sets no concurrency. */
export function queueConcurrency(app: AppOptions, env = process.env): number {
  return app.queueConcurrency ?? wholeFromEnv(env, 'REGSWEEP_QUEUE_CONCURRENCY') ?? DEFAULT_QUEUE_CONCURRENCY;
}

export function queueLockMs(env = process.env): number {
  return wholeFromEnv(env, 'REGSWEEP_QUEUE_LOCK_MS') ?? DEFAULT_QUEUE_LOCK_MS;
}
