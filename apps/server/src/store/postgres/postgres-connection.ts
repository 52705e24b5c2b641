import { join } from 'node:path';
import { DataSource, type DataSourceOptions, type Migration } from 'typeorm';

/** The PostgreSQL migrations (migrations/postgres/), found relative to this file, compiled or under ts-jest. */
export const POSTGRES_MIGRATIONS_GLOB = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'migrations',
  'postgres',
  '[0-9]*-*.{ts,js}',
);

/**
 * PostgreSQL connection options. No entities: the entities declare SQLite column types (`datetime`, `blob`) that
 * TypeORM refuses on PostgreSQL, and the PostgreSQL store writes its statements itself (ON CONFLICT upserts, unnest
 * batches), so TypeORM here is the pool, the transactions and the migrations. `schema` (tests) puts every table of
 * this connection in one schema, through the session's search_path.
 */
export function postgresDataSourceOptions(url: string, schema?: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations: [POSTGRES_MIGRATIONS_GLOB],
    migrationsRun: false,
    migrationsTransactionMode: 'all',
    synchronize: false,
    ...(schema ? { schema, extra: { options: `-c search_path=${quoteIdentifier(schema)}` } } : {}),
  };
}

/** Opens the pool and brings the schema up to date (see migrateOnce). */
export async function openPostgres(url: string, schema?: string): Promise<DataSource> {
  const dataSource = await new DataSource(postgresDataSourceOptions(url, schema)).initialize();
  try {
    await migrateOnce(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * Runs the pending migrations while holding a PostgreSQL advisory lock keyed by the schema: several servers and
 * workers starting together against one database then migrate one after the other (the later ones find nothing
 * to do) instead of racing to create the same tables. The lock is the session's, so it is released when this
 * connection is, even if the process dies. Returns the migrations this call ran (none when another got there first).
 */
export async function migrateOnce(dataSource: DataSource): Promise<Migration[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('regsweep-migrations:' || current_schema()))");
    return await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lock.query("SELECT pg_advisory_unlock(hashtext('regsweep-migrations:' || current_schema()))").catch(() => {});
    await lock.release();
  }
}

/** An identifier in double quotes, embedded quotes doubled (PostgreSQL's quote_ident). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
