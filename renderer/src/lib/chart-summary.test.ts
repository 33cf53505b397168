import { describe, expect, it } from 'vitest';
import { barSummary, seriesSummary } from './chart-summary';
import type { ChartData } from './prom-rows';

function chartOf(names: string[]): ChartData {
  return {
    series: names.map((name, i) => ({ key: `s${i}`, name, labels: {} })),
    times: new Float64Array([0]),
    columns: names.map(() => new Float64Array([1])),
    seriesMax: names.map(() => 1),
    seriesMin: names.map(() => 1),
    infinite: 0,
    hasValues: true,
  };
}

describe('chart summaries', () => {
  it('say what a chart shows and each series with its latest value', () => {
    const text = seriesSummary('Requests per route.', chartOf(['/a', '/b']), [1.5, null], 'reqps');
    expect(text).toBe('Requests per route. Latest values: /a 1.5 req/s; /b –.');
  });

  it('name a dozen series and count the rest, which the legend lists', () => {
    const names = Array.from({ length: 15 }, (_, i) => `/r${i}`);
    const text = seriesSummary(
      'X.',
      chartOf(names),
      names.map(() => 1),
      'short',
    );
    expect(text).toContain('/r11 1');
    expect(text).not.toContain('/r12');
    expect(text).toMatch(/and 3 more in the legend\.$/);
  });

  it('list the bars largest first, as drawn', () => {
    const bars = {
      rows: [
        { name: '/slow', value: 0.25, labels: {} },
        { name: '/fast', value: 0.004, labels: {} },
      ],
      infinite: 0,
    };
    expect(barSummary('Top routes.', bars, 'seconds')).toBe(
      'Top routes. Latest values, largest first: /slow 250 ms; /fast 4 ms.',
    );
  });
});
