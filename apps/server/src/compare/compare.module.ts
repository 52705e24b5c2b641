import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { CompareController } from './compare.controller';
import { CompareService } from './compare.service';
import { DatasetSweepsController } from './dataset-sweeps.controller';
import { DatasetSweepsService } from './dataset-sweeps.service';

/** Reads across sweeps: a comparison of several, and every sweep on one dataset. */
@Module({
  imports: [DatasetsModule],
  controllers: [CompareController, DatasetSweepsController],
  providers: [CompareService, DatasetSweepsService],
})
export class CompareModule {}
