import { describe, expect, it } from 'vitest';
import { rangeResult } from '../../../shared/api';
import { nearestIndex, valueDomain } from './chart-axes';
import { rangeResultToChartData } from './prom-rows';

/** Series given as [time, value] pairs; every series here has a value at every time. */
const chart = (series: [number, number][][]) =>
  rangeResultToChartData(
    rangeResult(
      (series[0] ?? []).map(([t]) => t * 1000),
      series.map((pairs) => ({ metric: {}, values: pairs.map(([, v]) => v) })),
    ),
    'x',
  );

describe('valueDomain', () => {
  const data = chart([
    [
      [1, 2],
      [2, 5],
    ],
    [
      [1, 40],
      [2, -1],
    ],
  ]);
  it('runs from 0 (or below) to the highest shown value', () => {
    expect(valueDomain(data, new Set())).toEqual([-1, 40]);
  });
  it('leaves hidden series out, so the others fill the chart', () => {
    expect(valueDomain(data, new Set(['s1']))).toEqual([0, 5]);
  });
  it('is [0, 1] with nothing to show', () => {
    expect(valueDomain(data, new Set(['s0', 's1']))).toEqual([0, 1]);
    expect(valueDomain(chart([[[1, 0]]]), new Set())).toEqual([0, 1]);
  });
});

describe('nearestIndex', () => {
  const times = [0, 10, 20, 30];
  it('finds the closest time, either side', () => {
    expect(nearestIndex(times, 14)).toBe(1);
    expect(nearestIndex(times, 16)).toBe(2);
    expect(nearestIndex(times, -5)).toBe(0);
    expect(nearestIndex(times, 99)).toBe(3);
  });
  it('has no answer without times', () => {
    expect(nearestIndex([], 1)).toBeNull();
    expect(nearestIndex(times, Number.NaN)).toBeNull();
  });
});
