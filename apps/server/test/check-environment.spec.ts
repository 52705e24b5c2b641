/** checkEnvironment: every variable an application reads, refused at start; an option given replaces its variable. */
import { InvalidInputError } from '@regsweep/errors';
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
