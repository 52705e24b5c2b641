/** A Nest application context for the commands that work through the server's services (loaded lazily: it is Nest + TypeORM). */
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../server/src/app.module';
import type { AppOptions } from '../../server/src/common/app-options';

/** The server's modules without HTTP; Nest logs only errors (to stderr) so stdout stays the report. */
export function openContext(dbPath: string, extra: Partial<AppOptions> = {}): Promise<INestApplicationContext> {
  // resumeSweeps: false — a CLI run leaves the server's unfinished sweeps to the server.
  const options = { dbPath, dashboard: false, scheduler: false, resumeSweeps: false, ...extra };
  return NestFactory.createApplicationContext(AppModule.forRoot(options), {
    logger: ['error'],
  });
}
