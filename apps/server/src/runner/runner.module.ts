import { Module } from '@nestjs/common';
import { APP_OPTIONS, AppOptions } from '../common/app-options';
import { DatasetsModule } from '../datasets/datasets.module';
import { EventsModule } from '../events/events.module';
import { SweepRunnerService } from './sweep-runner.service';
import { POOL_SIZE, WorkerPoolService } from './worker-pool.service';

@Module({
  imports: [DatasetsModule, EventsModule],
  providers: [
    { provide: POOL_SIZE, inject: [APP_OPTIONS], useFactory: (options: AppOptions) => options.poolSize },
    WorkerPoolService,
    SweepRunnerService,
  ],
  exports: [SweepRunnerService, WorkerPoolService],
})
export class RunnerModule {}
