import { describe, expect, it } from 'vitest';
import { formatClock, formatUnit } from '../lib/format';
import type { ChartData } from '../lib/prom-rows';
import { seriesColor } from './colors';
import { entriesAt, sampleSentence } from './hover-entries';

const data: ChartData = {
  series: [
    { key: 's0', name: 'api', labels: {} },
    { key: 's1', name: 'db', labels: {} },
    { key: 's2', name: 'cache', labels: {} },
  ],
  times: new Float64Array([0, 1000]),
  columns: [new Float64Array([1, 2]), new Float64Array([Number.NaN, 4]), new Float64Array([5, 6])],
  seriesMax: [2, 4, 6],
  seriesMin: [1, 4, 5],
  infinite: 0,
  hasValues: true,
};
const y = { scale: -10, offset: 200 };

describe('entriesAt', () => {
  it('lists each shown series with a value, its colour and its dot’s y', () => {
    expect(entriesAt(data, new Set(), 1, y)).toEqual([
      { key: 's0', name: 'api', color: seriesColor(0), value: 2, y: 180 },
      { key: 's1', name: 'db', color: seriesColor(1), value: 4, y: 160 },
      { key: 's2', name: 'cache', color: seriesColor(2), value: 6, y: 140 },
    ]);
  });

  it('leaves out hidden series and gaps', () => {
    expect(entriesAt(data, new Set(['s2']), 0, y).map((e) => e.key)).toEqual(['s0']);
  });

  it('is empty without a cursor', () => {
    expect(entriesAt(data, new Set(), null, y)).toEqual([]);
  });
});

describe('sampleSentence', () => {
  it('says the time and each value in the panel’s unit', () => {
    const entries = entriesAt(data, new Set(), 1, y);
    expect(sampleSentence(1000, entries, 'seconds')).toBe(
      `${formatClock(1000, true)}: api ${formatUnit(2, 'seconds')}, db ${formatUnit(4, 'seconds')}, cache ${formatUnit(6, 'seconds')}`,
    );
  });

  it('says "no value" when no shown series has one', () => {
    expect(sampleSentence(0, [], 'seconds')).toBe(`${formatClock(0, true)}: no value`);
  });
});
