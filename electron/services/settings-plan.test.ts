import { describe, expect, it } from 'vitest';
import { addressesOverlap } from './settings-plan';

describe('addressesOverlap', () => {
  it('never overlaps on different ports', () => {
    expect(addressesOverlap({ host: '0.0.0.0', port: 1 }, { host: '0.0.0.0', port: 2 })).toBe(
      false,
    );
  });

  it('overlaps on the same host, or when either takes every address', () => {
    expect(addressesOverlap({ host: '10.0.0.1', port: 9 }, { host: '10.0.0.1', port: 9 })).toBe(
      true,
    );
    for (const wildcard of ['0.0.0.0', '::', '']) {
      expect(addressesOverlap({ host: wildcard, port: 9 }, { host: '10.0.0.1', port: 9 })).toBe(
        true,
      );
      expect(addressesOverlap({ host: '10.0.0.1', port: 9 }, { host: wildcard, port: 9 })).toBe(
        true,
      );
    }
  });

  it('takes localhost and 127.0.0.1 for one address, and two other hosts for two', () => {
    expect(addressesOverlap({ host: 'localhost', port: 9 }, { host: '127.0.0.1', port: 9 })).toBe(
      true,
    );
    expect(addressesOverlap({ host: '10.0.0.1', port: 9 }, { host: '10.0.0.2', port: 9 })).toBe(
      false,
    );
  });
});
