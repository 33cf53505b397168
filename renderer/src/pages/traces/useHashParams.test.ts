import { describe, expect, it } from 'vitest';
import { hashParam, traceIdOfHash } from './useHashParams';

describe('trace and log deep links', () => {
  it('reads a trace id from #/traces/<id> and nothing else', () => {
    const id = 'AB'.repeat(16);
    expect(traceIdOfHash(`#/traces/${id}`)).toBe(id.toLowerCase());
    expect(traceIdOfHash('#/traces')).toBeNull();
    expect(traceIdOfHash('#/traces/nothex')).toBeNull();
    expect(traceIdOfHash(`#/logs/${id}`)).toBeNull();
  });

  it('reads a parameter of the hash', () => {
    expect(hashParam('#/logs?trace=abc&x=1', 'trace')).toBe('abc');
    expect(hashParam('#/logs', 'trace')).toBeNull();
  });
});
