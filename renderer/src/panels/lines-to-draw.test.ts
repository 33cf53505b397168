import { describe, expect, it } from 'vitest';
import type { ChartData } from '../lib/prom-rows';
import { linesToDraw } from './lines-to-draw';
import type { PlotMapping } from './usePlotMapping';

function chart(keys: string[]): ChartData {
  return {
    series: keys.map((key) => ({ key, name: key, labels: {} })),
    times: new Float64Array([0, 1000]),
    columns: keys.map(() => new Float64Array([1, 2])),
    seriesMax: keys.map(() => 2),
    seriesMin: keys.map(() => 1),
    infinite: 0,
    hasValues: true,
  };
}

const mapping: PlotMapping = {
  x: { scale: 0.5, offset: 10 },
  y: { scale: -2, offset: 120 },
  plot: { x: 40, y: 8, width: 300, height: 100 },
};
const size = { width: 600, height: 102, dpr: 2 };

describe('linesToDraw', () => {
  it('marks the hidden series and keeps the shown ones, in order', () => {
    const lines = linesToDraw(
      chart(['a', 'b', 'c']),
      new Set(['b']),
      ['x', 'y', 'z'],
      [0, 1000],
      mapping,
      size,
    );
    expect(lines.shown).toBe('101');
    expect(lines.identities).toEqual(['x', 'y', 'z']);
    expect(lines.area).toBe(false);
  });

  it('puts the y scale in canvas coordinates, one pixel above the plot, and x in px per ms', () => {
    const lines = linesToDraw(chart(['a', 'b']), new Set(), ['x', 'y'], [500, 1500], mapping, size);
    expect(lines.y).toEqual({ scale: -2, offset: 120 - 8 + 1 });
    expect(lines.pxPerMs).toBe(0.5);
    expect([lines.xStart, lines.xEnd]).toEqual([500, 1500]);
    expect([lines.width, lines.height, lines.dpr]).toEqual([600, 102, 2]);
  });

  it('fills the area of a lone shown series only', () => {
    expect(linesToDraw(chart(['a']), new Set(), ['x'], [0, 1], mapping, size).area).toBe(true);
    expect(linesToDraw(chart(['a']), new Set(['a']), ['x'], [0, 1], mapping, size).area).toBe(
      false,
    );
    expect(
      linesToDraw(chart(['a', 'b']), new Set(['b']), ['x', 'y'], [0, 1], mapping, size).area,
    ).toBe(false);
  });
});
