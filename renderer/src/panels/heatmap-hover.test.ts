import { describe, expect, it } from 'vitest';
import { formatClock, formatSeconds, formatUnit } from '../lib/format';
import type { HeatmapData } from '../lib/heatmap-cells';
import { rowLabel } from '../lib/heatmap-labels';
import { cellSentence, cellSpan, hoveredCell, quantileText } from './heatmap-hover';
import type { PlotMapping } from './usePlotMapping';

const STEP = 5000;
const rows = [
  { lo: 0, hi: 0.1 },
  { lo: 0.1, hi: Infinity },
];
const data: HeatmapData = {
  rates: {
    times: new Float64Array([5000, 10_000]),
    rows,
    cells: [new Float64Array([1, 2]), new Float64Array([3, Number.NaN])],
    max: 3,
    clamped: 0,
    hasValues: true,
  },
  quantile: {
    times: new Float64Array([5000, 10_000]),
    values: new Float64Array([0.05, Number.NaN]),
    label: 'p95',
  },
  quantileRows: new Float64Array([0.5, Number.NaN]),
  stepMs: STEP,
  runs: [],
};
/** 0.01 px per ms from x = 40; rows 50 px tall, row 0's bottom at y = 150. */
const mapping: PlotMapping = {
  x: { scale: 0.01, offset: 40 },
  y: { scale: -50, offset: 150 },
  plot: { x: 40, y: 50, width: 100, height: 100 },
};

describe('hoveredCell', () => {
  it('finds the cell covering the cursor’s time in its row, with its rate and the quantile', () => {
    const cell = hoveredCell(data, { t: 7000, row: 0 }, mapping);
    expect(cell).toEqual({
      time: 10_000,
      box: { x: 0.01 * 5000 + 40, y: -50 + 150, w: 50, h: 50 },
      row: rows[0],
      rate: 2,
      q: Number.NaN,
    });
  });

  it('reads the quantile at the cell’s time, and NaN for an unknown rate', () => {
    const first = hoveredCell(data, { t: 4000, row: 1 }, mapping);
    expect(first?.q).toBe(0.05);
    expect(hoveredCell(data, { t: 9000, row: 1 }, mapping)?.rate).toBeNaN();
  });

  it('outlines a cell whose row the result no longer has, without a bucket', () => {
    const cell = hoveredCell(data, { t: 7000, row: 5 }, mapping);
    expect(cell?.row).toBeUndefined();
    expect(cell?.rate).toBeNaN();
  });

  it('is null without a cursor or off the cells', () => {
    expect(hoveredCell(data, null, mapping)).toBeNull();
    expect(hoveredCell(data, { t: 20_000, row: 0 }, mapping)).toBeNull();
  });
});

describe('the cell’s words', () => {
  it('spans one step up to the cell’s time', () => {
    expect(cellSpan(10_000, STEP)).toBe(
      `${formatClock(5000, true)} – ${formatClock(10_000, true)}`,
    );
  });

  it('says the quantile in seconds, and a gap as the seconds unit does', () => {
    expect(quantileText(0.05)).toBe(formatSeconds(0.05));
    expect(quantileText(Number.NaN)).toBe(formatUnit(Number.NaN, 'seconds'));
  });

  it('reads a cell out as span, bucket, rate and quantile', () => {
    const cell = hoveredCell(data, { t: 4000, row: 1 }, mapping);
    if (!cell) throw new Error('no cell');
    expect(cellSentence(cell, rows[1]!, data)).toBe(
      `${cellSpan(5000, STEP)}, ${rowLabel(rows[1]!)}: ${formatUnit(3, 'reqps')}; p95 ${formatSeconds(0.05)}`,
    );
  });
});
