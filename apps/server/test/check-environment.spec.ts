/**
 * checkEnvironment: every variable an application reads, refused at start; an option given replaces its variable;
 * run once by a CLI process that falls back from one way of opening the database to another.
 */
import { InvalidInputError } from '@regsweep/errors';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listDatasets, openSweepSession } from '../../cli/src/app-context';
import { checkEnvironment } from '../src/common/check-environment';

const DB = { dbPath: ':memory:' };

function refusedPath(env: NodeJS.ProcessEnv, options = {}): string | undefined {
  try {
    checkEnvironment({ ...DB, ...options }, env);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors[0].path;
    throw error;
  }
}

describe('checkEnvironment', () => {
  it.each([
    ['REGSWEEP_WORKERS', '0'],
    ['REGSWEEP_WORKER_MEMORY_MB', 'lots'],
    ['REGSWEEP_TASK_TIMEOUT_SECONDS', '-1'],
    ['REGSWEEP_WORKER_NICE', '20'],
    ['REGSWEEP_READ_ACCESS', 'closed'],
    ['REGSWEEP_REQUIRE_AUTH', 'maybe'],
    ['REGSWEEP_WRITE_LIMIT', '1.5'],
    ['REGSWEEP_ALLOWED_HOSTS', 'a b'],
    ['REGSWEEP_QUEUE_CONCURRENCY', 'abc'],
    ['REGSWEEP_QUEUE_LOCK_MS', '30s'],
    ['REGSWEEP_LEASE_SECONDS', '0'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(refusedPath({ [name]: value })).toBe(name);
  });

  it('passes the defaults and well-formed values', () => {
    expect(refusedPath({})).toBeUndefined();
    const env = { REGSWEEP_WORKERS: '2', REGSWEEP_QUEUE_LOCK_MS: '2000', REGSWEEP_ALLOWED_HOSTS: 'a.lan,*' };
    expect(refusedPath(env)).toBeUndefined();
  });

  it('leaves a variable alone when an option replaces it (a flag wins, and the variable is not read)', () => {
    expect(refusedPath({ REGSWEEP_WORKERS: 'abc' }, { poolSize: 2 })).toBeUndefined();
    expect(refusedPath({ REGSWEEP_ALLOWED_HOSTS: 'a b' }, { allowedHosts: ['a.lan'] })).toBeUndefined();
    expect(refusedPath({ REGSWEEP_QUEUE_CONCURRENCY: 'abc' }, { queueConcurrency: 4 })).toBeUndefined();
  });
});

/**
 * Once per process: the CLI's sweep on a file that is not current tries the light session, then falls back to the
 * full application, and `regsweep datasets` reads the file, then falls back to the server; each checks before the
 * first, and the second takes the CheckedAppOptions. Counted by the reads of REGSWEEP_LEASE_SECONDS, which on SQLite
 * only the check reads (a lease is PostgreSQL's), through a process.env that counts them.
 */
describe('checkEnvironment, once per process', () => {
  let dir: string;
  let realEnv: NodeJS.ProcessEnv;
  let reads: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'regsweep-check-once-'));
    realEnv = process.env;
    reads = 0;
    const counted = { ...realEnv };
    delete counted.REGSWEEP_LEASE_SECONDS;
    process.env = new Proxy(counted, {
      get: (target, name) => {
        if (name === 'REGSWEEP_LEASE_SECONDS') reads += 1;
        return Reflect.get(target, name);
      },
    });
  });
  afterEach(() => {
    process.env = realEnv;
    rmSync(dir, { recursive: true, force: true });
  });

  const SMALL = { poolSize: 1, warmWorkers: false };

  it('openSweepSession on a new file (light session, then the full application): one check', async () => {
    const db = join(dir, 'new.sqlite');
    await (await openSweepSession(db, SMALL, {})).close();
    expect(reads).toBe(1);
    reads = 0;
    await (await openSweepSession(db, SMALL, {})).close(); // now current: the light session alone
    expect(reads).toBe(1);
  });

  it('listDatasets on a new file (through the server): one check', async () => {
    await listDatasets(join(dir, 'new.sqlite'), 10);
    expect(reads).toBe(1);
  });

  it('still checks before anything is opened on either path: a malformed variable, no file', async () => {
    (process.env as Record<string, string>).REGSWEEP_WORKERS = 'abc';
    const db = join(dir, 'refused.sqlite');
    await expect(openSweepSession(db, { warmWorkers: false }, {})).rejects.toThrow(InvalidInputError);
    await expect(openSweepSession(db, { warmWorkers: false }, { REGSWEEP_CLI_NEST: '1' })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(listDatasets(db, 10)).rejects.toThrow(InvalidInputError);
    expect(existsSync(db)).toBe(false);
  });
});
