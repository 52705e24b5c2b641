/**
 * A SQLite file opened with better-sqlite3 alone (no TypeORM, no Nest), to tell whether its schema is current: the
 * `migrations` table's last entry is the newest migration file. Then TypeORM's migration machinery (loading every
 * migration file, a transaction and a query per step) has nothing to do, and the CLI's lean reads may use the file.
 */
import { existsSync } from 'node:fs';
import { newestMigration } from './migration-files';
import type { SqliteConnection } from './sqlite-statements';

/** The little of a better-sqlite3 Database used here (better-sqlite3 ships no type declarations). */
export interface SqliteFile extends SqliteConnection {
  pragma(source: string): unknown;
  close(): void;
}
type SqliteFileConstructor = new (path: string, options: { fileMustExist: boolean }) => SqliteFile;

/** The file, open, if it exists and its schema is current; else undefined (the caller takes TypeORM's path). */
export function openCurrentSqlite(dbPath: string): SqliteFile | undefined {
  if (dbPath === ':memory:' || !existsSync(dbPath)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see SqliteFile
  const Database = require('better-sqlite3') as SqliteFileConstructor;
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000'); // as the server's connection (connectionPragmas)
    if (schemaIsCurrent(db)) return db;
  } catch {
    // not a regsweep database yet (no migrations table), or unreadable: TypeORM's path reports it
  }
  db.close();
  return undefined;
}

/** Whether the file's schema is current, closing it again (the check before TypeORM opens it). */
export function sqliteSchemaIsCurrent(dbPath: string): boolean {
  const db = openCurrentSqlite(dbPath);
  db?.close();
  return db !== undefined;
}

function schemaIsCurrent(db: SqliteFile): boolean {
  const last = db.prepare('SELECT timestamp, name FROM migrations ORDER BY timestamp DESC LIMIT 1').get() as
    { timestamp: number; name: string } | undefined;
  const newest = newestMigration();
  return last !== undefined && Number(last.timestamp) === newest.timestamp && last.name === newest.name;
}
