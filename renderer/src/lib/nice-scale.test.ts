import { describe, expect, it } from 'vitest';
import { niceScale, niceTicks } from './nice-scale';

const ticksOf = (lo: number, hi: number): number[] => {
  const { domain, step } = niceScale(lo, hi);
  return niceTicks(domain[0], domain[1], step);
};

describe('niceScale', () => {
  it('rounds a range out to round steps', () => {
    expect(ticksOf(0, 18.9)).toEqual([0, 5, 10, 15, 20]);
    expect(ticksOf(0, 0.028)).toEqual([0, 0.01, 0.02, 0.03]);
    expect(ticksOf(0, 1234)).toEqual([0, 500, 1000, 1500]);
  });

  it('includes negative values', () => {
    expect(ticksOf(-3, 7)).toEqual([-4, -2, 0, 2, 4, 6, 8]);
  });

  it('labels without float noise', () => {
    expect(ticksOf(0, 0.3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('gives an empty or broken range a unit scale', () => {
    expect(niceScale(0, 0).domain).toEqual([0, 1]);
    expect(niceScale(Number.NaN, 1).domain).toEqual([0, 1]);
  });
});
