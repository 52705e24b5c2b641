import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_OPTIONS, type AppOptions } from '../common/app-options';
import { DatasetsService } from '../datasets/datasets.service';
import { RUNNER_OPTIONS, type RunnerOptions } from '../runner/runner-options';
import { WorkerPoolService } from '../runner/worker-pool.service';
import type { FoldTaskConsumer } from './fold-task-consumer';
import { parseQueueUrl } from './queue-connection';
import { queueLockMs } from './queue-options';

/**
 * `serve --queue … --local-workers N`: the server also takes fold-task jobs, on N threads of its own, like a
 * `regsweep worker` in the same process. Without --local-workers a server with a queue runs no fits.
 */
@Injectable()
export class LocalQueueWorkersService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: FoldTaskConsumer;
  private pool?: WorkerPoolService;

  constructor(
    @Inject(APP_OPTIONS) private readonly app: AppOptions,
    @Inject(RUNNER_OPTIONS) private readonly runner: RunnerOptions,
    private readonly datasets: DatasetsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const threads = this.app.localWorkers ?? 0;
    if (!this.app.queueUrl || threads <= 0) return;
    this.pool = new WorkerPoolService({ ...this.runner, poolSize: threads });
    // BullMQ loads only when this server takes queued jobs (as in queue-options.ts: a relative lazy require).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const queue = require('./fold-task-consumer') as { FoldTaskConsumer: typeof FoldTaskConsumer };
    this.consumer = new queue.FoldTaskConsumer(this.datasets, this.pool, parseQueueUrl(this.app.queueUrl), {
      concurrency: threads,
      lockMs: queueLockMs(),
    });
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
    await this.pool?.beforeApplicationShutdown();
  }
}
