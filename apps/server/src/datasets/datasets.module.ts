import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_OPTIONS, AppOptions, DEFAULT_UPLOAD_LIMIT_BYTES } from '../common/app-options';
import { DatasetsController } from './datasets.controller';
import { DatasetsService } from './datasets.service';

@Module({
  imports: [
    // Uploads stay in memory (they are parsed, then stored in SQLite); above the limit multer answers 413.
    MulterModule.registerAsync({
      inject: [APP_OPTIONS],
      useFactory: (options: AppOptions) => ({
        limits: { fileSize: options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES, files: 1, fields: 10 },
        // busboy reads a file name without an explicit charset as latin1 by default: "données.csv" came out garbled.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [DatasetsController],
  providers: [DatasetsService],
  exports: [DatasetsService],
})
export class DatasetsModule {}
