/**
 * checkedPostgresUrl and redactedUrl: the PostgreSQL URLs pg opens pass (pg's own parse of each, through a Client that
 * never connects, finds the same host and database); the ones it would fail on, or silently read otherwise, are
 * refused naming where they came from, with the password masked.
 */
import { Client } from 'pg';
import { problemsOf } from '../../../libs/errors/test/helpers/problems-of';
import { redactedUrl } from '../src/common/url-text';
import { checkedPostgresUrl } from '../src/database/database-location';

const EXPECTED =
  'must be a postgres:// or postgresql:// URL with a host and a database name (postgres://user:password@host:5432/name)';

describe('checkedPostgresUrl', () => {
  it.each([
    ['postgres://u:secret@db.lan:5432/regsweep', 'db.lan', 'regsweep'],
    ['postgresql://u@127.0.0.1/regsweep', '127.0.0.1', 'regsweep'],
    ['POSTGRES://db/regsweep', 'db', 'regsweep'],
    ['postgres://db/regsweep?sslmode=disable', 'db', 'regsweep'],
    ['postgres://u@[::1]:5432/regsweep', '::1', 'regsweep'],
    ['postgres://u:p@ss@db/regsweep', 'db', 'regsweep'], // the last "@" ends the password, for pg as here
    ['postgres://u:se cret@db/regsweep', 'db', 'regsweep'],
    // Unix sockets: the folder as `?host=` (with or without a user before an empty host), or percent-encoded.
    ['postgres:///regsweep?host=/var/run/postgresql', '/var/run/postgresql', 'regsweep'],
    ['postgres://u@/regsweep?host=/var/run/postgresql', '/var/run/postgresql', 'regsweep'],
    ['postgres://u@%2Fvar%2Frun%2Fpostgresql/regsweep', '/var/run/postgresql', 'regsweep'],
  ])('passes %s, which pg reads as host %s, database %s', (url, host, database) => {
    expect(checkedPostgresUrl('database', url)).toBe(url);
    const client = new Client({ connectionString: url });
    expect({ host: client.host, database: client.database }).toEqual({ host, database });
  });

  it.each([
    ['postgres://u:secret@db:5432x/regsweep', 'postgres://u:***@db:5432x/regsweep', 'not a parseable URL'],
    ['postgres://u:secret@db:99999/regsweep', 'postgres://u:***@db:99999/regsweep', 'not a parseable URL'],
    ['postgres://u:secret@[::1/regsweep', 'postgres://u:***@[::1/regsweep', 'not a parseable URL'],
    ['postgres://', 'postgres://', 'no host'],
    ['postgres://u:secret@/regsweep', 'postgres://u:***@/regsweep', 'no host'],
    ['postgres://u:secret@db', 'postgres://u:***@db', 'no database name'],
    ['postgres://u:secret@db/', 'postgres://u:***@db/', 'no database name'],
    // pg ignores `dbname`: it would open the database named as the user ("u"), not the one meant.
    ['postgres://u@db?dbname=regsweep', 'postgres://u@db?dbname=regsweep', 'no database name'],
    [
      'postgres://u:se%zz@db/regsweep',
      'postgres://u:***@db/regsweep',
      'a "%" in the user or password that starts no %XX escape',
    ],
  ])('refuses %s, showing %s (%s)', (url, shown, problem) => {
    expect(problemsOf(() => checkedPostgresUrl('REGSWEEP_DATABASE_URL', url))).toEqual([
      { path: 'REGSWEEP_DATABASE_URL', message: `${EXPECTED}, got "${shown}" (${problem})` },
    ]);
  });

  it('refuses another scheme with no reason beyond the expected one, its password masked too', () => {
    expect(problemsOf(() => checkedPostgresUrl('database', 'mysql://u:secret@db/regsweep'))).toEqual([
      { path: 'database', message: `${EXPECTED}, got "mysql://u:***@db/regsweep"` },
    ]);
  });
});

describe('redactedUrl', () => {
  it.each([
    ['postgres://u:secret@db:5432/regsweep', 'postgres://u:***@db:5432/regsweep'],
    ['postgres://u:p@ss@db/regsweep', 'postgres://u:***@db/regsweep'],
    ['postgres://:secret@db/regsweep', 'postgres://:***@db/regsweep'],
    ['postgres://u:p/x@db/regsweep', 'postgres://u:***@db/regsweep'],
    [
      'postgres://u@db/regsweep?password=secret&sslmode=require',
      'postgres://u@db/regsweep?password=***&sslmode=require',
    ],
    ['postgres://u@db:5432/regsweep', 'postgres://u@db:5432/regsweep'],
    ['postgres://db:5432/regsweep', 'postgres://db:5432/regsweep'],
    ['redis://:secret@127.0.0.1:6379', 'redis://:***@127.0.0.1:6379'],
    ['redis://u@h:6379', 'redis://u@h:6379'],
    // No scheme: ioredis reads `user:password@host` and `//user:password@host` as redis:// URLs.
    ['u:secret@h:6379/0', 'u:***@h:6379/0'],
    ['//u:p@ss@h', '//u:***@h'],
    [':secret@h', ':***@h'],
    ['data/a:b@c.sqlite', 'data/a:b@c.sqlite'],
  ])('%s → %s', (url, shown) => {
    expect(redactedUrl(url)).toBe(shown);
  });
});
