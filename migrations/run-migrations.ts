/**
 * `npm run migration:run`: the pending migrations of the database REGSWEEP_DB names (data-source.ts, which also
 * refuses a malformed value with one line and exit 2), run the way a starting server runs them. On PostgreSQL that
 * is under the schema's advisory lock (migrateOnce), so this command and servers or workers starting at the same
 * moment migrate one after the other; the TypeORM CLI's `migration:run` takes no such lock. On SQLite it is what
 * the data source's `migrationsRun` does at a server's start: every pending migration in one transaction.
 *
 * Prints one line per migration it ran, or one line saying there was none to run; a failure is one line on stderr
 * and exit code 1, the transaction rolled back.
 */
import { errorMessage } from '@regsweep/errors';
import type { Migration } from 'typeorm';
import { migrateOnce } from '../apps/server/src/store/postgres/postgres-connection';
import dataSource from './data-source';

async function runPendingMigrations(): Promise<Migration[]> {
  await dataSource.initialize();
  try {
    if (dataSource.options.type === 'postgres') return await migrateOnce(dataSource);
    return await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await dataSource.destroy();
  }
}

/** The error on one line: a driver's message may span several, and a failed connect to several addresses has none. */
function oneLine(error: unknown): string {
  const message =
    error instanceof AggregateError && !error.message ? error.errors.map(errorMessage).join('; ') : errorMessage(error);
  return message.replace(/\s*\n\s*/g, ' ');
}

runPendingMigrations().then(
  (ran) => {
    const lines =
      ran.length === 0 ? ['the schema is up to date: no migration to run'] : ran.map((m) => `ran ${m.name}`);
    process.stdout.write(lines.map((line) => `${line}\n`).join(''));
  },
  (error: unknown) => {
    process.stderr.write(`regsweep: migration:run failed: ${oneLine(error)}\n`);
    process.exitCode = 1;
  },
);
