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
  it('is none without a flag or variable; the flag wins over the variable', () => {
    expect(queueLocation({}, {})).toBeUndefined();
    expect(queueLocation({ queue: 'redis://a' }, { REGSWEEP_QUEUE_URL: 'redis://b' })).toBe('redis://a');
    expect(queueLocation({}, { REGSWEEP_QUEUE_URL: 'rediss://b:6380' })).toBe('rediss://b:6380');
  });

  it('refuses what is not a redis URL', () => {
    expect(() => queueLocation({ queue: 'http://a' }, {})).toThrow(InvalidInputError);
  });

  it('masks the password in the refusal, naming where the value came from', () => {
    expect(problemsOf(() => queueLocation({ queue: 'http://u:secret@a:6379' }, {}))).toEqual([
      { path: 'queue', message: 'must be a redis:// or rediss:// URL, got "http://u:***@a:6379"' },
    ]);
    expect(problemsOf(() => queueLocation({}, { REGSWEEP_QUEUE_URL: 'valkey://u:p@ss@a/0?password=x' }))).toEqual([
      {
        path: 'REGSWEEP_QUEUE_URL',
        message: 'must be a redis:// or rediss:// URL, got "valkey://u:***@a/0?password=***"',
      },
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
