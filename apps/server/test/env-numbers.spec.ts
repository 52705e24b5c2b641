import { leaseSecondsFromEnv } from '../src/database/sweep-leases';
import { positiveFromEnv, wholeFromEnv } from '../src/common/env-numbers';

describe('numbers from the environment', () => {
  it('leaves an unset or empty variable to the default, and refuses what does not parse, naming the variable', () => {
    expect(positiveFromEnv({}, 'X')).toBeUndefined();
    expect(positiveFromEnv({ X: '' }, 'X')).toBeUndefined();
    expect(positiveFromEnv({ X: '0.5' }, 'X')).toBe(0.5);
    for (const bad of ['0', '-1', 'soon', 'Infinity'])
      expect(() => positiveFromEnv({ X: bad }, 'X')).toThrow(`X must be a positive number, got "${bad}"`);
    expect(wholeFromEnv({ X: '4' }, 'X')).toBe(4);
    expect(() => wholeFromEnv({ X: '1.5' }, 'X')).toThrow('X must be a whole number, got "1.5"');
  });

  it('gives a sweep lease REGSWEEP_LEASE_SECONDS, else 30 s', () => {
    expect(leaseSecondsFromEnv({})).toBe(30);
    expect(leaseSecondsFromEnv({ REGSWEEP_LEASE_SECONDS: '' })).toBe(30);
    expect(leaseSecondsFromEnv({ REGSWEEP_LEASE_SECONDS: '2.5' })).toBe(2.5);
    expect(() => leaseSecondsFromEnv({ REGSWEEP_LEASE_SECONDS: '-3' })).toThrow(
      'REGSWEEP_LEASE_SECONDS must be a positive number, got "-3"',
    );
  });
});
