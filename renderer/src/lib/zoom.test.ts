import { describe, expect, it } from 'vitest';
import { MIN_ZOOM_SECONDS, zoomSpan, zoomWindow } from './zoom';

describe('zoomSpan', () => {
  it('takes the dragged times in either order, in whole seconds around them', () => {
    expect(zoomSpan(1_000_600_000, 1_000_000_400)).toEqual({ start: 1_000_000, end: 1_000_600 });
  });
  it('widens a tiny drag to the smallest span worth querying, around its middle', () => {
    const s = zoomSpan(1_000_000_000, 1_000_002_000);
    expect(s.end - s.start).toBe(MIN_ZOOM_SECONDS);
    expect(s.start).toBeLessThanOrEqual(1_000_000);
    expect(s.end).toBeGreaterThanOrEqual(1_000_002);
  });
});

describe('zoomWindow', () => {
  it('queries the zoomed span at a finer step than the whole range had', () => {
    const w = zoomWindow({ start: 1_000_000, end: 1_000_300 }, 1);
    expect(w).toEqual({ start: 1_000_000, end: 1_000_300, step: 2 });
  });
  it('never steps finer than the scrape interval, and keeps a chosen resolution', () => {
    expect(zoomWindow({ start: 1000, end: 1060 }, 15).step).toBe(15);
    expect(zoomWindow({ start: 1000, end: 1060 }, 15, 30)).toEqual({
      start: 990,
      end: 1060,
      step: 30,
    });
  });
});
