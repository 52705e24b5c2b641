/** The Host allow-list against DNS rebinding: which names are allowed, and the name part of a Host header. */
import { allowedHostNames, hostName } from '../src/auth/allowed-hosts';
import { resolveSecurityOptions } from '../src/auth/security-options';

describe('hostName', () => {
  it.each([
    ['127.0.0.1:3000', '127.0.0.1'],
    ['LOCALHOST', 'localhost'],
    ['[::1]:8080', '::1'],
    ['[::1]', '::1'],
    ['::1', '::1'], // a bare IPv6 address has more than one colon: no port to strip
    ['evil.example:80', 'evil.example'],
  ])('%s → %s', (header, name) => {
    expect(hostName(header)).toBe(name);
  });
});

describe('allowedHostNames', () => {
  it('loopback names by default; a wildcard listening address adds nothing', () => {
    expect(allowedHostNames([], '0.0.0.0')).toEqual(new Set(['localhost', '127.0.0.1', '::1']));
    expect(allowedHostNames(['', ' '], '::')).toEqual(new Set(['localhost', '127.0.0.1', '::1']));
  });

  it('adds a specific listening host and the configured names, normalised', () => {
    expect(allowedHostNames([' Regsweep.LAN ', 'box:3000'], '192.168.1.20')).toEqual(
      new Set(['localhost', '127.0.0.1', '::1', 'regsweep.lan', 'box', '192.168.1.20']),
    );
  });

  it('"*" allows any name', () => {
    expect(allowedHostNames(['a', '*'])).toBe('any');
  });

  it('reads REGSWEEP_ALLOWED_HOSTS when the app options set none', () => {
    const options = resolveSecurityOptions({ dbPath: ':memory:' }, { REGSWEEP_ALLOWED_HOSTS: 'a.lan,b.lan' });
    expect(options.allowedHosts).toEqual(new Set(['localhost', '127.0.0.1', '::1', 'a.lan', 'b.lan']));
  });
});
