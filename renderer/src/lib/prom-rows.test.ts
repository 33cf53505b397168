import { describe, expect, it } from 'vitest';
import { rangeResult, type RangeQueryResult } from '../../../shared/api';
import {
  formatSeriesSelector,
  hasPositiveValue,
  instantResultToBars,
  lastValues,
  rangeResultToChartData,
  renderLegend,
  type ChartData,
} from './prom-rows';

/** A column as plain numbers, gaps as null, for readable expectations. */
const column = (data: ChartData, i: number): (number | null)[] =>
  Array.from(data.columns[i] ?? [], (v) => (Number.isNaN(v) ? null : v));

/** A columnar range result as the core sends it: times in seconds here for readability. */
const matrix = (seconds: number[], series: (number | null)[][] = []): RangeQueryResult =>
  rangeResult(
    seconds.map((t) => t * 1000),
    series.map((values, i) => ({ metric: { route: `/r${i}` }, values })),
  );

describe('renderLegend', () => {
  it('fills {{label}} with the series label', () => {
    expect(renderLegend('{{route}}', { route: '/api/health' })).toBe('/api/health');
    expect(renderLegend('{{ method }} {{route}}', { route: '/x', method: 'GET' })).toBe('GET /x');
    expect(renderLegend('rps', { route: '/x' })).toBe('rps');
  });
  it('falls back to the series selector when the legend would be empty', () => {
    expect(renderLegend('{{route}}', { method: 'GET' })).toBe('{method="GET"}');
    expect(renderLegend('', { __name__: 'up', job: 'a' })).toBe('up{job="a"}');
    expect(formatSeriesSelector({})).toBe('{}');
  });
});

describe('rangeResultToChartData', () => {
  it('names series by the legend and keeps gaps (null) as NaN', () => {
    const data = rangeResultToChartData(
      matrix(
        [100, 115, 130],
        [
          [1, 2, null],
          [null, 3, 4],
        ],
      ),
      '{{route}}',
    );
    expect(data.series.map((s) => [s.key, s.name])).toEqual([
      ['s0', '/r0'],
      ['s1', '/r1'],
    ]);
    expect(Array.from(data.times)).toEqual([100_000, 115_000, 130_000]);
    expect(column(data, 0)).toEqual([1, 2, null]);
    expect(column(data, 1)).toEqual([null, 3, 4]);
    expect(data.seriesMax).toEqual([2, 4]);
    expect(data.seriesMin).toEqual([1, 3]);
    expect(data.hasValues).toBe(true);
  });

  it('turns NaN and ±Inf into gaps and counts the infinities', () => {
    const data = rangeResultToChartData(
      matrix([1, 2, 3, 4], [[NaN, Infinity, -Infinity, 0.5]]),
      'p95',
    );
    expect(column(data, 0)).toEqual([null, null, null, 0.5]);
    expect(data.infinite).toBe(2);
  });

  it("draws from the core's own arrays, copying only to blank out ±Inf (the result is left as it came)", () => {
    const finite = matrix([1, 2], [[1, 2]]);
    expect(rangeResultToChartData(finite, 'x').columns[0]).toBe(finite.series[0]?.values);
    const withInf = matrix([1, 2], [[Infinity, 2]]);
    const data = rangeResultToChartData(withInf, 'x');
    expect(column(data, 0)).toEqual([null, 2]);
    expect(Array.from(withInf.series[0]?.values ?? [])).toEqual([Infinity, 2]);
  });

  it('reports a chart of only NaN as having no values', () => {
    const data = rangeResultToChartData(matrix([1], [[NaN]]), 'x');
    expect(data.hasValues).toBe(false);
    const empty = rangeResultToChartData(matrix([]), 'x');
    expect(empty.series).toEqual([]);
    expect(empty.times).toHaveLength(0);
    expect(empty.hasValues).toBe(false);
  });
});

describe('lastValues and hasPositiveValue', () => {
  const data = rangeResultToChartData(
    matrix(
      [1, 2, 3],
      [
        [0, 3, NaN],
        [NaN, null, null],
      ],
    ),
    'x',
  );
  it("gives each series' latest value that is not a gap, null when it has none", () => {
    expect(lastValues(data)).toEqual([3, null]);
  });
  it('tells traffic (a value above zero) from none', () => {
    expect(hasPositiveValue(data)).toBe(true);
    const zeros = rangeResultToChartData(matrix([1], [[0]]), 'x');
    expect(hasPositiveValue(zeros)).toBe(false);
  });
});

describe('instantResultToBars', () => {
  it('sorts bars largest first and names them by the legend', () => {
    const bars = instantResultToBars(
      {
        resultType: 'vector',
        result: [
          { metric: { route: '/fast' }, value: [1, '0.002'] },
          { metric: { route: '/slow' }, value: [1, '1.5'] },
          { metric: { route: '/mid' }, value: [1, '0.2'] },
        ],
      },
      '{{route}}',
    );
    expect(bars.rows.map((r) => [r.name, r.value])).toEqual([
      ['/slow', 1.5],
      ['/mid', 0.2],
      ['/fast', 0.002],
    ]);
  });

  it('drops NaN and counts +Inf apart', () => {
    const bars = instantResultToBars(
      {
        resultType: 'vector',
        result: [
          { metric: { route: '/a' }, value: [1, 'NaN'] },
          { metric: { route: '/b' }, value: [1, '+Inf'] },
          { metric: { route: '/c' }, value: [1, '0.1'] },
        ],
      },
      '{{route}}',
    );
    expect(bars.rows.map((r) => r.name)).toEqual(['/c']);
    expect(bars.infinite).toBe(1);
  });

  it('shows a scalar as one bar', () => {
    expect(instantResultToBars({ resultType: 'scalar', result: [1, '3'] }, 'x').rows).toEqual([
      { name: 'scalar', value: 3, labels: {} },
    ]);
  });
});
