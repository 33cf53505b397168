import { describe, expect, it } from 'vitest';
import {
  formatByStatus,
  formatClock,
  formatElapsedMs,
  formatNumber,
  formatLocalDateTime,
  formatRelativeTime,
  formatScrapeDuration,
  formatSeconds,
  formatShort,
  formatUnit,
} from './format';

describe('formatUnit', () => {
  it('shows request rates as req/s', () => {
    expect(formatUnit(12.34, 'reqps')).toBe('12.3 req/s');
    expect(formatUnit(0.05, 'reqps')).toBe('0.05 req/s');
    expect(formatUnit(0, 'reqps')).toBe('0 req/s');
    expect(formatUnit(1500, 'reqps')).toBe('1.5k req/s');
  });

  it('shows a ratio as a percentage with a space', () => {
    expect(formatUnit(0.042, 'percentunit')).toBe('4.2 %');
    expect(formatUnit(1, 'percentunit')).toBe('100 %');
    expect(formatUnit(0.0005, 'percentunit')).toBe('0.05 %');
  });

  it('shows sub-second latencies in ms and larger ones in s', () => {
    expect(formatUnit(0.0031, 'seconds')).toBe('3.1 ms');
    expect(formatUnit(0.25, 'seconds')).toBe('250 ms');
    expect(formatUnit(2.5, 'seconds')).toBe('2.5 s');
    expect(formatUnit(0.0000042, 'seconds')).toBe('4.2 µs');
  });

  it('shows counts short', () => {
    expect(formatUnit(3, 'short')).toBe('3');
    expect(formatUnit(1234, 'short')).toBe('1.23k');
    expect(formatUnit(2_500_000, 'short')).toBe('2.5M');
  });

  it('renders missing values as a dash and infinities by name', () => {
    expect(formatUnit(null, 'reqps')).toBe('–');
    expect(formatUnit(Number.NaN, 'seconds')).toBe('–');
    expect(formatUnit(Number.POSITIVE_INFINITY, 'seconds')).toBe('+Inf');
  });
});

describe('formatNumber / formatShort / formatSeconds', () => {
  it('drops trailing zeros', () => {
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(12.04)).toBe('12');
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatNumber(-3.25)).toBe('-3.3');
  });
  it('scales large numbers', () => {
    expect(formatShort(999)).toBe('999');
    expect(formatShort(1000)).toBe('1k');
    expect(formatShort(123456)).toBe('123k');
  });
  it('uses minutes beyond a minute', () => {
    expect(formatSeconds(150)).toBe('2.5 min');
    expect(formatSeconds(0)).toBe('0 s');
  });
});

describe('formatLocalDateTime', () => {
  it("writes what Date's toLocaleString() writes", () => {
    const t = Date.UTC(2026, 11, 2, 0, 2, 26);
    expect(formatLocalDateTime(t)).toBe(new Date(t).toLocaleString());
    expect(formatLocalDateTime(new Date(t).toISOString())).toBe(new Date(t).toLocaleString());
  });

  it('is empty for what is not a time', () => {
    expect(formatLocalDateTime('not a time')).toBe('');
  });
});

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-01-17T12:00:00Z');
  it('says how long ago', () => {
    expect(formatRelativeTime('2026-01-17T11:59:48Z', now)).toBe('12 s ago');
    expect(formatRelativeTime(now - 500, now)).toBe('just now');
    expect(formatRelativeTime(now - 4 * 60_000, now)).toBe('4 min ago');
    expect(formatRelativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatRelativeTime(now - 3 * 86_400_000, now)).toBe('3 d ago');
  });
  it('says never for a target Prometheus has not scraped yet', () => {
    expect(formatRelativeTime('0001-01-01T00:00:00Z', now)).toBe('never');
    expect(formatRelativeTime('', now)).toBe('never');
    expect(formatRelativeTime(null, now)).toBe('never');
  });
  it('treats a time slightly in the future (clock skew) as just now', () => {
    expect(formatRelativeTime(now + 2000, now)).toBe('just now');
  });
});

describe('formatScrapeDuration / formatClock', () => {
  it('shows scrape durations in ms', () => {
    expect(formatScrapeDuration(0.0123)).toBe('12.3 ms');
    expect(formatScrapeDuration(0)).toBe('–');
  });
  it('formats clock times in local time', () => {
    const ms = new Date(2026, 0, 17, 9, 5, 7).getTime();
    expect(formatClock(ms)).toBe('09:05');
    expect(formatClock(ms, true)).toBe('09:05:07');
  });
});

describe('test traffic summary', () => {
  it('lists counts by status code and the elapsed time', () => {
    expect(formatByStatus({ '404': 5, '200': 45 })).toBe('200\u00a0×45 · 404\u00a0×5');
    expect(formatElapsedMs(340)).toBe('340 ms');
    expect(formatElapsedMs(2100)).toBe('2.1 s');
  });
});
