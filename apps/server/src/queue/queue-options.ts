/**
 * The queue's settings from the environment, in a module without the pool's (createWorkerPool is in
 * worker-pool-factory.ts): common/check-environment.ts reads them on paths that load no Nest, such as
 * `regsweep datasets` on a current file.
 */
import type { AppOptions } from '../common/app-options';
import { wholeFromEnv } from '../common/env-settings';

/**
 * Fold tasks a sweep without `concurrency` keeps in the queue at once in queue mode (embedded, it is the pool's
 * size): enough to keep a few dozen worker threads busy without flooding Redis with a 100,000-task sweep.
 * Env REGSWEEP_QUEUE_CONCURRENCY.
 */
export const DEFAULT_QUEUE_CONCURRENCY = 32;
export const DEFAULT_QUEUE_LOCK_MS = 30_000;

/** A queued sweep's tasks in flight when its config sets no concurrency. */
export function queueConcurrency(app: AppOptions, env = process.env): number {
  return app.queueConcurrency ?? wholeFromEnv(env, 'REGSWEEP_QUEUE_CONCURRENCY') ?? DEFAULT_QUEUE_CONCURRENCY;
}

export function queueLockMs(env = process.env): number {
  return wholeFromEnv(env, 'REGSWEEP_QUEUE_LOCK_MS') ?? DEFAULT_QUEUE_LOCK_MS;
}
