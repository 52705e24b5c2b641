/** The parsers of common/env-settings.ts, one block each: unset or empty → undefined, what parses, what is refused. */
import { InvalidInputError } from '@regsweep/errors';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  booleanFromEnv,
  choiceFromEnv,
  databaseFromEnv,
  filePathFromEnv,
  hostFromEnv,
  hostListFromEnv,
  positiveFromEnv,
  wholeFromEnv,
} from '../src/common/env-settings';
import { leaseSecondsFromEnv } from '../src/database/sweep-leases';

/** The {path, message} problem a read refuses with (the CLI prints it and exits 2). */
function refusal(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors;
    throw error;
  }
  throw new Error('not refused');
}

const refused = (text: string, expected: string) => [{ path: 'X', message: `must be ${expected}, got "${text}"` }];

describe('positiveFromEnv', () => {
  it('reads a number > 0 in decimal notation and refuses the rest, naming the variable', () => {
    expect(positiveFromEnv({}, 'X')).toBeUndefined();
    expect(positiveFromEnv({ X: '' }, 'X')).toBeUndefined();
    for (const [text, value] of [
      ['0.5', 0.5],
      ['2', 2],
      ['.5', 0.5],
      ['1e3', 1000],
    ] as const)
      expect(positiveFromEnv({ X: text }, 'X')).toBe(value);
    for (const bad of ['0', '-1', 'soon', 'Infinity', '0x10', ' 2', '2s'])
      expect(refusal(() => positiveFromEnv({ X: bad }, 'X'))).toEqual(refused(bad, 'a positive number'));
  });
});

describe('wholeFromEnv', () => {
  it('reads decimal digits within [min, max], by default ≥ 1', () => {
    expect(wholeFromEnv({}, 'X')).toBeUndefined();
    expect(wholeFromEnv({ X: '4' }, 'X')).toBe(4);
    expect(wholeFromEnv({ X: '0' }, 'X', 0, 65535)).toBe(0);
    expect(wholeFromEnv({ X: '65535' }, 'X', 0, 65535)).toBe(65535);
    for (const bad of ['0', 'abc', '1.5', '2.0', '1e3', '0x10', '-3', ' 4'])
      expect(refusal(() => wholeFromEnv({ X: bad }, 'X'))).toEqual(refused(bad, 'a whole number ≥ 1'));
    expect(refusal(() => wholeFromEnv({ X: '65536' }, 'X', 0, 65535))).toEqual(
      refused('65536', 'a whole number from 0 to 65535'),
    );
  });
});

describe('booleanFromEnv', () => {
  it('reads true/1/yes and false/0/no in any case', () => {
    expect(booleanFromEnv({ X: '' }, 'X')).toBeUndefined();
    for (const text of ['true', 'TRUE', '1', 'yes']) expect(booleanFromEnv({ X: text }, 'X')).toBe(true);
    for (const text of ['false', '0', 'No']) expect(booleanFromEnv({ X: text }, 'X')).toBe(false);
    expect(refusal(() => booleanFromEnv({ X: 'maybe' }, 'X'))).toEqual(refused('maybe', 'true or false (1/0, yes/no)'));
  });
});

describe('choiceFromEnv', () => {
  it('reads one of the choices exactly', () => {
    expect(choiceFromEnv({}, 'X', ['open', 'token'])).toBeUndefined();
    expect(choiceFromEnv({ X: 'token' }, 'X', ['open', 'token'])).toBe('token');
    for (const bad of ['closed', 'Token'])
      expect(refusal(() => choiceFromEnv({ X: bad }, 'X', ['open', 'token']))).toEqual(
        refused(bad, '"open" or "token"'),
      );
  });
});

describe('hostFromEnv', () => {
  it('reads a host name or an IP address', () => {
    for (const host of ['localhost', '0.0.0.0', '::', '::1', 'api.example.com', 'my_host'])
      expect(hostFromEnv({ X: host }, 'X')).toBe(host);
    for (const bad of ['bad^host', 'a b', 'http://x', '-lead', 'x..y', '[::1]'])
      expect(refusal(() => hostFromEnv({ X: bad }, 'X'))).toEqual(refused(bad, 'a host name or an IP address'));
  });
});

describe('hostListFromEnv', () => {
  it('reads comma-separated names (with ports, IPv6 in brackets) or "*", and names the bad item', () => {
    expect(hostListFromEnv({ X: 'a.lan, b.lan:8080,[::1]:3000,,*' }, 'X')).toEqual([
      'a.lan',
      'b.lan:8080',
      '[::1]:3000',
      '',
      '*',
    ]);
    expect(refusal(() => hostListFromEnv({ X: 'a.lan,b@c' }, 'X'))).toEqual(
      refused('b@c', 'comma-separated host names or "*"'),
    );
  });
});

describe('filePathFromEnv', () => {
  it('reads a path, and refuses an existing folder', () => {
    const folder = mkdtempSync(join(tmpdir(), 'env-settings-'));
    expect(filePathFromEnv({ X: join(folder, 'new.sqlite') }, 'X')).toBe(join(folder, 'new.sqlite'));
    expect(refusal(() => filePathFromEnv({ X: folder }, 'X'))).toEqual(refused(folder, 'a file path, not a folder'));
  });
});

describe('databaseFromEnv', () => {
  it('reads a file path as filePathFromEnv, and checks a postgres:// URL, naming the variable', () => {
    const folder = mkdtempSync(join(tmpdir(), 'env-settings-'));
    expect(databaseFromEnv({}, 'X')).toBeUndefined();
    expect(databaseFromEnv({ X: join(folder, 'a.sqlite') }, 'X')).toBe(join(folder, 'a.sqlite'));
    expect(refusal(() => databaseFromEnv({ X: folder }, 'X'))).toEqual(refused(folder, 'a file path, not a folder'));
    expect(databaseFromEnv({ X: 'postgres://u@db/regsweep' }, 'X')).toBe('postgres://u@db/regsweep');
    expect(() => databaseFromEnv({ X: 'postgres://u:secret@db' }, 'X')).toThrow(
      'X: must be a postgres:// or postgresql:// URL with a host and a database name ' +
        '(postgres://user:password@host:5432/name), got "postgres://u:***@db" (no database name)',
    );
  });
});

describe('leaseSecondsFromEnv', () => {
  it('gives a sweep lease REGSWEEP_LEASE_SECONDS, else 30 s', () => {
    expect(leaseSecondsFromEnv({})).toBe(30);
    expect(leaseSecondsFromEnv({ REGSWEEP_LEASE_SECONDS: '' })).toBe(30);
    expect(leaseSecondsFromEnv({ REGSWEEP_LEASE_SECONDS: '2.5' })).toBe(2.5);
    expect(() => leaseSecondsFromEnv({ REGSWEEP_LEASE_SECONDS: '-3' })).toThrow(
      'REGSWEEP_LEASE_SECONDS: must be a positive number, got "-3"',
    );
  });
});
