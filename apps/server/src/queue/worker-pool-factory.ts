import type { AppOptions } from '../common/app-options';
import type { RunnerOptions } from '../runner/runner-options';
import { WorkerPoolService } from '../runner/worker-pool.service';
import { parseQueueUrl } from './queue-connection';
import { queueConcurrency } from './queue-options';
import type { QueuedWorkerPool } from './queued-worker-pool';

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
