/**
 * `npm run migration:run` on PostgreSQL, as real processes on a fresh schema of the test database: the command of
 * package.json's script (after its `npm run build`, which the tier's `npm run build` has done), REGSWEEP_DB a
 * postgres:// URL. It runs every PostgreSQL migration (`typeorm migration:show` agrees, and the server's data source
 * finds nothing left: the schema the server reads, not a SQLite file named like the URL), a second run has none to
 * run, it waits for the advisory lock a starting server takes (migrateOnce), and a failing migration leaves nothing
 * of the run behind.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { postgresDataSourceOptions } from '../../apps/server/src/store/postgres/postgres-connection';
import { createTestSchema, TEST_POSTGRES_URL, type TestSchema } from './services';

const ROOT = resolve(__dirname, '..', '..');
const TYPEORM_CLI = join(ROOT, 'node_modules', 'typeorm', 'cli.js');
const DATA_SOURCE = join(ROOT, 'dist', 'migrations', 'data-source.js');
const MIGRATION_RUN = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts['migration:run'].replace(/^npm run build && /, '');
/** The PostgreSQL migrations' timestamps, which end their class names (InitialSchema1764250000000). */
const TIMESTAMPS = readdirSync(join(ROOT, 'migrations', 'postgres'))
  .map((file) => /^(\d{13})-\w+\.ts$/.exec(file)?.[1])
  .filter((stamp) => stamp !== undefined)
  .sort();

let schema: TestSchema;
let dir: string;

beforeEach(async () => {
  schema = await createTestSchema();
  dir = mkdtempSync(join(tmpdir(), 'regsweep-migration-cli-'));
});

afterEach(async () => {
  await schema?.drop();
  rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `file args…` with REGSWEEP_DB the only REGSWEEP_ variable set and npm's PATH (node_modules/.bin, this node). */
function run(file: string, args: string[], cwd: string): Promise<Outcome> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('REGSWEEP_')));
  const path = [join(ROOT, 'node_modules', '.bin'), dirname(process.execPath), process.env.PATH].join(delimiter);
  return new Promise((done) => {
    execFile(
      file,
      args,
      { cwd, env: { ...env, PATH: path, REGSWEEP_DB: schema.url }, timeout: 30_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** `npm run migration:run` without its build, in the package folder as npm runs it. */
const migrationRun = () => run('sh', ['-c', MIGRATION_RUN], ROOT);
/** `typeorm migration:show -d dist/migrations/data-source.js`, the CLI's colours off (with CI set it underlines). */
const migrationShow = async () => {
  const { code, stdout, stderr } = await run(process.execPath, [TYPEORM_CLI, 'migration:show', '-d', DATA_SOURCE], dir);
  return { code, stderr, lines: stripVTControlCharacters(stdout).split('\n') };
};
const marked = (lines: string[], mark: string) => lines.filter((line) => line.startsWith(mark)).length;
/** The timestamps of the migrations a run's stdout names (`ran <Name><timestamp>`), in order. */
const ranTimestamps = (stdout: string) => [...stdout.matchAll(/^ran \w+?(\d{13})$/gm)].map((match) => match[1]);

async function withTestDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const tablesOf = async (client: Client, name: string) =>
  (
    await client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [name],
    )
  ).rows.map((row) => row.table_name);

const recordedMigrations = async (client: Client, name: string) =>
  (await client.query<{ count: number }>(`SELECT COUNT(*)::int AS count FROM "${name}".migrations`)).rows[0].count;

it('runs every PostgreSQL migration, then finds none to run, and leaves the server nothing to run', async () => {
  const before = await migrationShow();
  expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
  expect(marked(before.lines, '[ ]')).toBe(TIMESTAMPS.length);

  const first = await migrationRun();
  expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
  expect(ranTimestamps(first.stdout)).toEqual(TIMESTAMPS);

  const after = await migrationShow();
  expect([marked(after.lines, '[X]'), marked(after.lines, '[ ]')]).toEqual([TIMESTAMPS.length, 0]);

  expect(await migrationRun()).toEqual({
    code: 0,
    stdout: 'the schema is up to date: no migration to run\n',
    stderr: '',
  });

  const server = await new DataSource(postgresDataSourceOptions(schema.url)).initialize();
  try {
    expect(await server.showMigrations()).toBe(false);
    const [{ count }] = await server.query('SELECT COUNT(*)::int AS count FROM migrations');
    expect(count).toBe(TIMESTAMPS.length);
  } finally {
    await server.destroy();
  }
});

it('waits for the advisory lock a starting server holds, then runs every migration', async () => {
  await withTestDatabase(async (holder) => {
    const key = "hashtext('regsweep-migrations:' || $1)";
    await holder.query(`SELECT pg_advisory_lock(${key})`, [schema.name]);
    let exited = false;
    const running = migrationRun().finally(() => (exited = true));

    // Another session waiting on the very lock this one holds: the command has reached migrateOnce's lock.
    const waiting = () =>
      holder.query<{ waiting: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM pg_locks held JOIN pg_locks queued USING (locktype, database, classid, objid, ' +
          "objsubid) WHERE held.locktype = 'advisory' AND held.pid = pg_backend_pid() AND held.granted " +
          'AND NOT queued.granted) AS waiting',
      );
    // A short pause between polls: back to back they would compete for the CPU with the process they wait for.
    while (!(await waiting()).rows[0].waiting) {
      if (exited) {
        const { code, stderr } = await running;
        throw new Error(`the command finished (exit ${code}) without waiting for the lock: ${stderr}`);
      }
      await pause(20);
    }
    expect(await tablesOf(holder, schema.name)).toEqual([]);

    await holder.query(`SELECT pg_advisory_unlock(${key})`, [schema.name]);
    const outcome = await running;
    expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({ code: 0, stderr: '' });
    expect(ranTimestamps(outcome.stdout)).toEqual(TIMESTAMPS);
    expect(await recordedMigrations(holder, schema.name)).toBe(TIMESTAMPS.length);
  });
});

it('a failing migration: one line on stderr, exit 1, none of the run applied', async () => {
  // A table one of the later migrations (SweepLeases) creates, there already: the migrations before it succeed.
  await withTestDatabase((client) => client.query(`CREATE TABLE "${schema.name}".sweep_lease (x int)`));
  const outcome = await migrationRun();
  expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({
    code: 1,
    stderr: 'regsweep: migration:run failed: relation "sweep_lease" already exists\n',
  });
  await withTestDatabase(async (client) => {
    expect(await tablesOf(client, schema.name)).toEqual(['migrations', 'sweep_lease']);
    expect(await recordedMigrations(client, schema.name)).toBe(0);
  });
});
