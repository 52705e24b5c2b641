import type { FoldPathResult } from '@regsweep/engine';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { FoldTaskMessage } from '../runner/fold-task.worker';
import { unpackFoldResult, type PackedFoldResult } from '../runner/packed-result';
import type { RunnerOptions } from '../runner/runner-options';
import { TaskFault } from '../runner/task-fault';
import { WorkerPoolService, type TaskRunOptions, type WarmUpOptions } from '../runner/worker-pool.service';
import { FOLD_TASK_JOB, valuesChecksum, type FoldTaskJob } from './fold-task-job';
import { FOLD_TASK_QUEUE, pubSub, type QueueLocation } from './queue-connection';
import { fromTypedJson, toTypedJson } from './typed-json';

/** BullMQ's retries of a job whose worker failed it transiently (a thread died): 3 starts, 1 s then 2 s apart. */
const JOB_ATTEMPTS = 3;
const JOB_BACKOFF = { type: 'exponential', delay: 1000 } as const;
/** BullMQ's largest job priority (its PRIORITY_LIMIT, 2²¹ − 1). */
const MAX_JOB_PRIORITY = 2 ** 21 - 1;

/**
 * The BullMQ priority of a task's job: its place in the sweep run's dispatch order (TaskRunOptions.order), capped at
 * BullMQ's limit (later tasks then share the last priority, first in first out). Workers take the lowest priority
 * first and, on equal priorities, the first added; so a sweep's jobs are taken in the scheduler's order (longest
 * first: runner/task-order.ts) even when their adds reach Redis out of order (each waits for its own database write
 * first). Between sweeps, places compare: a sweep started later has its first jobs taken before an earlier sweep's
 * later ones (without priorities, first added was first taken).
 * Undefined (no order given) leaves the job unprioritized: BullMQ takes those before any prioritized job.
 */
export function jobPriority(order: number | undefined): number | undefined {
  if (order === undefined) return undefined;
  return Math.min(Math.max(1, Math.trunc(order)), MAX_JOB_PRIORITY);
}

/**
 * The runner's pool in queue mode: each fold task becomes a BullMQ job, run by whichever `regsweep worker` takes
 * it, and its result comes back as the job's return value; the server stores it as in embedded mode, so progress,
 * events and the report do not change. The runner's semaphore still bounds each sweep's tasks in flight
 * (`concurrency`), now across all workers. This process runs no fits.
 *
 * Failures: a task that threw on the worker is final (the worker fails its job without retry); a job whose worker
 * died is taken again by another worker (BullMQ's stalled-job check) or retried with backoff, invisibly here.
 * Cancel: a waiting job is removed; a running one is cancelled on its worker through a Redis message.
 * Order: each job's priority is its place in the scheduler's order (jobPriority).
 */
export class QueuedWorkerPool extends WorkerPoolService {
  private readonly queue: Queue;
  private readonly queueEvents: QueueEvents;
  private readonly ready: Promise<unknown>;
  /** By the shared memory's key: the checksum of a sweep's data, computed once per sweep run. */
  private readonly checksums = new Map<string, string>();

  constructor(
    options: RunnerOptions,
    private readonly location: QueueLocation,
  ) {
    super(options);
    const { connection, prefix } = location;
    this.queue = new Queue(FOLD_TASK_QUEUE, { connection, prefix });
    this.queueEvents = new QueueEvents(FOLD_TASK_QUEUE, { connection, prefix });
    // Each job waited for adds a listener here until it finishes: up to `poolSize` (the tasks in flight) at once.
    this.queueEvents.setMaxListeners(options.poolSize + 10);
    this.ready = Promise.all([this.queue.waitUntilReady(), this.queueEvents.waitUntilReady()]);
  }

  override async runFoldTask(message: FoldTaskMessage, options: TaskRunOptions): Promise<FoldPathResult> {
    const { source } = message;
    if (!source) throw new TaskFault('error', 'queue mode: the task does not name its stored dataset');
    options.signal.throwIfAborted();
    await this.ready;
    const job: FoldTaskJob = {
      sweepId: source.sweepId,
      datasetId: source.datasetId,
      ...(source.target !== undefined ? { target: source.target } : {}),
      checksum: this.checksum(message),
      fold: message.fold,
      spec: message.spec,
      metric: message.metric,
      timeoutMs: options.timeoutMs,
      ...(source.split ? { split: source.split } : {}),
    };
    const added = await this.queue.add(
      FOLD_TASK_JOB,
      { payload: toTypedJson(job) },
      {
        attempts: JOB_ATTEMPTS,
        backoff: JOB_BACKOFF,
        priority: jobPriority(options.order),
        removeOnComplete: { age: 3600 },
        removeOnFail: { age: 24 * 3600 },
      },
    );
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        reject(options.signal.reason);
        void this.cancel(added);
      };
      options.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const text = (await Promise.race([added.waitUntilFinished(this.queueEvents), aborted])) as string;
      return unpackFoldResult(fromTypedJson<PackedFoldResult>(text));
    } catch (error) {
      if (options.signal.aborted) throw error;
      // The worker's own wording ("the task threw: …"), as the embedded pool reports it.
      throw new TaskFault('error', error instanceof Error ? error.message : String(error));
    } finally {
      options.signal.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Not here: each worker sums a sweep's cross products once on its own threads (worker-cross-products.ts); the
   * runner falls back to that on this fault.
   */
  override async runRowsCrossProducts(): Promise<void> {
    throw new TaskFault('error', 'queue mode: cross products are summed on each worker');
  }
  override async runSumCrossProducts(): Promise<void> {
    throw new TaskFault('error', 'queue mode: cross products are summed on each worker');
  }

  /**
   * No threads here. A sweep's dataset is announced to the workers (fold-task-consumer.ts prefetch), so that each
   * loads it while this server loads and plans, not when its first job arrives: otherwise every worker's first task
   * waits for that fetch and parse inside the sweep's run. Best effort: a worker that missed it loads on that job.
   */
  override warmUp(options: WarmUpOptions = {}): void {
    const { dataset } = options;
    if (!dataset) return;
    const announce = async () => {
      await this.ready;
      const message = JSON.stringify({ datasetId: dataset.id, target: dataset.target });
      await pubSub(await this.queue.client).publish(this.location.prefetchChannel, message);
    };
    announce().catch(() => undefined);
  }
  override onModuleInit(): void {}

  override async beforeApplicationShutdown(): Promise<void> {
    await super.beforeApplicationShutdown();
    await this.queueEvents.close();
    await this.queue.close();
  }

  /** Removes a job still waiting; tells the workers to stop it if one has it (fold-task-consumer.ts). */
  private async cancel(job: Job): Promise<void> {
    try {
      await job.remove();
    } catch {
      await pubSub(await this.queue.client).publish(this.location.cancelChannel, job.id ?? '');
    }
  }

  private checksum(message: FoldTaskMessage): string {
    const key = message.key ?? '';
    let checksum = this.checksums.get(key);
    if (checksum === undefined) {
      checksum = valuesChecksum(message.x, message.y);
      // One entry per sweep run; the oldest go first.
      if (this.checksums.size >= 16) this.checksums.delete(this.checksums.keys().next().value as string);
      this.checksums.set(key, checksum);
    }
    return checksum;
  }
}
