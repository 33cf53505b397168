import { describe, expect, it } from 'vitest';
import { rangeResult, type InstantQueryResult } from '../../../shared/api';
import { EXPLORE_MAX_SERIES, shownTable, tableSize } from './explore-result';

const vector = (n: number): InstantQueryResult => ({
  resultType: 'vector',
  result: Array.from({ length: n }, (_, i) => ({ metric: { i: String(i) }, value: [1, '1'] })),
});

describe('what Explore shows of a large result', () => {
  it('lists the first 500 series of a larger answer and knows how many there were', () => {
    const all = vector(EXPLORE_MAX_SERIES + 37);
    const shown = shownTable(all);
    expect(tableSize(shown)).toBe(EXPLORE_MAX_SERIES);
    expect(tableSize(all) - tableSize(shown)).toBe(37);
    expect(shown?.resultType === 'vector' && shown.result[0]?.metric.i).toBe('0');
  });
  it('cuts a matrix by series, keeping its time axis', () => {
    const m = rangeResult(
      [1000, 2000],
      Array.from({ length: 3 }, () => ({ metric: {}, values: [1, null] })),
    );
    const shown = shownTable(m, 2);
    expect(shown).toEqual({ ...m, series: m.series.slice(0, 2) });
  });
  it('leaves a small answer, a scalar and a string whole', () => {
    expect(shownTable(vector(3))).toEqual(vector(3));
    const scalar: InstantQueryResult = { resultType: 'scalar', result: [1, '2'] };
    expect(shownTable(scalar)).toBe(scalar);
    expect(tableSize(scalar)).toBe(1);
    expect(tableSize(null)).toBe(0);
  });
});
