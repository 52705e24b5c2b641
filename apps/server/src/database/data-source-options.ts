import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/**
 * The migration files, found relative to this file so the same glob works compiled (dist/migrations/*.js)
 * and under ts-jest (migrations/*.ts). Migration files are named <timestamp>-<Name>; data-source.ts is not one.
 */
export const MIGRATIONS_GLOB = join(__dirname, '..', '..', '..', '..', 'migrations', '[0-9]*-*.{ts,js}');

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
    // WAL lets readers (API requests) proceed while the runner writes; the busy timeout covers a second process
    // (the CLI next to a running server) holding the write lock for a moment.
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = NORMAL');
    },
  };
}
