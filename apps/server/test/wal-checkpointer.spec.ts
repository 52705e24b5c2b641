/**
 * WalCheckpointer on a real SQLite file (needs `npx nest build server`: the thread runs the compiled worker): once its
 * thread is ready the main connection no longer checkpoints in its commits, and the thread copies the WAL into the
 * database file; at shutdown the thread closes and exits.
 */
import { statSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { SqliteService } from '../src/database/sqlite.service';
import { WalCheckpointer } from '../src/database/wal-checkpointer';
import { useMigrationDatabase } from './migration-database';

const database = useMigrationDatabase('regsweep-wal-');
let dataSource: DataSource;
let sqlite: SqliteService;
beforeEach(async () => {
  dataSource = await database.open();
  sqlite = new SqliteService(dataSource);
});

/** Resolves once `holds()` is true, checking after each turn of the event loop (the thread works meanwhile). */
async function until(holds: () => boolean): Promise<void> {
  while (!holds()) await new Promise((resolve) => setImmediate(resolve));
}

const autoCheckpoint = () =>
  (sqlite.statement('PRAGMA wal_autocheckpoint').get() as { wal_autocheckpoint: number }).wal_autocheckpoint;

it('turns the automatic checkpoint off and copies committed pages into the database file from its thread', async () => {
  expect(autoCheckpoint()).toBe(1000);
  const checkpointer = new WalCheckpointer(dataSource, sqlite);
  checkpointer.onApplicationBootstrap();
  await until(() => autoCheckpoint() === 0);

  const file = database.path;
  const before = statSync(file).size;
  sqlite.statement('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)').run();
  // About 8 MB in 2,000 transactions, 2,000 WAL pages: the main connection alone would leave them all in the WAL.
  const insert = sqlite.statement('INSERT INTO filler (text) VALUES (?)');
  for (let i = 0; i < 2_000; i++) sqlite.transaction(() => insert.run('x'.repeat(4_000)));
  expect(autoCheckpoint()).toBe(0);
  await until(() => statSync(file).size > before + 7_000_000);

  await checkpointer.onApplicationShutdown();
  // The main connection checkpoints for itself again only if the thread failed; a clean stop leaves it off.
  expect(autoCheckpoint()).toBe(0);
});

it('leaves an in-memory database to SQLite', async () => {
  const memory = await new DataSource(dataSourceOptions(':memory:')).initialize();
  const memorySqlite = new SqliteService(memory);
  const checkpointer = new WalCheckpointer(memory, memorySqlite);
  checkpointer.onApplicationBootstrap();
  await checkpointer.onApplicationShutdown();
  expect(memorySqlite.statement('PRAGMA wal_autocheckpoint').get()).toEqual({ wal_autocheckpoint: 1000 });
  await memory.destroy();
});
