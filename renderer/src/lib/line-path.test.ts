import { describe, expect, it } from 'vitest';
import { linearMap, linePath } from './line-path';

const identity = linearMap(0, 1, 0, 1);

describe('linearMap', () => {
  it('maps one range onto another, flipped when asked', () => {
    const m = linearMap(0, 10, 100, 0);
    expect(m.scale * 0 + m.offset).toBe(100);
    expect(m.scale * 10 + m.offset).toBe(0);
    expect(m.scale * 5 + m.offset).toBe(50);
  });
  it('maps an empty range to its start', () => {
    expect(linearMap(3, 3, 7, 9)).toEqual({ scale: 0, offset: 7 });
  });
});

describe('linePath', () => {
  it('writes rounded integer coordinates, negative ones too', () => {
    expect(linePath([0, 10.4, 20.6], [1, -2.5, 3], identity)).toBe('M0,1L10,-2L21,3');
  });

  it('breaks the line at a gap and starts again after it', () => {
    const nan = Number.NaN;
    expect(linePath([0, 1, 2, 3, 4], [1, 2, nan, 3, 4], identity)).toBe('M0,1L1,2M3,3L4,4');
  });

  it('draws a lone point between gaps as a short dash', () => {
    const nan = Number.NaN;
    expect(linePath([0, 1, 2], [nan, 5, nan], identity, undefined, 3)).toBe('M1,5h3');
    expect(linePath([7], [5], identity)).toBe('M7,5h1');
  });

  it('skips a point that rounds onto the previous one', () => {
    expect(linePath([0, 0.2, 1], [1, 1.1, 1], identity)).toBe('M0,1L1,1');
  });

  it('draws only the given indices', () => {
    expect(linePath([0, 1, 2, 3], [0, 9, 9, 0], identity, [0, 3])).toBe('M0,0L3,0');
  });

  it('applies the value map', () => {
    expect(linePath([0, 100], [0, 1], linearMap(0, 1, 50, 10))).toBe('M0,50L100,10');
  });

  it('gives an empty path for no values', () => {
    expect(linePath([], [], identity)).toBe('');
    expect(linePath([0, 1], [Number.NaN, Number.NaN], identity)).toBe('');
  });

  it('writes long paths past the initial buffer', () => {
    const n = 20_000;
    const xs = Array.from({ length: n }, (_, i) => i * 10);
    const d = linePath(xs, new Float64Array(n).fill(1), identity);
    expect(d.startsWith('M0,1L10,1')).toBe(true);
    expect(d.endsWith(`L${(n - 1) * 10},1`)).toBe(true);
  });
});
