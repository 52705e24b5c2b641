/**
 * A malformed environment variable (or `serve --host`), through the real entry points (bin/regsweep.js, the server
 * entry of dist/, `npm run migration:run`'s dist/migrations/run-migrations.js, the TypeORM CLI on
 * dist/migrations/data-source.js): the process exits 2 with a message naming the variable, the bad value and what is
 * expected, and touches nothing: no SQLite file appears, and the stand-in Redis and PostgreSQL ports (plain TCP
 * listeners) see no connection.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'regsweep.js');
const SERVER_ENTRY = join(ROOT, 'dist', 'apps', 'server', 'src', 'main.js');
const TYPEORM_CLI = join(ROOT, 'node_modules', 'typeorm', 'cli.js');
const MIGRATIONS_DATA_SOURCE = join(ROOT, 'dist', 'migrations', 'data-source.js');
const RUN_MIGRATIONS = join(ROOT, 'dist', 'migrations', 'run-migrations.js');
let dir: string;
let listener: Server;
let connections = 0;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regsweep-env-'));
  listener = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
  port = (listener.address() as { port: number }).port;
});
beforeEach(() => {
  connections = 0;
});
afterAll(async () => {
  await new Promise((done) => listener.close(done));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `node args…` in the temporary folder with only `extra` of the REGSWEEP_ variables; killed after 20 s. */
function run(args: string[], extra: NodeJS.ProcessEnv): Promise<{ code: number | string; stderr: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(REGSWEEP_|PORT$|HOST$)/.test(name)),
  );
  return new Promise((done) => {
    execFile(
      process.execPath,
      args,
      { cwd: dir, env: { ...env, ...extra }, timeout: 20_000 },
      (error, _out, stderr) => {
        done({ code: error ? ((error as { code?: number | string }).code ?? 1) : 0, stderr });
      },
    );
  });
}

/** The CLI's `{errors}` on stderr; anything else (a stack trace, Nest's log) as it is, so a failure shows it. */
function errorsOf(stderr: string): unknown {
  try {
    return (JSON.parse(stderr) as { errors: unknown }).errors;
  } catch {
    return stderr;
  }
}

describe('regsweep worker with a malformed variable', () => {
  const worker = () => [
    'worker',
    '--queue',
    `redis://127.0.0.1:${port}`,
    '--database',
    `postgres://x@127.0.0.1:${port}/db`,
  ];

  it.each([
    ['REGSWEEP_WORKERS', 'abc', 'must be a whole number ≥ 1, got "abc"'],
    ['REGSWEEP_QUEUE_LOCK_MS', '30s', 'must be a whole number ≥ 1, got "30s"'],
    ['REGSWEEP_WORKER_NICE', '20', 'must be a whole number from 0 to 19, got "20"'],
  ])('%s=%s: exit 2 with {path, message}, and no connection to Redis or PostgreSQL', async (name, value, message) => {
    const { code, stderr } = await run([BIN, ...worker()], { [name]: value });
    expect({ code, errors: errorsOf(stderr) }).toEqual({ code: 2, errors: [{ path: name, message }] });
    expect(connections).toBe(0);
  });
});

describe('the server entry with a malformed variable', () => {
  it.each([
    ['PORT', 'abc', 'must be a whole number from 0 to 65535, got "abc"'],
    ['PORT', '65536', 'must be a whole number from 0 to 65535, got "65536"'],
    ['HOST', 'bad^host', 'must be a host name or an IP address, got "bad^host"'],
    ['REGSWEEP_WRITE_LIMIT', 'lots', 'must be a whole number ≥ 1, got "lots"'],
    ['REGSWEEP_READ_ACCESS', 'closed', 'must be "open" or "token", got "closed"'],
  ])('%s=%s: exit 2 with one line naming it, and no database file', async (name, value, message) => {
    const db = join(dir, `${name}-${value}.sqlite`);
    const { code, stderr } = await run([SERVER_ENTRY], { REGSWEEP_DB: db, PORT: '0', [name]: value });
    expect({ code, stderr }).toEqual({ code: 2, stderr: `regsweep: ${name}: ${message}\n` });
    expect(existsSync(db)).toBe(false);
  });
});

describe('regsweep serve with a malformed variable', () => {
  it('REGSWEEP_ALLOWED_HOSTS=a.lan,b@c: exit 2 naming the bad name, no database file, no Redis connection', async () => {
    const db = join(dir, 'serve.sqlite');
    const args = [BIN, 'serve', '--port', '0', '--db', db, '--queue', `redis://127.0.0.1:${port}`];
    const { code, stderr } = await run(args, { REGSWEEP_ALLOWED_HOSTS: 'a.lan,b@c' });
    expect({ code, errors: errorsOf(stderr) }).toEqual({
      code: 2,
      errors: [{ path: 'REGSWEEP_ALLOWED_HOSTS', message: 'must be comma-separated host names or "*", got "b@c"' }],
    });
    expect(existsSync(db)).toBe(false);
    expect(connections).toBe(0);
  });
});

describe('regsweep serve --host', () => {
  it('bad^host: exit 2 with {path: "host", message}, as HOST, and no database file', async () => {
    const db = join(dir, 'serve-host.sqlite');
    const { code, stderr } = await run([BIN, 'serve', '--port', '0', '--host', 'bad^host', '--db', db], {});
    expect({ code, errors: errorsOf(stderr) }).toEqual({
      code: 2,
      errors: [{ path: 'host', message: 'must be a host name or an IP address, got "bad^host"' }],
    });
    expect(existsSync(db)).toBe(false);
  });
});

describe('npm run migration:run (dist/migrations/run-migrations.js)', () => {
  it('REGSWEEP_DB naming a folder: exit 2 with one line naming it, as the server entry', async () => {
    const folder = mkdtempSync(join(dir, 'db-folder-'));
    const { code, stderr } = await run([RUN_MIGRATIONS], { REGSWEEP_DB: folder });
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr: `regsweep: REGSWEEP_DB: must be a file path, not a folder, got "${folder}"\n`,
    });
  });
});

describe('regsweep datasets with a malformed variable', () => {
  it('REGSWEEP_WORKERS=abc on a current file (read without the server): exit 2, as on a new one', async () => {
    const db = join(dir, 'datasets.sqlite');
    expect((await run([BIN, 'datasets', '--db', db], {})).code).toBe(0); // migrated, built-ins stored
    const { code, stderr } = await run([BIN, 'datasets', '--db', db], { REGSWEEP_WORKERS: 'abc' });
    expect({ code, errors: errorsOf(stderr) }).toEqual({
      code: 2,
      errors: [{ path: 'REGSWEEP_WORKERS', message: 'must be a whole number ≥ 1, got "abc"' }],
    });
  });
});

describe('regsweep tokens and the variables', () => {
  it('REGSWEEP_DATABASE_URL=mysql://x (the one it reads): exit 2 naming it, no database file', async () => {
    const db = join(dir, 'tokens.sqlite');
    const { code, stderr } = await run([BIN, 'tokens', 'list', '--db', db], { REGSWEEP_DATABASE_URL: 'mysql://x' });
    expect({ code, errors: errorsOf(stderr) }).toEqual({
      code: 2,
      errors: [
        {
          path: 'REGSWEEP_DATABASE_URL',
          message:
            'must be a postgres:// or postgresql:// URL with a host and a database name ' +
            '(postgres://user:password@host:5432/name), got "mysql://x"',
        },
      ],
    });
    expect(existsSync(db)).toBe(false);
  });

  it('REGSWEEP_WORKERS=abc (a server variable it does not read): lists as usual', async () => {
    const { code } = await run([BIN, 'tokens', 'list', '--db', join(dir, 'tokens-workers.sqlite')], {
      REGSWEEP_WORKERS: 'abc',
    });
    expect(code).toBe(0);
  });
});

describe('a malformed PostgreSQL URL (flag or variable)', () => {
  // Unchecked, each reaches the stand-in port or fails in the driver (exit 1); refused, nothing is connected to.
  const NO_DATABASE = { password: 'secret', tail: '', problem: 'no database name' };
  const BAD_PORT = { password: 'secret', tail: 'x/db', problem: 'not a parseable URL' };
  const BAD_ESCAPE = {
    password: 'se%zz',
    tail: '/db',
    problem: 'a "%" in the user or password that starts no %XX escape',
  };
  type Url = typeof NO_DATABASE;
  const url = ({ password, tail }: Url) => `postgres://u:${password}@127.0.0.1:${port}${tail}`;
  const message = ({ tail, problem }: Url) =>
    'must be a postgres:// or postgresql:// URL with a host and a database name ' +
    `(postgres://user:password@host:5432/name), got "postgres://u:***@127.0.0.1:${port}${tail}" (${problem})`;
  const queue = () => ['--queue', `redis://127.0.0.1:${port}`];
  const db = () => ['--db', join(dir, 'pg-url.sqlite')];
  const config = join(ROOT, 'examples', 'diabetes-penalties.yaml');

  it.each<[string, string[], Url]>([
    ['the server entry', [SERVER_ENTRY], NO_DATABASE],
    ['npm run migration:run', [RUN_MIGRATIONS], BAD_ESCAPE],
    ['typeorm migration:show', [TYPEORM_CLI, 'migration:show', '-d', MIGRATIONS_DATA_SOURCE], BAD_ESCAPE],
  ])('REGSWEEP_DB of %s: exit 2 with one line, password masked, no connection', async (_, args, bad) => {
    const { code, stderr } = await run(args, { REGSWEEP_DB: url(bad), PORT: '0' });
    expect({ code, stderr }).toEqual({ code: 2, stderr: `regsweep: REGSWEEP_DB: ${message(bad)}\n` });
    expect(connections).toBe(0);
  });

  it.each<[string, Url, (text: string) => [string[], NodeJS.ProcessEnv], string]>([
    ['worker --database', BAD_ESCAPE, (text) => [['worker', ...queue(), '--database', text], {}], 'database'],
    [
      'serve',
      NO_DATABASE,
      (text) => [['serve', '--port', '0', ...queue(), ...db()], { REGSWEEP_DATABASE_URL: text }],
      'REGSWEEP_DATABASE_URL',
    ],
    ['sweep --database', NO_DATABASE, (text) => [['sweep', config, ...db(), '--database', text], {}], 'database'],
    ['export --database', BAD_PORT, (text) => [['export', 'a-sweep', ...db(), '--database', text], {}], 'database'],
    [
      'tokens list',
      BAD_PORT,
      (text) => [['tokens', 'list', ...db()], { REGSWEEP_DATABASE_URL: text }],
      'REGSWEEP_DATABASE_URL',
    ],
  ])('%s: exit 2 naming the flag or variable, password masked, no connection', async (_, bad, start, path) => {
    const [args, env] = start(url(bad));
    const { code, stderr } = await run([BIN, ...args], env);
    expect({ code, errors: errorsOf(stderr) }).toEqual({ code: 2, errors: [{ path, message: message(bad) }] });
    expect(connections).toBe(0);
  });
});

describe('a malformed Redis URL (flag or variable)', () => {
  // With the scheme checked alone, the bad port failed inside Nest, exit 1, with `new URL`'s TypeError, whose `input`
  // showed the password; checked, each is refused before anything is opened or connected to.
  const EXPECTED = 'must be a redis:// or rediss:// URL (redis://[user:password@]host[:port][/db][?prefix=name])';
  const NOT_PARSEABLE = 'not a parseable URL';
  const BAD_PORT = {
    url: 'redis://u:secret@127.0.0.1:99999',
    shown: 'redis://u:***@127.0.0.1:99999',
    problem: NOT_PARSEABLE,
  };
  const BAD_DB = {
    url: 'redis://:secret@127.0.0.1:PORT/x',
    shown: 'redis://:***@127.0.0.1:PORT/x',
    problem: 'the database after the host must be a whole number, as "/0"',
  };
  const NO_SCHEME = { url: 'u:secret@127.0.0.1:PORT', shown: 'u:***@127.0.0.1:PORT', problem: '' };
  type Bad = typeof BAD_PORT;
  const withPort = (text: string) => text.replace('PORT', String(port));
  const message = ({ shown, problem }: Bad) => `${EXPECTED}, got "${withPort(shown)}"${problem ? ` (${problem})` : ''}`;
  const db = () => join(dir, 'redis-url.sqlite');
  const config = join(ROOT, 'examples', 'diabetes-penalties.yaml');
  const postgres = () => ['--database', `postgres://x@127.0.0.1:${port}/db`];

  it.each<[string, Bad, (text: string) => [string[], NodeJS.ProcessEnv], string]>([
    ['sweep --queue', BAD_PORT, (text) => [['sweep', config, '--db', db(), '--queue', text], {}], 'queue'],
    ['worker --queue', BAD_DB, (text) => [['worker', ...postgres(), '--queue', text], {}], 'queue'],
    [
      'serve',
      BAD_DB,
      (text) => [['serve', '--port', '0', '--db', db()], { REGSWEEP_QUEUE_URL: text }],
      'REGSWEEP_QUEUE_URL',
    ],
    ['worker', NO_SCHEME, (text) => [['worker', ...postgres()], { REGSWEEP_QUEUE_URL: text }], 'REGSWEEP_QUEUE_URL'],
  ])('%s: exit 2 naming the flag or variable, password masked, nothing opened', async (_, bad, start, path) => {
    const [args, env] = start(withPort(bad.url));
    const { code, stderr } = await run([BIN, ...args], env);
    expect({ code, errors: errorsOf(stderr) }).toEqual({ code: 2, errors: [{ path, message: message(bad) }] });
    expect(stderr).not.toContain('secret');
    expect(connections).toBe(0);
    expect(existsSync(db())).toBe(false);
  });
});
