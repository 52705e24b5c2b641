/**
 * A SQLite file of its own for each test (removed after the test), opened with the migrations up to a given one, or
 * with all of them; on PostgreSQL, a schema of its own for a block of tests.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { openPostgres, postgresDataSourceOptions, quoteIdentifier } from '../src/store/postgres/postgres-connection';
import { TEST_POSTGRES_URL } from './store-drivers';

export type Migration = new () => object;

const SQLITE_MIGRATIONS_DIR = join(__dirname, '..', '..', '..', 'migrations');
const POSTGRES_MIGRATIONS_DIR = join(SQLITE_MIGRATIONS_DIR, 'postgres');

/** A migration's timestamp: the 13 digits that end its class name and start its file's name. */
const TIMESTAMP = /\d{13}$/;
const MIGRATION_FILE = /^(\d{13})-\w+\.ts$/;

/**
 * The migrations of `folder` that run before `migration`, in order: the schema it finds on a database stored before
 * it. Read from the folder, so that a migration added later is not missed.
 */
async function migrationsBefore(migration: Migration, folder: string): Promise<Migration[]> {
  const before = Number(TIMESTAMP.exec(migration.name)?.[0]);
  const files = readdirSync(folder)
    .map((file) => MIGRATION_FILE.exec(file))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[1]) < before)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  const modules: Record<string, unknown>[] = await Promise.all(files.map((match) => import(join(folder, match[0]))));
  return modules.map((exports) => {
    const found = Object.values(exports).find((value) => typeof value === 'function' && TIMESTAMP.test(value.name));
    if (!found) throw new Error(`no migration class in ${folder}`);
    return found as Migration;
  });
}

/**
 * Registers the hooks; `open(migrations)` opens this test's file running only those (all when omitted), `path` is
 * the file. A data source the test leaves open is closed before its file is removed.
 */
export function useMigrationDatabase(prefix: string): {
  open(migrations?: Migration[]): Promise<DataSource>;
  readonly path: string;
} {
  let directory: string;
  let dbPath: string;
  const opened: DataSource[] = [];
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), prefix));
    dbPath = join(directory, 'db.sqlite');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((dataSource) => dataSource.isInitialized && dataSource.destroy()));
    rmSync(directory, { recursive: true, force: true });
  });
  return {
    async open(migrations) {
      const options = dataSourceOptions(dbPath);
      const dataSource = new DataSource({ ...options, ...(migrations ? { migrations } : {}) } as typeof options);
      opened.push(dataSource);
      return dataSource.initialize();
    },
    get path() {
      return dbPath;
    },
  };
}

/** Registers the hooks of a fresh PostgreSQL schema, created before the block's tests and dropped after; its name. */
export function usePostgresSchema(): string {
  const schema = `regsweep_test_${randomBytes(6).toString('hex')}`;
  const admin = new DataSource({ type: 'postgres', url: TEST_POSTGRES_URL });
  beforeAll(async () => {
    await admin.initialize();
    await admin.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
    await admin.destroy();
  });
  return schema;
}

/** `schema` opened with the PostgreSQL migrations before `migration` run: the database as it was stored before it. */
async function openPostgresBefore(schema: string, migration: Migration): Promise<DataSource> {
  const migrations = await migrationsBefore(migration, POSTGRES_MIGRATIONS_DIR);
  const options = { ...postgresDataSourceOptions(TEST_POSTGRES_URL, schema), migrations };
  const dataSource = await new DataSource(options).initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  return dataSource;
}

/**
 * The dataset row every migration test's sweeps refer to ('d1': 'data' version 1, one feature x, target y), in the
 * columns every migration so far has kept; on PostgreSQL identifiers are quoted and `builtin` is a boolean.
 */
export async function insertDatasetD1(db: DataSource): Promise<void> {
  await db.query(
    db.options.type === 'postgres'
      ? `INSERT INTO dataset ("id", "name", "version", "target", "task", "rows", "features", "builtin", "source", "createdAt") VALUES ('d1', 'data', 1, 'y', 'regression', 3, '["x"]', false, NULL, now())`
      : `INSERT INTO dataset (id, name, version, target, task, rows, features, builtin, source, createdAt) VALUES ('d1', 'data', 1, 'y', 'regression', 3, '["x"]', 0, NULL, '2026-01-01 00:00:00.000')`,
  );
}

/** A sweep row of dataset d1 as every migration so far stores it (succeeded, config {}), `fields` over those. */
export function sweepRow(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const created = '2026-01-01 00:00:00.000';
  return {
    id,
    name: id,
    datasetId: 'd1',
    datasetVersion: 1,
    config: '{}',
    status: 'succeeded',
    createdAt: created,
    ...fields,
  };
}

/** Inserts `rows` into `table` on either driver: identifiers quoted, values bound (SQLite ?, PostgreSQL $n). */
export async function insertRows(
  db: DataSource,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const mark = (i: number) => (db.options.type === 'postgres' ? `$${i + 1}` : '?');
  for (const row of rows) {
    const names = Object.keys(row);
    const columns = names.map((name) => `"${name}"`).join(', ');
    await db.query(`INSERT INTO "${table}" (${columns}) VALUES (${names.map((_, i) => mark(i)).join(', ')})`, [
      ...Object.values(row),
    ]);
  }
}

/** The driver a migration test runs on; `schema` is PostgreSQL's schema of the test. */
export type MigrationDriver = { name: 'sqlite' } | { name: 'postgres'; schema: string };

/** What a migration test does around the migration: rows written before it, and what it reads after. */
export interface MigrationTest {
  /** Writes into the database as stored before the migration (dataset d1 already there). */
  seed(before: DataSource): Promise<void>;
  /** Reads the database once the remaining migrations have run. */
  check(after: DataSource, driver: MigrationDriver): Promise<void>;
  /** SQLite: reads the database once the migration is undone (with the ones after it). */
  undone?(after: DataSource): Promise<void>;
}

/**
 * Registers the test of a migration on each driver it has: on SQLite a file of its own, where after `check` the
 * schema must be exactly the entities' (nothing left for TypeORM's schema builder) and, with `undone`, the migration
 * is undone; on PostgreSQL a schema of its own.
 */
export function testMigration(
  title: string,
  migrations: { sqlite: Migration; postgres?: Migration },
  test: MigrationTest,
): void {
  describe('on SQLite', () => {
    const { open } = useMigrationDatabase('regsweep-migration-');
    it(title, async () => {
      const before = await open(await migrationsBefore(migrations.sqlite, SQLITE_MIGRATIONS_DIR));
      await insertDatasetD1(before);
      await test.seed(before);
      await before.destroy();
      const after = await open();
      await test.check(after, { name: 'sqlite' });
      await expectEntitiesSchema(after);
      if (!test.undone) return;
      await undoThrough(after, migrations.sqlite);
      await test.undone(after);
    });
  });
  const postgres = migrations.postgres;
  if (!postgres) return;
  describe('on PostgreSQL', () => {
    const schema = usePostgresSchema();
    it(title, async () => {
      const before = await openPostgresBefore(schema, postgres);
      await insertDatasetD1(before);
      await test.seed(before);
      await before.destroy();
      const after = await openPostgres(TEST_POSTGRES_URL, schema);
      try {
        await test.check(after, { name: 'postgres', schema });
      } finally {
        await after.destroy();
      }
    });
  });
}

/** After the migrations, nothing is left for TypeORM's schema builder: the schema is exactly the entities'. */
export async function expectEntitiesSchema(db: DataSource): Promise<void> {
  const pending = await db.driver.createSchemaBuilder().log();
  expect(pending.upQueries.map((query) => query.query)).toEqual([]);
}

/** Undoes the migrations that ran after `migration`, then `migration` itself. */
export async function undoThrough(db: DataSource, migration: Migration): Promise<void> {
  const last = async () =>
    ((await db.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1')) as { name: string }[])[0].name;
  while ((await last()) !== migration.name) await db.undoLastMigration();
  await db.undoLastMigration();
}
