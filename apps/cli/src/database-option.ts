/**
 * `--database postgres://…` (or REGSWEEP_DATABASE_URL) beside `--db FILE`: which database a command opens. The flag
 * wins over the variable, and either over `--db`; without them it is the SQLite file, as it always was.
 */
import { checkedPostgresUrl } from './app-context';

export const DATABASE_OPTION = '--database <url>';
export const DATABASE_OPTION_HELP =
  'PostgreSQL database URL (postgres://user@host:5432/name) shared by servers and workers; ' +
  'default: REGSWEEP_DATABASE_URL, else the SQLite file of --db';

export interface DatabaseFlags {
  db: string;
  database?: string;
}

/**
 * The SQLite path or PostgreSQL URL the command opens (an AppOptions.dbPath). A URL is checked here, before the
 * command opens anything (database-location.ts: checkedPostgresUrl).
 */
export function databaseLocation(flags: DatabaseFlags, env: NodeJS.ProcessEnv = process.env): string {
  const url = flags.database ?? (env.REGSWEEP_DATABASE_URL || undefined);
  if (url === undefined) return flags.db;
  return checkedPostgresUrl(flags.database !== undefined ? 'database' : 'REGSWEEP_DATABASE_URL', url);
}
