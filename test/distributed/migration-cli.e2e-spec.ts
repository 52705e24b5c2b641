/**
 * `npm run migration:run` on PostgreSQL: the TypeORM CLI on dist/migrations/data-source.js (npm run build), as real
 * processes, with REGSWEEP_DB a postgres:// URL (a fresh schema of the test database). `migration:show` lists every
 * PostgreSQL migration as pending, `migration:run` runs them all, and afterwards the server's data source finds
 * nothing left to run: the CLI migrated the schema the server reads, not a SQLite file named like the URL.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { DataSource } from 'typeorm';
import { postgresDataSourceOptions } from '../../apps/server/src/store/postgres/postgres-connection';
import { createTestSchema, type TestSchema } from './services';

const ROOT = resolve(__dirname, '..', '..');
const TYPEORM_CLI = join(ROOT, 'node_modules', 'typeorm', 'cli.js');
const DATA_SOURCE = join(ROOT, 'dist', 'migrations', 'data-source.js');
const POSTGRES_MIGRATIONS = readdirSync(join(ROOT, 'migrations', 'postgres')).filter((file) =>
  /^\d{13}-\w+\.ts$/.test(file),
);

let schema: TestSchema;
let dir: string;

beforeAll(async () => {
  schema = await createTestSchema();
  dir = mkdtempSync(join(tmpdir(), 'regsweep-migration-cli-'));
});

afterAll(async () => {
  await schema?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** `typeorm <command> -d dist/migrations/data-source.js` in a scratch folder, REGSWEEP_DB the only REGSWEEP_ set. */
function typeorm(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('REGSWEEP_')));
  return new Promise((done) => {
    execFile(
      process.execPath,
      [TYPEORM_CLI, command, '-d', DATA_SOURCE],
      { cwd: dir, env: { ...env, REGSWEEP_DB: schema.url }, timeout: 30_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Lines of `stdout` starting with `mark`; the CLI's colours off first (with CI set it underlines every line). */
const marked = (stdout: string, mark: string) =>
  stripVTControlCharacters(stdout)
    .split('\n')
    .filter((line) => line.startsWith(mark)).length;

it('shows the PostgreSQL migrations pending, runs them all, and leaves the server nothing to run', async () => {
  const before = await typeorm('migration:show');
  expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
  expect(marked(before.stdout, '[ ]')).toBe(POSTGRES_MIGRATIONS.length);

  const run = await typeorm('migration:run');
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });

  const after = await typeorm('migration:show');
  expect(marked(after.stdout, '[X]')).toBe(POSTGRES_MIGRATIONS.length);
  expect(marked(after.stdout, '[ ]')).toBe(0);

  const server = await new DataSource(postgresDataSourceOptions(schema.url)).initialize();
  try {
    expect(await server.showMigrations()).toBe(false);
    const [{ count }] = await server.query('SELECT COUNT(*)::int AS count FROM migrations');
    expect(count).toBe(POSTGRES_MIGRATIONS.length);
  } finally {
    await server.destroy();
  }
});
