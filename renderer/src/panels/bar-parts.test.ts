import { describe, expect, it } from 'vitest';
import { shorten, stepRow } from './bar-parts';

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
