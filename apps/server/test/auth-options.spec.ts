/** The pure parts of access control: security options from options and environment, the bearer header, methods. */
import { bearerToken } from '../src/auth/api-token.guard';
import { isWrite } from '../src/auth/http-methods';
import { resolveSecurityOptions } from '../src/auth/security-options';

const DB = { dbPath: ':memory:' };

describe('resolveSecurityOptions', () => {
  it('defaults: reads open, writes need a token only once one exists, 60 writes a minute, 5 MB JSON bodies', () => {
    expect(resolveSecurityOptions(DB, {})).toEqual({
      readAccess: 'open',
      requireAuth: false,
      writeLimit: 60,
      writeWindowMs: 60_000,
      jsonBodyLimitBytes: 5 * 1024 * 1024,
      allowedHosts: new Set(['localhost', '127.0.0.1', '::1']),
    });
  });

  it('reads the environment', () => {
    const env = { REGSWEEP_READ_ACCESS: 'token', REGSWEEP_REQUIRE_AUTH: 'true', REGSWEEP_WRITE_LIMIT: '10' };
    expect(resolveSecurityOptions(DB, env)).toMatchObject({ readAccess: 'token', requireAuth: true, writeLimit: 10 });
  });

  it('lets the app options win over the environment', () => {
    const env = { REGSWEEP_READ_ACCESS: 'token', REGSWEEP_WRITE_LIMIT: '10' };
    expect(resolveSecurityOptions({ ...DB, readAccess: 'open', writeLimit: 5 }, env)).toMatchObject({
      readAccess: 'open',
      writeLimit: 5,
    });
  });

  it.each([
    ['REGSWEEP_READ_ACCESS', 'closed'],
    ['REGSWEEP_REQUIRE_AUTH', 'maybe'],
    ['REGSWEEP_WRITE_LIMIT', '0'],
    ['REGSWEEP_WRITE_LIMIT', '1.5'],
    ['REGSWEEP_WRITE_LIMIT', 'lots'],
  ])('refuses to start on %s=%s rather than guess', (name, value) => {
    expect(() => resolveSecurityOptions(DB, { [name]: value })).toThrow(name);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['Bearer   abc ', 'abc'],
  ])('%j → %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'Bearer a b', 'abc'])('%j → none', (header) => {
    expect(bearerToken(header)).toBeUndefined();
  });
});

describe('isWrite', () => {
  it('treats GET, HEAD and OPTIONS as reads and everything else as a write', () => {
    expect(['GET', 'HEAD', 'OPTIONS', 'get'].map(isWrite)).toEqual([false, false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND'].map(isWrite)).toEqual([true, true, true, true, true]);
  });
});
