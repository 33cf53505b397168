import { describe, expect, it } from 'vitest';
import {
  chooseStep,
  formatInterval,
  MAX_POINTS,
  queryWindow,
  windowEndingNow,
  rangeChoices,
  refreshChoices,
  shownSpan,
  timeTicks,
} from './time-range';

describe('chooseStep', () => {
  it('keeps a range query at or under ~250 points', () => {
    for (const minutes of [5, 15, 30, 60, 180, 360, 1440]) {
      const step = chooseStep(minutes * 60, 1);
      expect((minutes * 60) / step).toBeLessThanOrEqual(MAX_POINTS);
    }
  });

  it('never goes below the scrape interval', () => {
    expect(chooseStep(5 * 60, 15)).toBe(15);
    expect(chooseStep(30 * 60, 15)).toBe(15);
    expect(chooseStep(30 * 60, 2)).toBe(10);
    expect(chooseStep(6 * 3600, 15)).toBe(120);
    expect(chooseStep(60, 45)).toBe(45);
  });
});

describe('queryWindow', () => {
  it('ends now and starts one range earlier, aligned to the step', () => {
    const w = queryWindow(1_000_007_500, 30, 15);
    expect(w.step).toBe(15);
    expect(w.end).toBe(1_000_007);
    expect(w.start % 15).toBe(0);
    expect(w.end - w.start).toBeGreaterThanOrEqual(1800);
    expect(w.end - w.start).toBeLessThan(1800 + 15);
  });
});

describe('windowEndingNow', () => {
  it('is evaluated at now itself, where queryWindow may stop up to a step before', () => {
    const now = 1_000_007_500; // 1,000,007 s: not a multiple of the 10 s step
    const aligned = queryWindow(now, 30, 1);
    const w = windowEndingNow(now, 30, 1);
    expect(w.step).toBe(aligned.step);
    expect(w.end).toBe(1_000_007);
    // Prometheus evaluates at start, start + step, … ≤ end: the last instant is end itself.
    expect((w.end - w.start) % w.step).toBe(0);
    expect(w.end - w.start).toBeGreaterThanOrEqual(1800);
    expect(w.end - w.start).toBeLessThan(1800 + w.step);
    // The aligned window's last instant is before now: a series that began since is not drawn.
    const lastAligned =
      aligned.start + Math.floor((aligned.end - aligned.start) / aligned.step) * aligned.step;
    expect(lastAligned).toBeLessThan(aligned.end);
  });
});

describe('refreshChoices', () => {
  it('offers nothing faster than the scrape interval', () => {
    const { options, initial } = refreshChoices(15, 10);
    expect(Math.min(...options)).toBe(15);
    expect(initial).toBe(15);
  });

  it('keeps the preferred interval when it is allowed', () => {
    const { options, initial } = refreshChoices(5, 10);
    expect(initial).toBe(10);
    expect(options).toEqual([5, 10, 15, 30, 60, 120, 300]);
  });

  it('includes an odd scrape interval and preference as choices', () => {
    const { options, initial } = refreshChoices(7, 45);
    expect(options[0]).toBe(7);
    expect(options).toContain(45);
    expect(initial).toBe(45);
  });

  it('labels intervals', () => {
    expect(formatInterval(10)).toBe('10 s');
    expect(formatInterval(60)).toBe('1 min');
    expect(formatInterval(90)).toBe('90 s');
  });
});

describe('timeTicks', () => {
  const minute = 60_000;
  it('puts at most six ticks at round minutes across the range', () => {
    const start = Date.UTC(2026, 0, 17, 12, 3, 20);
    const { ticks, withSeconds } = timeTicks(start, start + 30 * minute, 6, 0);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks[0]).toBe(Date.UTC(2026, 0, 17, 12, 5));
    expect(ticks.every((t) => t % (5 * minute) === 0)).toBe(true);
    expect(withSeconds).toBe(false);
  });

  it('rounds to local time in a half-hour zone', () => {
    const start = Date.UTC(2026, 0, 17, 12, 0);
    // UTC+5:30: local 17:30 is a round hour-and-a-half; hourly ticks fall at UTC :30.
    const { ticks } = timeTicks(start, start + 6 * 60 * minute, 6, -330);
    expect(ticks.every((t) => (t / minute) % 60 === 30)).toBe(true);
  });

  it('uses seconds for short ranges', () => {
    const start = Date.UTC(2026, 0, 17, 12, 0, 5);
    const { ticks, withSeconds } = timeTicks(start, start + 60_000, 6, 0);
    expect(withSeconds).toBe(true);
    expect(ticks[0]).toBe(Date.UTC(2026, 0, 17, 12, 0, 10));
  });
});

describe('rangeChoices', () => {
  it('offers the six ranges and adds a configured one that is not among them', () => {
    expect(rangeChoices(30).map((r) => r.minutes)).toEqual([5, 15, 30, 60, 180, 360]);
    const withDay = rangeChoices(1440);
    expect(withDay.at(-1)).toEqual({ minutes: 1440, label: 'Last 24 hours' });
    expect(rangeChoices(45).map((r) => r.minutes)).toEqual([5, 15, 30, 45, 60, 180, 360]);
  });
});

describe('shownSpan', () => {
  const window = { start: 1_195, end: 3_000, step: 5 }; // start aligned below end − 30 min

  it('shows the given span ending at the window end, whatever the aligned start', () => {
    expect(shownSpan(window, 1_800)).toEqual([1_200_000, 3_000_000]);
  });

  it('shows the whole window without a span', () => {
    expect(shownSpan(window)).toEqual([1_195_000, 3_000_000]);
  });
});
