import { describe, expect, it } from 'vitest';
import { barLength, barSlots, shorten, stepRow } from './bar-parts';

describe('the bar panel keys (stepRow)', () => {
  it('steps down and up within the bars, and starts at the top from no choice', () => {
    expect(stepRow('ArrowDown', null, 5)).toBe(0);
    expect(stepRow('ArrowDown', 2, 5)).toBe(3);
    expect(stepRow('ArrowDown', 5, 5)).toBe(5);
    expect(stepRow('ArrowUp', null, 5)).toBe(0);
    expect(stepRow('ArrowUp', 0, 5)).toBe(0);
    expect(stepRow('ArrowUp', 3, 5)).toBe(2);
  });
  it('goes to the ends with Home and End, puts the choice away with Escape, ignores other keys', () => {
    expect(stepRow('Home', 3, 5)).toBe(0);
    expect(stepRow('End', 0, 5)).toBe(5);
    expect(stepRow('Escape', 3, 5)).toBeNull();
    expect(stepRow('a', 3, 5)).toBeUndefined();
    expect(stepRow('Tab', null, 5)).toBeUndefined();
  });
});

describe('a route name on the bar axis (shorten)', () => {
  it('keeps a name of up to 28 characters and ends a longer one with its last 27', () => {
    expect(shorten('/api/runs/:id')).toBe('/api/runs/:id');
    const long = '/api/very/long/route/name/that/goes/on';
    expect(shorten(long)).toBe(`…${long.slice(-27)}`);
    expect(shorten(long)).toHaveLength(28);
  });
});

describe('the bars as slots (barSlots, barLength)', () => {
  it('gives one slot per bar from the top, each as long as the value axis (its fraction 1)', () => {
    expect(barSlots(3)).toEqual([
      { slot: 0, full: 1 },
      { slot: 1, full: 1 },
      { slot: 2, full: 1 },
    ]);
    expect(barSlots(0)).toEqual([]);
  });
  it("draws a value's share of the axis up to its top, nothing for zero, missing or negative values", () => {
    expect(barLength(400, 15, 20)).toBe(300);
    expect(barLength(400, 20, 20)).toBe(400);
    expect(barLength(400, 25, 20)).toBe(400);
    expect(barLength(400, 0, 20)).toBe(0);
    expect(barLength(400, -3, 20)).toBe(0);
    expect(barLength(400, undefined, 20)).toBe(0);
    expect(barLength(400, Number.NaN, 20)).toBe(0);
    expect(barLength(400, 5, 0)).toBe(0);
  });
});
