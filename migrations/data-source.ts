/**
 * The data source for the TypeORM CLI (`npm run migration:generate -- migrations/Name`, `typeorm migration:show`) and
 * for `npm run migration:run` (run-migrations.ts). It runs compiled, from dist/migrations/data-source.js. REGSWEEP_DB
 * picks the database as the server entry's does (databaseFromEnv): a postgres:// URL is PostgreSQL with its own
 * migrations (migrations/postgres/), anything else the SQLite file. A malformed URL or a folder is refused as the
 * server entry refuses it: one line, exit code 2.
 */
import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { reportInvalidInput } from '../apps/server/src/common/entry-error';
import { databaseFromEnv } from '../apps/server/src/common/env-settings';
import { DEFAULT_DB_PATH } from '../apps/server/src/common/server-defaults';
import { dataSourceOptions } from '../apps/server/src/database/data-source-options';
import { isPostgresUrl } from '../apps/server/src/database/database-location';
import { postgresDataSourceOptions } from '../apps/server/src/store/postgres/postgres-connection';

function databaseLocation(): string {
  try {
    return databaseFromEnv(process.env, 'REGSWEEP_DB') ?? DEFAULT_DB_PATH;
  } catch (error) {
    reportInvalidInput(error);
    // Now, with the exit code it set: thrown on, the TypeORM CLI would wrap the error in its own and exit 1.
    return process.exit();
  }
}

function migrationDataSourceOptions(location: string): DataSourceOptions {
  if (isPostgresUrl(location)) return postgresDataSourceOptions(location);
  return { ...dataSourceOptions(location), migrationsRun: false };
}

export default new DataSource(migrationDataSourceOptions(databaseLocation()));
