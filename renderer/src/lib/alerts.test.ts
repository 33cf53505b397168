import { describe, expect, it } from 'vitest';
import { formatHeldSpan } from './alerts';

describe('the backtest caption', () => {
  it('says seconds when Prometheus holds only seconds of data, not "1 min"', () => {
    expect(formatHeldSpan(40)).toBe('40 s');
    expect(formatHeldSpan(0.2)).toBe('1 s');
  });

  it('says minutes under an hour and hours above', () => {
    expect(formatHeldSpan(60)).toBe('1 min');
    expect(formatHeldSpan(12 * 60 + 10)).toBe('12 min');
    expect(formatHeldSpan(5.5 * 3600)).toBe('5.5 h');
  });
});
