import { describe, expect, it } from 'vitest';
import { rangeResult, type RangeQueryResult } from '../../../shared/api';
import { boundaryLabel, cellIndex, rowLabel } from './heatmap-labels';
import { drawHeatmap, heatmapData, type HeatmapContext } from './heatmap-cells';
import {
  bandFloor,
  bucketRates,
  colorBand,
  HEATMAP_COLORS,
  parseBound,
  rowPosition,
} from './heatmap';

/** The app's buckets (DURATION_BUCKETS) and +Inf, as `sum by (le)` labels them. */
const APP_LE = [
  '0.005',
  '0.01',
  '0.025',
  '0.05',
  '0.1',
  '0.25',
  '0.5',
  '1',
  '2.5',
  '5',
  '10',
  '+Inf',
];

function buckets(times: number[], byLe: Record<string, (number | null)[]>): RangeQueryResult {
  return rangeResult(
    times,
    Object.entries(byLe).map(([le, values]) => ({ metric: { le }, values })),
  );
}

const cellsOf = (r: ReturnType<typeof bucketRates>): number[][] =>
  r.cells.map((c) => Array.from(c));

describe('bucketRates (cumulative buckets → requests/s per bucket)', () => {
  it('de-cumulates the app’s buckets into twelve rows, +Inf on top as "slower than 10 s"', () => {
    const cumulative = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const byLe = Object.fromEntries(APP_LE.map((le, i) => [le, [cumulative[i] ?? 0]]));
    // Prometheus answers in label order, not bound order: the rows must still ascend.
    const shuffled = Object.fromEntries(Object.entries(byLe).reverse());
    const r = bucketRates(buckets([1000], shuffled));
    expect(r.rows).toHaveLength(12);
    expect(r.rows[0]).toEqual({ lo: 0, hi: 0.005 });
    expect(r.rows[10]).toEqual({ lo: 5, hi: 10 });
    expect(r.rows[11]).toEqual({ lo: 10, hi: Number.POSITIVE_INFINITY });
    expect(cellsOf(r)).toEqual(cumulative.map(() => [1]));
    expect(r.max).toBe(1);
    expect(r.hasValues).toBe(true);
  });

  it('widens the bucket above one missing from the whole result instead of inventing it', () => {
    const r = bucketRates(buckets([1000], { '0.1': [2], '0.5': [5], '+Inf': [6] }));
    expect(r.rows).toEqual([
      { lo: 0, hi: 0.1 },
      { lo: 0.1, hi: 0.5 },
      { lo: 0.5, hi: Number.POSITIVE_INFINITY },
    ]);
    expect(cellsOf(r)).toEqual([[2], [3], [1]]);
  });

  it('clamps a bucket that reads below the one under it to 0 and counts it', () => {
    // 0.25 was scraped a moment before 0.1 moved on: cumulative 5, then 4, then 7.
    const r = bucketRates(buckets([1000], { '0.1': [5], '0.25': [4], '+Inf': [7] }));
    expect(cellsOf(r)).toEqual([[5], [0], [2]]);
    expect(r.clamped).toBe(1);
  });

  it('leaves the cells of a bucket without a value (null, NaN) and the one above unknown', () => {
    const r = bucketRates(
      buckets([1000, 2000], { '0.1': [1, 1], '0.5': [null, NaN], '1': [4, 4], '+Inf': [5, 6] }),
    );
    expect(cellsOf(r)).toEqual([
      [1, 1],
      [NaN, NaN],
      [NaN, NaN],
      [1, 2],
    ]);
    expect(r.clamped).toBe(0);
  });

  it('draws a histogram that appears mid-range from its first sample on, gaps before', () => {
    const r = bucketRates(
      buckets([1000, 2000, 3000], { '0.1': [null, 1, 2], '+Inf': [null, 3, 3] }),
    );
    expect(cellsOf(r)).toEqual([
      [NaN, 1, 2],
      [NaN, 2, 1],
    ]);
  });

  it('adds series with the same bound (a query without sum by (le)) and skips a bad le', () => {
    const result = rangeResult(
      [1000],
      [
        { metric: { le: '0.1', route: '/a' }, values: [1] },
        { metric: { le: '0.1', route: '/b' }, values: [2] },
        { metric: { le: 'fast' }, values: [100] },
        { metric: {}, values: [100] },
        { metric: { le: '+Inf', route: '/a' }, values: [4] },
      ],
    );
    const r = bucketRates(result);
    expect(r.rows.map((row) => row.hi)).toEqual([0.1, Number.POSITIVE_INFINITY]);
    expect(cellsOf(r)).toEqual([[3], [1]]);
  });

  it('has no values when every sample is a gap', () => {
    const r = bucketRates(buckets([1000], { '0.1': [NaN], '+Inf': [null] }));
    expect(r.hasValues).toBe(false);
    expect(r.max).toBe(0);
  });
});

describe('parseBound', () => {
  it('reads Prometheus le values', () => {
    expect(parseBound('+Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parseBound('0.005')).toBe(0.005);
    expect(parseBound('1e-3')).toBe(0.001);
    expect(parseBound('')).toBeNull();
    expect(parseBound(undefined)).toBeNull();
  });
});

describe('rowPosition (the quantile line on the bucket rows)', () => {
  const rows = bucketRates(buckets([0], { '0.1': [0], '0.5': [0], '+Inf': [0] })).rows;
  it('is linear inside a bucket, as histogram_quantile assumes', () => {
    expect(rowPosition(rows, 0.05)).toBeCloseTo(0.5);
    expect(rowPosition(rows, 0.1)).toBeCloseTo(1);
    expect(rowPosition(rows, 0.3)).toBeCloseTo(1.5);
  });
  it('puts a latency past the largest finite bound on top of its row, and a gap for NaN/+Inf', () => {
    expect(rowPosition(rows, 3)).toBe(2);
    expect(rowPosition(rows, Number.NaN)).toBeNaN();
    expect(rowPosition(rows, Number.POSITIVE_INFINITY)).toBeNaN();
    expect(rowPosition([], 1)).toBeNaN();
  });
});

describe('colour scale', () => {
  it('draws nothing for 0 or unknown, the brightest band for the largest cell', () => {
    expect(colorBand(0, 10)).toBe(-1);
    expect(colorBand(Number.NaN, 10)).toBe(-1);
    expect(colorBand(10, 10)).toBe(HEATMAP_COLORS.length - 1);
    expect(colorBand(5, 0)).toBe(-1);
  });
  it('is a square-root scale: 1 % of the peak is already past the first band', () => {
    expect(colorBand(0.0001, 1)).toBe(0);
    expect(colorBand(0.01, 1)).toBe(0);
    expect(colorBand(0.25, 1)).toBe(Math.floor(0.5 * HEATMAP_COLORS.length));
  });
  it('gives each band a floor that the band itself maps back to', () => {
    for (let b = 0; b < HEATMAP_COLORS.length; b++) {
      const floor = bandFloor(b, 40);
      if (floor > 0) expect(colorBand(floor * 1.0001, 40)).toBe(b);
    }
  });
});

describe('heatmapData (runs of cells, built once per result)', () => {
  it('merges neighbouring cells of one band in a row into one run, in time and rows', () => {
    const data = heatmapData(
      buckets([1000, 2000, 3000], { '0.1': [4, 4, 4], '+Inf': [4, 4, 8] }),
      null,
      1000,
      'p95',
    );
    const top = HEATMAP_COLORS.length - 1;
    // Row 0 (≤ 0.1 s) is one run of three equally hot cells, from one step before the first.
    expect(data.runs[top]).toEqual(expect.arrayContaining([0, 0, 3000]));
    expect(data.runs[top]?.slice(0, 3)).toEqual([0, 0, 3000]);
    // Row 1 (+Inf) has requests in its last cell only.
    expect(data.runs.flat()).toEqual(expect.arrayContaining([1, 2000, 3000]));
    expect(data.runs.flat()).toHaveLength(6);
  });

  it('places the quantile on the rows it falls in; +Inf is a gap', () => {
    const q = rangeResult([1000, 2000], [{ metric: {}, values: [0.05, Infinity] }]);
    const data = heatmapData(
      buckets([1000, 2000], { '0.1': [1, 1], '+Inf': [2, 2] }),
      q,
      1000,
      'p95',
    );
    // 0.05 s is half way up row 0 (0 … 0.1 s).
    expect(data.quantileRows[0]).toBeCloseTo(0.5);
    expect(data.quantileRows[1]).toBeNaN();
    // …and the tooltip reads the line's value there as a gap, not "+Inf".
    expect(Array.from(data.quantile.values)).toEqual([0.05, NaN]);
    expect(data.quantile.label).toBe('p95');
  });
});

describe('drawHeatmap', () => {
  function recorder() {
    const calls: string[] = [];
    const ctx = {
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
      lineJoin: 'miter',
      fillRect: (x: number, y: number, w: number, h: number) =>
        calls.push(`${ctx.fillStyle as string} ${x},${y} ${w}x${h}`),
      beginPath: () => calls.push('begin'),
      moveTo: (x: number, y: number) => calls.push(`M${x},${y}`),
      lineTo: (x: number, y: number) => calls.push(`L${x},${y}`),
      arc: (x: number, y: number) => calls.push(`dot ${x},${y}`),
      stroke: () => calls.push('stroke'),
      fill: () => calls.push('fill'),
    } as unknown as HeatmapContext;
    return { ctx, calls };
  }

  it('fills each run on whole pixels in its colour, then strokes the quantile over them', () => {
    const q = rangeResult([2000, 3000], [{ metric: {}, values: [0.05, 0.05] }]);
    const data = heatmapData(
      buckets([1000, 2000, 3000], { '0.1': [4, 4, 4], '+Inf': [4, 4, 8] }),
      q,
      1000,
      'p95',
    );
    const { ctx, calls } = recorder();
    // 0.1 px per ms from t = 0; rows 20 px high, row 0's bottom at y = 40.
    drawHeatmap(ctx, data, { t0: 0, pxPerMs: 0.1, rowPx: 20, bottom: 40 });
    const top = HEATMAP_COLORS[HEATMAP_COLORS.length - 1] ?? '';
    expect(calls).toContain(`${top} 0,20 300x20`);
    expect(calls).toContain(`${top} 200,0 100x20`);
    // The line after the cells, through the middle of row 0 (y = 40 − 0.5 · 20).
    expect(calls.slice(-4)).toEqual(['begin', 'M200,30', 'L300,30', 'stroke']);
  });
});

describe('heatmap labels', () => {
  const rows = bucketRates(buckets([0], { '0.05': [0], '0.1': [0], '+Inf': [0] })).rows;
  it('labels the y axis at the bucket bounds and +Inf on top', () => {
    expect([0, 1, 2, 3].map((i) => boundaryLabel(rows, i))).toEqual([
      '0',
      '50 ms',
      '100 ms',
      '+Inf',
    ]);
  });
  it('names a bucket by its range, the +Inf one as slower than the largest bound', () => {
    expect(rowLabel({ lo: 0.05, hi: 0.1 })).toBe('50 ms – 100 ms');
    expect(rowLabel({ lo: 0, hi: 0.005 })).toBe('0 – 5 ms');
    expect(rowLabel({ lo: 10, hi: Number.POSITIVE_INFINITY })).toBe('> 10 s');
  });
  it('finds the cell under the mouse: each cell ends at its sample time', () => {
    const times = [1000, 2000, 3000];
    expect(cellIndex(times, 1000, 1500)).toBe(1);
    expect(cellIndex(times, 1000, 2000)).toBe(1);
    expect(cellIndex(times, 1000, 100)).toBe(0);
    expect(cellIndex(times, 1000, -1)).toBeNull();
    expect(cellIndex(times, 1000, 3500)).toBeNull();
  });
});
