/** `--database` / REGSWEEP_DATABASE_URL and `--queue` / REGSWEEP_QUEUE_URL: which wins, and what is refused. */
import { InvalidInputError } from '@regsweep/errors';
import { problemsOf } from '../../../libs/errors/test/helpers/problems-of';
import { databaseLocation } from '../src/database-option';
import { queueLocation } from '../src/queue-option';
import { wholeNumber } from '../src/app-context';

const PG = 'postgres://u@db:5432/regsweep';

describe('databaseLocation', () => {
  it('is the SQLite file without a flag or variable', () => {
    expect(databaseLocation({ db: 'data/x.sqlite' }, {})).toBe('data/x.sqlite');
  });

  it('takes the flag over the variable, and either over --db', () => {
    expect(databaseLocation({ db: 'f', database: PG }, { REGSWEEP_DATABASE_URL: 'postgresql://other/db' })).toBe(PG);
    expect(databaseLocation({ db: 'f' }, { REGSWEEP_DATABASE_URL: PG })).toBe(PG);
  });

  it('refuses a URL that is not PostgreSQL, naming where it came from', () => {
    const refused = (run: () => unknown) => problemsOf(run)[0].path;
    expect(refused(() => databaseLocation({ db: 'f', database: 'mysql://x' }, {}))).toBe('database');
    expect(refused(() => databaseLocation({ db: 'f' }, { REGSWEEP_DATABASE_URL: 'x.sqlite' }))).toBe(
      'REGSWEEP_DATABASE_URL',
    );
  });
});

describe('queueLocation', () => {
  const EXPECTED = 'must be a redis:// or rediss:// URL (redis://[user:password@]host[:port][/db][?prefix=name])';

  it('is none without a flag or variable; the flag wins over the variable', () => {
    expect(queueLocation({}, {})).toBeUndefined();
    expect(queueLocation({ queue: 'redis://a' }, { REGSWEEP_QUEUE_URL: 'redis://b' })).toBe('redis://a');
    expect(queueLocation({}, { REGSWEEP_QUEUE_URL: 'rediss://b:6380' })).toBe('rediss://b:6380');
  });

  it.each([
    'redis://127.0.0.1',
    'redis://h:6379/',
    'redis://:secret@h:6379/15?prefix=team-a',
    'rediss://u:s%40cret@h:6380/0',
    'redis://[::1]:6379/2',
    'REDIS://h:1',
  ])('takes %s as it is', (url) => {
    expect(queueLocation({ queue: url }, {})).toBe(url);
  });

  it('refuses what is not a redis URL', () => {
    expect(() => queueLocation({ queue: 'http://a' }, {})).toThrow(InvalidInputError);
  });

  it('masks the password in the refusal, naming where the value came from', () => {
    expect(problemsOf(() => queueLocation({ queue: 'http://u:secret@a:6379' }, {}))).toEqual([
      { path: 'queue', message: `${EXPECTED}, got "http://u:***@a:6379"` },
    ]);
    expect(problemsOf(() => queueLocation({}, { REGSWEEP_QUEUE_URL: 'valkey://u:p@ss@a/0?password=x' }))).toEqual([
      { path: 'REGSWEEP_QUEUE_URL', message: `${EXPECTED}, got "valkey://u:***@a/0?password=***"` },
    ]);
    expect(problemsOf(() => queueLocation({ queue: 'u:secret@a:6379' }, {}))).toEqual([
      { path: 'queue', message: `${EXPECTED}, got "u:***@a:6379"` },
    ]);
  });

  // Each passed the scheme check alone, then failed once the queue connected (a TypeError showing the password).
  it.each([
    ['redis://u:secret@h:99999', 'redis://u:***@h:99999', 'not a parseable URL'],
    ['redis://:secret@h:port/0', 'redis://:***@h:port/0', 'not a parseable URL'],
    ['redis://u:secret@:6379', 'redis://u:***@:6379', 'not a parseable URL'],
    ['redis://:secret@h:0', 'redis://:***@h:0', 'a port must be from 1 to 65535, not 0'],
    ['redis://:secret@h/x', 'redis://:***@h/x', 'the database after the host must be a whole number, as "/0"'],
    ['redis://h/0/', 'redis://h/0/', 'the database after the host must be a whole number, as "/0"'],
    ['redis://h/-1', 'redis://h/-1', 'the database after the host must be a whole number, as "/0"'],
    ['redis://u:se%zz@h', 'redis://u:***@h', 'a "%" in the user or password that starts no %XX escape'],
  ])('refuses %s: one problem, password masked', (url, shown, problem) => {
    const refusal = { message: `${EXPECTED}, got "${shown}" (${problem})` };
    expect(problemsOf(() => queueLocation({ queue: url }, {}))).toEqual([{ path: 'queue', ...refusal }]);
    expect(problemsOf(() => queueLocation({}, { REGSWEEP_QUEUE_URL: url }))).toEqual([
      { path: 'REGSWEEP_QUEUE_URL', ...refusal },
    ]);
  });
});

describe('wholeNumber (the flags --threads, --local-workers)', () => {
  it('reads whole numbers at or above the minimum and names the flag otherwise', () => {
    expect(wholeNumber('threads', '3', 1)).toBe(3);
    expect(() => wholeNumber('threads', '0', 1)).toThrow(InvalidInputError);
    expect(() => wholeNumber('local-workers', '1.5', 0)).toThrow(InvalidInputError);
  });
});
