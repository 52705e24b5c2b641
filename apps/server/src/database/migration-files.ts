/**
 * The SQLite migration files, found relative to this file so the same folder works compiled (dist/migrations/*.js)
 * and under ts-jest (migrations/*.ts). Migration files are named <timestamp>-<Name>; data-source.ts is not one.
 * Nothing but node:fs here: the start-up check (current-sqlite.ts) reads the folder without loading TypeORM.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const MIGRATIONS_DIR = join(__dirname, '..', '..', '..', '..', 'migrations');
export const MIGRATIONS_GLOB = join(MIGRATIONS_DIR, '[0-9]*-*.{ts,js}');

const MIGRATION_FILE = /^(\d+)-(\w+)\.(ts|js)$/;

/** A migration as TypeORM records it in the `migrations` table: its timestamp and class name (Name + timestamp). */
export interface MigrationEntry {
  readonly timestamp: number;
  readonly name: string;
}

let newest: MigrationEntry | undefined;

/** The newest migration file's entry (read from the folder once per process). */
export function newestMigration(): MigrationEntry {
  if (!newest) {
    const entries = readdirSync(MIGRATIONS_DIR)
      .map((file) => MIGRATION_FILE.exec(file))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => ({ timestamp: Number(match[1]), name: `${match[2]}${match[1]}` }));
    if (entries.length === 0) throw new Error(`no migration files in ${MIGRATIONS_DIR}`);
    newest = entries.reduce((a, b) => (b.timestamp > a.timestamp ? b : a));
  }
  return newest;
}
