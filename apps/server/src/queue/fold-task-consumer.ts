import { Logger } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { hostname } from 'node:os';
import type { DatasetsService } from '../datasets/datasets.service';
import { packedOf } from '../runner/packed-result';
import { shareDataset, type SharedDataset } from '../runner/shared-dataset';
import { TaskFault } from '../runner/task-fault';
import type { WorkerPoolService } from '../runner/worker-pool.service';
import { valuesChecksum, type FoldTaskJob } from './fold-task-job';
import { FOLD_TASK_QUEUE, pubSub, type QueueLocation } from './queue-connection';
import { fromTypedJson, toTypedJson } from './typed-json';
import { WorkerCrossProducts } from './worker-cross-products';

export interface ConsumerOptions {
  /** Jobs this process runs at once: its pool's threads. */
  readonly concurrency: number;
  /**
   * How long a job stays locked to this process without a renewal (renewed every half of it while the job runs):
   * after a worker dies, its job is taken by another once this has passed. Env REGSWEEP_QUEUE_LOCK_MS.
   */
  readonly lockMs: number;
}

interface LoadedDataset {
  readonly shared: SharedDataset;
  /** valuesChecksum of the loaded values, computed once when loaded. */
  readonly checksum: string;
}

/** Datasets kept loaded per worker process (each sweep's data is fetched once, not per task). */
const CACHED_DATASETS = 4;

/**
 * The worker side of queue mode (`regsweep worker`, `serve --local-workers N`): takes fold-task jobs, fetches each
 * dataset once by id (checked against the server's checksum), runs the tasks on this process's Piscina pool, and
 * answers each job with the packed result.
 */
export class FoldTaskConsumer {
  private readonly logger = new Logger(FoldTaskConsumer.name);
  private readonly datasets = new Map<string, Promise<LoadedDataset>>();
  private readonly crossProducts: WorkerCrossProducts;
  private worker?: Worker;
  private unsubscribe?: () => Promise<void>;

  constructor(
    private readonly datasetsService: DatasetsService,
    private readonly pool: WorkerPoolService,
    private readonly location: QueueLocation,
    private readonly options: ConsumerOptions,
  ) {
    this.crossProducts = new WorkerCrossProducts(pool);
  }

  async start(): Promise<void> {
    const { connection, prefix } = this.location;
    this.worker = new Worker(FOLD_TASK_QUEUE, (job, _token, signal) => this.process(job, signal), {
      connection,
      prefix,
      // Stored on each job it takes (job.processedBy): which process ran what.
      name: `regsweep-worker:${hostname()}:${process.pid}`,
      concurrency: this.options.concurrency,
      lockDuration: this.options.lockMs,
      stalledInterval: this.options.lockMs,
      maxStalledCount: 2,
    });
    this.worker.on('error', (error) => this.logger.error(`queue: ${error.message}`));
    await this.worker.waitUntilReady();
    // Cancellations (queued-worker-pool.ts) arrive as job ids on a channel; only the holder of the job acts.
    // A sweep's dataset is announced on another as the sweep starts: loaded now, before its first job comes.
    const { cancelChannel, prefetchChannel } = this.location;
    const subscriber = pubSub(await this.worker.client).duplicate();
    await subscriber.subscribe(cancelChannel);
    await subscriber.subscribe(prefetchChannel);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === cancelChannel) this.worker?.cancelJob(message, 'cancelled');
      else if (channel === prefetchChannel) this.prefetch(message);
    });
    this.unsubscribe = async () => {
      await subscriber.quit();
    };
  }

  /** Stops taking jobs and waits for the running ones (a SIGKILL skips this: the jobs stall and move on). */
  async close(): Promise<void> {
    await this.unsubscribe?.();
    await this.worker?.close();
  }

  private async process(job: Job<{ payload: string }>, signal?: AbortSignal): Promise<string> {
    const task = fromTypedJson<FoldTaskJob>(job.data.payload);
    const { shared, checksum } = await this.dataset(task);
    try {
      const crossProducts = await this.crossProducts.forTask(task, shared, checksum);
      const result = await this.pool.runFoldTask(
        {
          ...shared,
          fold: task.fold,
          spec: task.spec,
          metric: task.metric,
          ...(crossProducts ? { crossProducts } : {}),
        },
        { signal: signal ?? new AbortController().signal, timeoutMs: task.timeoutMs },
      );
      return toTypedJson(packedOf(result)); // the thread's own columns: no fit objects built to pack again
    } catch (error) {
      if (signal?.aborted) throw new UnrecoverableError('cancelled');
      // A task that threw throws again: no retry. A dead thread or a time limit: BullMQ retries with backoff.
      if (error instanceof TaskFault && !error.transient) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /** The sweep's data, loaded once per (dataset, target) and checked against the server's checksum. */
  private async dataset(task: FoldTaskJob): Promise<LoadedDataset> {
    const key = datasetKey(task.datasetId, task.target);
    const { shared, checksum } = await this.load(task.datasetId, task.target);
    if (checksum !== task.checksum) {
      this.datasets.delete(key);
      throw new UnrecoverableError(`dataset ${task.datasetId}: the values this worker loaded differ from the server's`);
    }
    return { shared, checksum };
  }

  /** The (dataset, target)'s load, started now unless it is cached or under way. */
  private load(datasetId: string, target: string | undefined): Promise<LoadedDataset> {
    const key = datasetKey(datasetId, target);
    let loading = this.datasets.get(key);
    if (!loading) {
      loading = this.datasetsService
        .getEntity(datasetId)
        .then((entity) => this.datasetsService.loadForSweep(entity, target))
        .then(shareDataset)
        .then((shared) => ({ shared, checksum: valuesChecksum(shared.x, shared.y) }));
      if (this.datasets.size >= CACHED_DATASETS) this.datasets.delete(this.datasets.keys().next().value as string);
      this.datasets.set(key, loading);
      loading.catch(() => this.datasets.delete(key));
    }
    return loading;
  }

  /** A server's announcement (queued-worker-pool.ts warmUp): load that dataset now; a failure waits for a job. */
  private prefetch(message: string): void {
    let announced: { datasetId?: unknown; target?: unknown };
    try {
      announced = JSON.parse(message) as typeof announced;
    } catch {
      return;
    }
    if (typeof announced.datasetId !== 'string') return;
    const target = typeof announced.target === 'string' ? announced.target : undefined;
    this.load(announced.datasetId, target).catch(() => undefined);
  }
}

function datasetKey(datasetId: string, target: string | undefined): string {
  return `${datasetId}\n${target ?? ''}`;
}
