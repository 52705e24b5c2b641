import { MulterModule } from '@nestjs/platform-express';
import { APP_OPTIONS, AppOptions, DEFAULT_UPLOAD_LIMIT_BYTES } from '../common/app-options';

/**
 * Multer for a module that takes a CSV upload (datasets, predictions): kept in memory (it is parsed, never written
 * to disk); above the limit multer answers 413.
 */
export function csvUploadModule() {
  return MulterModule.registerAsync({
    inject: [APP_OPTIONS],
    useFactory: (options: AppOptions) => ({
      limits: { fileSize: options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES, files: 1, fields: 10 },
      // busboy reads a file name without an explicit charset as latin1 by default: "données.csv" came out garbled.
      defParamCharset: 'utf8',
    }),
  });
}
