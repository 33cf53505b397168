import { describe, expect, it } from 'vitest';
import { isHostError, isSharedQueryError } from './errors';

describe('error kinds', () => {
  it('tells host failures from Prometheus failures', () => {
    expect(isHostError({ code: 'host-unreachable', message: 'x' })).toBe(true);
    expect(isHostError({ code: 'session-expired', message: 'x' })).toBe(true);
    expect(isHostError({ code: 'prometheus-unreachable', message: 'x' })).toBe(false);
    expect(isHostError(null)).toBe(false);
    expect(isSharedQueryError({ code: 'prometheus-unreachable', message: 'x' })).toBe(true);
    expect(isSharedQueryError({ code: 'prometheus-bad-query', message: 'x' })).toBe(false);
  });
});
