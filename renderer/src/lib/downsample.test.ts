import { describe, expect, it } from 'vitest';
import { m4Indices, pointsToDraw } from './downsample';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('m4Indices', () => {
  it('keeps every point when each pixel column has at most one', () => {
    expect(m4Indices([0, 1, 2, 3], [5, 1, 4, 2])).toEqual([0, 1, 2, 3]);
  });

  it('keeps the first, lowest, highest and last point of a crowded column, in order', () => {
    // Ten points in one column: a spike (9) and a dip (-3) in the middle must survive.
    const xs = range(10).map((i) => i / 10);
    const ys = [1, 2, 9, 2, 1, -3, 1, 2, 1, 4];
    expect(m4Indices(xs, ys)).toEqual([0, 2, 5, 9]);
  });

  it('does not repeat a point that is both the first and the lowest', () => {
    expect(m4Indices([0, 0.2, 0.4], [0, 5, 3])).toEqual([0, 1, 2]);
  });

  it('keeps a gap as one NaN between drawn runs, and drops leading and trailing gaps', () => {
    const ys = [Number.NaN, 1, 2, Number.NaN, Number.NaN, 3, Number.NaN];
    expect(m4Indices(range(7), ys)).toEqual([1, 2, 3, 5]);
  });

  it('groups by columns of the given width', () => {
    const xs = range(8);
    const ys = [0, 1, 0, 1, 0, 1, 0, 1];
    // Columns of 4 px: [0..3] and [4..7]; each keeps first, min, max, last.
    expect(m4Indices(xs, ys, 4)).toEqual([0, 1, 3, 4, 5, 7]);
  });
});

describe('pointsToDraw', () => {
  it('leaves data no denser than two points per column alone', () => {
    const xs = range(360).map((i) => i * 1.2);
    expect(pointsToDraw(xs, xs.map(Math.sin))).toBeUndefined();
  });

  it('reduces dense data to at most four points per column, keeping the extremes', () => {
    const n = 10_000;
    const xs = range(n).map((i) => (i / n) * 100);
    const ys = range(n).map((i) => (i === 5_000 ? 1_000 : Math.sin(i)));
    const kept = pointsToDraw(xs, ys) ?? [];
    expect(kept.length).toBeLessThanOrEqual(4 * 101);
    expect(kept).toContain(5_000);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(n - 1);
  });
});
