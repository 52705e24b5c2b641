/**
 * The SweepStore drivers the contract suite (store-contract.spec.ts) runs against, each on a fresh database: SQLite
 * in memory with the real migrations, PostgreSQL in a schema of its own (created here, dropped by close) with the
 * real PostgreSQL migrations. PostgreSQL is the one at REGSWEEP_TEST_POSTGRES_URL (default: the local server's
 * `test` database); when it cannot be reached the suite fails with the reason instead of skipping quietly.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openPostgres, quoteIdentifier } from '../src/store/postgres/postgres-connection';
import { PostgresSweepStore } from '../src/store/postgres/postgres-sweep-store';
import type { SweepStore } from '../src/store/sweep-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSourceOptions } from '../src/database/data-source-options';
import { SqliteService } from '../src/database/sqlite.service';
import { ResultWriterThread } from '../src/store/sqlite/result-writer';
import { SqliteSweepStore } from '../src/store/sqlite/sqlite-sweep-store';
import { openTestDatabase, type TestDatabase } from './test-database';

export const TEST_POSTGRES_URL = process.env.REGSWEEP_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StoreUnderTest {
  readonly store: SweepStore;
  /** A stored dataset sweeps can refer to (version 1). */
  readonly datasetId: string;
  /** Rows of `table` belonging to a sweep, counted in the database itself. */
  count(table: 'trial' | 'task' | 'fold_result' | 'trial_network', sweepId: string): Promise<number>;
  /** Stores a dataset row (no values) and answers its id: sweeps on other datasets and versions. */
  addDataset(name: string, version: number): Promise<string>;
  /** Stores a schedule row and answers its id (a UUID): sweeps a schedule started. */
  addSchedule(name: string): Promise<string>;
  /** A second store on the same database through its own connection: another process, as far as the rows know. */
  second(): Promise<SweepStore>;
  close(): Promise<void>;
}

/**
 * `sqlite-writer`: SQLite on a file with the server's result writer thread (needs `npx nest build server`), whose
 * writes the store contract suite checks as well; the other suites, whose writes it does not change, run the two.
 */
export type Driver = 'sqlite' | 'postgres' | 'sqlite-writer';
export const DRIVERS: Driver[] = ['sqlite', 'postgres'];

export function openStore(driver: Driver): Promise<StoreUnderTest> {
  if (driver === 'sqlite-writer') return openSqliteWithWriter();
  return driver === 'sqlite' ? openSqlite() : openPostgresStore();
}

async function openSqlite(): Promise<StoreUnderTest> {
  const db = await openTestDatabase();
  return {
    ...sqliteRows(db),
    store: db.store,
    // One in-memory database has one connection; the same store stands in for the second process.
    second: async () => db.store,
    close: () => db.close(),
  };
}

/** A file of its own, the store's running-phase writes on a ResultWriterThread; `second` a connection of its own. */
async function openSqliteWithWriter(): Promise<StoreUnderTest> {
  const directory = mkdtempSync(join(tmpdir(), 'regsweep-writer-'));
  const path = join(directory, 'db.sqlite');
  const db = await openTestDatabase(path);
  const writer = new ResultWriterThread(db.dataSource);
  writer.onModuleInit();
  if (!writer.running) throw new Error('the result writer thread did not start: run `npx nest build server` first');
  const others: DataSource[] = [];
  return {
    ...sqliteRows(db),
    store: new SqliteSweepStore(db.sqlite, writer),
    async second() {
      const other = await new DataSource(dataSourceOptions(path)).initialize();
      others.push(other);
      return new SqliteSweepStore(new SqliteService(other));
    },
    async close() {
      await writer.onApplicationShutdown();
      for (const other of others) await other.destroy();
      await db.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The row counts and the rows other tables hold, on a SQLite test database's main connection. */
function sqliteRows(db: TestDatabase): Pick<StoreUnderTest, 'datasetId' | 'count' | 'addDataset' | 'addSchedule'> {
  return {
    datasetId: db.small.id,
    async count(table, sweepId) {
      // The rows of a trial's own tables, through their trial.
      const sql =
        table === 'fold_result' || table === 'trial_network'
          ? `SELECT COUNT(*) AS n FROM ${table} f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = ?`
          : `SELECT COUNT(*) AS n FROM ${table} WHERE sweepId = ?`;
      return (db.sqlite.statement(sql).get(sweepId) as { n: number }).n;
    },
    async addDataset(name, version) {
      const id = randomUUID();
      db.sqlite
        .statement(
          'INSERT INTO dataset (id, name, version, target, task, rows, features, builtin, source, createdAt) ' +
            `VALUES (?, ?, ?, 'y', 'regression', 5, '["a","b"]', 0, NULL, '2026-01-01 00:00:00.000')`,
        )
        .run(id, name, version);
      return id;
    },
    async addSchedule(name) {
      const id = randomUUID();
      db.sqlite
        .statement(
          'INSERT INTO schedule (id, name, cron, timezone, enabled, overlap, sweep, createdAt, updatedAt) ' +
            `VALUES (?, ?, '0 3 * * *', 'UTC', 1, 'skip', '{}', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')`,
        )
        .run(id, name);
      return id;
    },
  };
}

/**
 * A new schema named regsweep_test_<random> in the test database, the migrations run inside it; `dataSource` for
 * the PostgreSQL-only classes beside the store (leases, tick claims).
 */
export async function openPostgresStore(): Promise<StoreUnderTest & { readonly dataSource: DataSource }> {
  const schema = `regsweep_test_${randomBytes(6).toString('hex')}`;
  const admin = new DataSource({ type: 'postgres', url: TEST_POSTGRES_URL });
  try {
    await admin.initialize();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${String(error)}): the store contract suite needs it ` +
        '(.ci/run starts it; set REGSWEEP_TEST_POSTGRES_URL for another server)',
    );
  }
  await admin.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
  const opened: DataSource[] = [await openPostgres(TEST_POSTGRES_URL, schema)];
  const [dataSource] = opened;
  const [{ id: datasetId }] = (await dataSource.query(
    'INSERT INTO dataset ("id", "name", "version", "target", "task", "rows", "features", "builtin", "source", "createdAt") ' +
      `VALUES (gen_random_uuid()::varchar, 'small', 1, 'y', 'regression', 5, '["a","b"]', false, NULL, now()) RETURNING "id"`,
  )) as { id: string }[];
  return {
    store: new PostgresSweepStore(dataSource),
    dataSource,
    datasetId,
    async count(table, sweepId) {
      const sql =
        table === 'fold_result' || table === 'trial_network'
          ? `SELECT COUNT(*)::int AS n FROM ${table} f JOIN trial t ON t."id" = f."trialId" WHERE t."sweepId" = $1`
          : `SELECT COUNT(*)::int AS n FROM ${table} WHERE "sweepId" = $1`;
      const [{ n }] = (await dataSource.query(sql, [sweepId])) as { n: number }[];
      return n;
    },
    async addDataset(name, version) {
      const id = randomUUID();
      await dataSource.query(
        'INSERT INTO dataset ("id", "name", "version", "target", "task", "rows", "features", "builtin", "source", ' +
          `"createdAt") VALUES ($1, $2, $3, 'y', 'regression', 5, '["a","b"]', false, NULL, now())`,
        [id, name, version],
      );
      return id;
    },
    async addSchedule(name) {
      const id = randomUUID();
      await dataSource.query(
        'INSERT INTO schedule ("id", "name", "cron", "timezone", "enabled", "overlap", "sweep", "createdAt", ' +
          `"updatedAt") VALUES ($1, $2, '0 3 * * *', 'UTC', true, 'skip', '{}', now(), now())`,
        [id, name],
      );
      return id;
    },
    async second() {
      const other = await openPostgres(TEST_POSTGRES_URL, schema);
      opened.push(other);
      return new PostgresSweepStore(other);
    },
    async close() {
      for (const source of opened) await source.destroy();
      await admin.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
      await admin.destroy();
    },
  };
}
