/**
 * The start-up shortcuts on real SQLite files with the real migrations: `regsweep datasets` reads a current file
 * with one query and answers exactly what DatasetsService.list answers; a file that is new, behind the newest
 * migration or missing a built-in goes through the server (migrations run, built-ins stored) as before; and TypeORM
 * skips its migration machinery only on a current file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { listDatasets, openServer } from '../../cli/src/app-context';
import { sqliteSchemaIsCurrent } from '../src/database/current-sqlite';
import { dataSourceOptions, startupDataSourceOptions } from '../src/database/data-source-options';
import { newestMigration } from '../src/database/migration-files';
import { readStoredDatasets } from '../src/datasets/stored-datasets';

interface WritableSqlite {
  prepare(sql: string): { run(): unknown; get(): unknown };
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- better-sqlite3 ships no type declarations
const Database = require('better-sqlite3') as new (path: string) => WritableSqlite;

function onFile<T>(path: string, work: (db: WritableSqlite) => T): T {
  const db = new Database(path);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'regsweep-stored-datasets-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A file the server has started on once (migrated, built-ins stored), with one uploaded CSV besides them. */
async function startedFile(): Promise<string> {
  const db = join(dir, 'started.sqlite');
  const csv = join(dir, 'line.csv');
  writeFileSync(csv, 'x,y\n1,2\n2,4.5\n3,6\n4,8.25\n');
  const server = await openServer(db);
  try {
    await server.datasets.registerCsvFile(csv, undefined);
  } finally {
    await server.close();
  }
  return db;
}

async function listedByServer(db: string): Promise<unknown[]> {
  const server = await openServer(db);
  try {
    return (await server.datasets.list(1, 1000)).items;
  } finally {
    await server.close();
  }
}

it('reads a current file in one query and answers what the server answers, dates and JSON columns alike', async () => {
  const db = await startedFile();
  const lean = readStoredDatasets(db, 1000);
  expect(lean).toBeDefined();
  expect(lean!.map((d) => d.name)).toEqual(['breast-cancer', 'diabetes', 'iris', 'line', 'seed-linear']);
  expect(lean).toEqual(await listedByServer(db));
  expect(lean![0].createdAt).toBeInstanceOf(Date);
  expect(readStoredDatasets(db, 2)).toEqual(lean!.slice(0, 2));
});

it('leaves a new file, a file behind the newest migration and a file missing a built-in to the server', async () => {
  const fresh = join(dir, 'fresh.sqlite');
  expect(readStoredDatasets(fresh, 1000)).toBeUndefined();
  expect(sqliteSchemaIsCurrent(fresh)).toBe(false);
  expect((await listDatasets(fresh, 1000)).map((d) => d.name)).toEqual([
    'breast-cancer',
    'diabetes',
    'iris',
    'seed-linear',
  ]);
  expect(sqliteSchemaIsCurrent(fresh)).toBe(true);

  const db = await startedFile();
  onFile(db, (file) => file.prepare("DELETE FROM dataset WHERE name = 'seed-linear'").run());
  expect(readStoredDatasets(db, 1000)).toBeUndefined();
  expect((await listDatasets(db, 1000)).map((d) => d.name)).toContain('seed-linear'); // stored again
  expect(readStoredDatasets(db, 1000)?.map((d) => d.name)).toContain('seed-linear');

  onFile(db, (file) => file.prepare("UPDATE dataset SET classes = NULL WHERE name = 'iris'").run());
  expect(readStoredDatasets(db, 1000)).toBeUndefined(); // registerBuiltins would set iris's labels
});

it('skips the migration machinery only when the last migration recorded is the newest file', async () => {
  const db = await startedFile();
  expect(startupDataSourceOptions(db)).toMatchObject({ migrations: [], migrationsRun: false });
  // One migration behind: the newest one undone by TypeORM (its down(), and its row removed).
  const dataSource = await new DataSource(dataSourceOptions(db)).initialize();
  await dataSource.undoLastMigration();
  await dataSource.destroy();
  expect(sqliteSchemaIsCurrent(db)).toBe(false);
  expect(startupDataSourceOptions(db)).toMatchObject({ migrationsRun: true });
  // The next start runs the newest migration's step again through TypeORM and records it.
  expect(await listDatasets(db, 1000)).toHaveLength(5);
  const newest = newestMigration();
  const last = onFile(db, (file) => file.prepare('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1').get());
  expect(last).toEqual({ name: newest.name });
});
