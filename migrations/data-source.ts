/**
 * The data source for the TypeORM CLI (`npm run migration:generate -- migrations/Name`, `npm run migration:run`).
 * It runs compiled, from dist/migrations/data-source.js; REGSWEEP_DB picks the database file, checked as the server
 * entry checks it (a folder is refused: one line, exit code 2).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { reportInvalidInput } from '../apps/server/src/common/entry-error';
import { filePathFromEnv } from '../apps/server/src/common/env-settings';
import { DEFAULT_DB_PATH } from '../apps/server/src/common/server-defaults';
import { dataSourceOptions } from '../apps/server/src/database/data-source-options';

function databaseFile(): string {
  try {
    return filePathFromEnv(process.env, 'REGSWEEP_DB') ?? DEFAULT_DB_PATH;
  } catch (error) {
    reportInvalidInput(error);
    // Now, with the exit code it set: thrown on, the TypeORM CLI would wrap the error in its own and exit 1.
    return process.exit();
  }
}

export default new DataSource({
  ...dataSourceOptions(databaseFile()),
  migrationsRun: false,
});
