/**
 * The SQLite store keeps the sweep list's count under a filter while the file's rows are unchanged (sweep-rows.ts);
 * on a SQLite file, a change made by another connection (another process sharing the file, as the CLI next to a
 * running server) must be seen too. (Changes through the store itself: store-contract.spec.ts, both drivers.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { SqliteService } from '../src/database/sqlite.service';
import { SqliteSweepStore } from '../src/store/sqlite/sqlite-sweep-store';
import { baseConfig } from './fakes';
import { listTotal as total } from './store-contract-fixtures';

/** better-sqlite3 ships no type declarations; the little of it this test uses. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (path: string) => {
  prepare(sql: string): { run(...params: unknown[]): unknown };
  close(): void;
};

describe('the filtered list total on a SQLite file another connection writes', () => {
  let dir: string;
  let dataSource: DataSource;
  let store: SqliteSweepStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regsweep-list-counts-'));
    dataSource = await new DataSource(dataSourceOptions(join(dir, 'counts.sqlite'))).initialize();
    store = new SqliteSweepStore(new SqliteService(dataSource));
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees a status changed by the other connection', async () => {
    const dataset = await dataSource.query(
      'INSERT INTO dataset (id, name, version, target, task, rows, features, builtin, source, createdAt) ' +
        `VALUES ('d1', 'small', 1, 'y', 'regression', 5, '["a","b"]', 0, NULL, '2026-01-01 00:00:00.000')`,
    );
    expect(dataset).toBeDefined();
    const sweep = await store.createSweep({
      name: 'shared',
      datasetId: 'd1',
      datasetVersion: 1,
      config: baseConfig({ name: 'shared' }),
      scheduleId: null,
      createdAt: new Date('2026-01-02T00:00:00Z'),
    });
    expect(await total(store, { status: ['succeeded'] })).toBe(0);
    const other = new Database(join(dir, 'counts.sqlite'));
    try {
      other.prepare("UPDATE sweep SET status = 'succeeded' WHERE id = ?").run(sweep.id);
    } finally {
      other.close();
    }
    expect(await total(store, { status: ['succeeded'] })).toBe(1);
  });
});
