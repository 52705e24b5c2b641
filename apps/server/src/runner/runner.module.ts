import { Module } from '@nestjs/common';
import { APP_OPTIONS, AppOptions } from '../common/app-options';
import { DatasetsModule } from '../datasets/datasets.module';
import { EventsModule } from '../events/events.module';
import { LocalQueueWorkersService } from '../queue/local-queue-workers.service';
import { createWorkerPool } from '../queue/worker-pool-factory';
import { resolveRunnerOptions, RUNNER_OPTIONS, type RunnerOptions } from './runner-options';
import { SweepRecoveryService } from './sweep-recovery.service';
import { SweepRunnerService } from './sweep-runner.service';
import { WorkerPoolService } from './worker-pool.service';

@Module({
  imports: [DatasetsModule, EventsModule],
  providers: [
    {
      provide: RUNNER_OPTIONS,
      inject: [APP_OPTIONS],
      useFactory: (options: AppOptions) => resolveRunnerOptions(options),
    },
    // The process's own threads, or in queue mode (AppOptions.queueUrl) the BullMQ queue (queue/).
    {
      provide: WorkerPoolService,
      inject: [RUNNER_OPTIONS, APP_OPTIONS],
      useFactory: (runner: RunnerOptions, app: AppOptions) => createWorkerPool(runner, app),
    },
    LocalQueueWorkersService,
    SweepRunnerService,
    SweepRecoveryService,
  ],
  exports: [SweepRunnerService, WorkerPoolService],
})
export class RunnerModule {}
