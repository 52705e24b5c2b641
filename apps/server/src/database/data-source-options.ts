import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { sqliteSchemaIsCurrent } from './current-sqlite';
import { ENTITIES } from './entities';
import { connectionPragmas } from './sqlite-statements';
import { MIGRATIONS_GLOB } from './migration-files';

export { MIGRATIONS_GLOB };

/** SQLite connection options shared by the server, the CLI and the TypeORM CLI (migrations/data-source.ts). */
export function dataSourceOptions(dbPath: string): DataSourceOptions {
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: dbPath,
    entities: ENTITIES,
    migrations: [MIGRATIONS_GLOB],
    migrationsRun: true,
    synchronize: false,
    prepareDatabase: connectionPragmas,
  };
}

/**
 * The options a server or CLI process starts with: as dataSourceOptions, but without the migrations when the file's
 * schema is already current (one query, current-sqlite.ts), so TypeORM neither loads the migration files nor opens
 * its migration transaction. A new or older file gets the full machinery, as before.
 */
export function startupDataSourceOptions(dbPath: string): DataSourceOptions {
  const options = dataSourceOptions(dbPath);
  return sqliteSchemaIsCurrent(dbPath) ? { ...options, migrations: [], migrationsRun: false } : options;
}
