import { describe, expect, it } from 'vitest';
import { LIVE_SVG_SERIES_MAX_POINTS, seriesRenderer, SVG_SERIES_MAX_POINTS } from './density';
import { seriesRows } from './SvgSeries';
import { toggleHidden } from './useHiddenSeries';
import type { ChartData } from '../lib/prom-rows';

describe('seriesRenderer', () => {
  it('draws recharts Lines up to the threshold and the canvas above it', () => {
    expect(seriesRenderer(1, SVG_SERIES_MAX_POINTS)).toBe('svg');
    expect(seriesRenderer(1, SVG_SERIES_MAX_POINTS + 1)).toBe('canvas');
    expect(seriesRenderer(50, 360)).toBe('canvas');
    expect(seriesRenderer(8, 121)).toBe('canvas');
    expect(seriesRenderer(2, 121)).toBe('svg');
    expect(seriesRenderer(0, 1_000_000)).toBe('svg');
  });
  it('draws a live chart (a dashboard panel) on the canvas from its live threshold on', () => {
    expect(LIVE_SVG_SERIES_MAX_POINTS).toBeLessThan(SVG_SERIES_MAX_POINTS);
    expect(seriesRenderer(1, 121, true)).toBe('canvas');
    expect(seriesRenderer(1, LIVE_SVG_SERIES_MAX_POINTS + 1, true)).toBe('canvas');
    expect(seriesRenderer(1, 121, false)).toBe('svg');
  });
});

describe('seriesRows', () => {
  it('makes one row a time (the fraction of the span), values as the fraction of the value axis, a gap (NaN, ±Inf) as null so recharts breaks the line', () => {
    const data = {
      series: [],
      times: Float64Array.from([1000, 2000, 3000]),
      columns: [Float64Array.from([1, Number.NaN, 3]), Float64Array.from([Infinity, 5, 6])],
    } as unknown as ChartData;
    expect(seriesRows(data, [1000, 5000], [-2, 8])).toEqual([
      { t: 0, 0: 0.3, 1: null },
      { t: 0.25, 0: null, 1: 0.7 },
      { t: 0.5, 0: 0.5, 1: 0.8 },
    ]);
  });
});

describe('toggleHidden', () => {
  const all = ['a', 'b', 'c'];
  it('hides and shows one series', () => {
    const hidden = toggleHidden(new Set(), 'b', false, all);
    expect([...hidden]).toEqual(['b']);
    expect([...toggleHidden(hidden, 'b', false, all)]).toEqual([]);
  });
  it('isolates one series, and isolating the only shown one shows all again', () => {
    const isolated = toggleHidden(new Set(), 'a', true, all);
    expect([...isolated].sort()).toEqual(['b', 'c']);
    expect([...toggleHidden(isolated, 'a', true, all)]).toEqual([]);
  });
});
