/**
 * A SQLite file of its own for each test of a migration (removed after the test), opened with the migrations up to
 * a given one, or with all of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';

export type Migration = new () => object;

/** Registers the hooks; `open(migrations)` opens this test's file running only those (all when omitted). */
export function useMigrationDatabase(prefix: string): { open(migrations?: Migration[]): Promise<DataSource> } {
  let directory: string;
  let dbPath: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), prefix));
    dbPath = join(directory, 'db.sqlite');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));
  return {
    open(migrations) {
      const options = dataSourceOptions(dbPath);
      return new DataSource({ ...options, ...(migrations ? { migrations } : {}) } as typeof options).initialize();
    },
  };
}
