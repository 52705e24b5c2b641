import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { EventsModule } from '../events/events.module';
import { RunnerModule } from '../runner/runner.module';
import { SweepsController } from './sweeps.controller';
import { SweepsService } from './sweeps.service';

@Module({
  imports: [DatasetsModule, EventsModule, RunnerModule],
  controllers: [SweepsController],
  providers: [SweepsService],
  exports: [SweepsService],
})
export class SweepsModule {}
