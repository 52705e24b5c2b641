import { Module } from '@nestjs/common';
import { APP_OPTIONS, AppOptions } from '../common/app-options';
import { DatasetsModule } from '../datasets/datasets.module';
import { EventsModule } from '../events/events.module';
import { resolveRunnerOptions, RUNNER_OPTIONS } from './runner-options';
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
    WorkerPoolService,
    SweepRunnerService,
    SweepRecoveryService,
  ],
  exports: [SweepRunnerService, WorkerPoolService],
})
export class RunnerModule {}
