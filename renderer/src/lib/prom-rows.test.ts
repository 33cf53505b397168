import { describe, expect, it } from 'vitest';
import type { RangeQueryResult } from '../../../shared/api';
import {
  formatSeriesSelector,
  instantResultToBars,
  rangeResultToChartData,
  renderLegend,
} from './prom-rows';

const matrix = (result: RangeQueryResult['result']): RangeQueryResult => ({
  resultType: 'matrix',
  result,
});

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
  it('merges series by timestamp and leaves gaps where a series has no sample', () => {
    const data = rangeResultToChartData(
      matrix([
        {
          metric: { route: '/a' },
          values: [
            [100, '1'],
            [115, '2'],
          ],
        },
        {
          metric: { route: '/b.json' },
          values: [
            [115, '3'],
            [130, '4'],
          ],
        },
      ]),
      '{{route}}',
    );
    expect(data.series.map((s) => [s.key, s.name])).toEqual([
      ['s0', '/a'],
      ['s1', '/b.json'],
    ]);
    expect(data.rows).toEqual([
      { t: 100_000, s0: 1, s1: null },
      { t: 115_000, s0: 2, s1: 3 },
      { t: 130_000, s0: null, s1: 4 },
    ]);
    expect(data.hasValues).toBe(true);
  });

  it('sorts rows by time even when series arrive out of order', () => {
    const data = rangeResultToChartData(
      matrix([
        { metric: {}, values: [[130, '1']] },
        { metric: {}, values: [[100, '2']] },
      ]),
      'x',
    );
    expect(data.rows.map((r) => r.t)).toEqual([100_000, 130_000]);
  });

  it('turns NaN and ±Inf into gaps and counts the infinities', () => {
    const data = rangeResultToChartData(
      matrix([
        {
          metric: {},
          values: [
            [1, 'NaN'],
            [2, '+Inf'],
            [3, '-Inf'],
            [4, '0.5'],
          ],
        },
      ]),
      'p95',
    );
    expect(data.rows.map((r) => r.s0)).toEqual([null, null, null, 0.5]);
    expect(data.infinite).toBe(2);
  });

  it('reports a chart of only NaN as having no values', () => {
    const data = rangeResultToChartData(matrix([{ metric: {}, values: [[1, 'NaN']] }]), 'x');
    expect(data.hasValues).toBe(false);
    expect(rangeResultToChartData(matrix([]), 'x')).toEqual({
      series: [],
      rows: [],
      infinite: 0,
      hasValues: false,
    });
  });

  it('keeps fractional Prometheus timestamps as whole milliseconds', () => {
    const data = rangeResultToChartData(matrix([{ metric: {}, values: [[1.2345, '1']] }]), 'x');
    expect(data.rows[0]?.t).toBe(1235);
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
