/**
 * `--database postgres://…` (or REGSWEEP_DATABASE_URL) beside `--db FILE`: which database a command opens. The flag
 * wins over the variable, and either over `--db`; without them it is the SQLite file, as it always was.
 */
import { InvalidInputError } from '@regsweep/errors';
import { isPostgresUrl } from './app-context';

export const DATABASE_OPTION = '--database <url>';
export const DATABASE_OPTION_HELP =
  'PostgreSQL database URL (postgres://user@host:5432/name) shared by servers and workers; ' +
  'default: REGSWEEP_DATABASE_URL, else the SQLite file of --db';

export interface DatabaseFlags {
  db: string;
  database?: string;
}

/** The SQLite path or PostgreSQL URL the command opens (an AppOptions.dbPath). */
export function databaseLocation(flags: DatabaseFlags, env: NodeJS.ProcessEnv = process.env): string {
  const url = flags.database ?? (env.REGSWEEP_DATABASE_URL || undefined);
  if (url === undefined) return flags.db;
  if (!isPostgresUrl(url)) {
    const path = flags.database !== undefined ? 'database' : 'REGSWEEP_DATABASE_URL';
    throw new InvalidInputError([{ path, message: `must be a postgres:// or postgresql:// URL, got "${url}"` }]);
  }
  return url;
}
