/**
 * `npm run migration:run` on SQLite (REGSWEEP_DB a file path), through its compiled entry: a new file gets every
 * SQLite migration, named one a line, and a second run has none to run. (PostgreSQL, the advisory lock and a failing
 * migration: test/distributed/migration-cli.e2e-spec.ts.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const RUN_MIGRATIONS = join(ROOT, 'dist', 'migrations', 'run-migrations.js');
/** What a run on a new file prints: the migration files in timestamp order, by class name (<Name><timestamp>). */
const SQLITE_MIGRATIONS = readdirSync(join(ROOT, 'migrations'))
  .sort()
  .map((file) => /^(\d{13})-(\w+)\.ts$/.exec(file))
  .filter((match) => match !== null)
  .map(([, timestamp, name]) => `ran ${name}${timestamp}\n`);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'regsweep-migration-run-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function migrationRun(db: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('REGSWEEP_')));
  return new Promise((done) => {
    execFile(
      process.execPath,
      [RUN_MIGRATIONS],
      { cwd: dir, env: { ...env, REGSWEEP_DB: db }, timeout: 30_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

it('a new SQLite file: every migration, one line each; run again: none to run', async () => {
  const db = join(dir, 'new.sqlite');
  expect(await migrationRun(db)).toEqual({ code: 0, stdout: SQLITE_MIGRATIONS.join(''), stderr: '' });
  expect(await migrationRun(db)).toEqual({
    code: 0,
    stdout: 'the schema is up to date: no migration to run\n',
    stderr: '',
  });
});
