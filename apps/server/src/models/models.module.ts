import { Module } from '@nestjs/common';
import { csvUploadModule } from '../datasets/csv-upload';
import { DatasetsModule } from '../datasets/datasets.module';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';

@Module({
  imports: [DatasetsModule, csvUploadModule()],
  controllers: [ModelsController],
  providers: [ModelsService],
  exports: [ModelsService],
})
export class ModelsModule {}
