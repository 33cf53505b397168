import { describe, expect, it } from 'vitest';
import {
  LEGEND_ROW_PX,
  LEGEND_ROWS_SHOWN,
  MAX_CELL_PX,
  legendCellWidth,
  legendGrid,
  scrollTopShowing,
} from './legend-grid';

describe('legendCellWidth', () => {
  it('fits the widest name and value with the swatch, gaps and padding around them', () => {
    const narrow = legendCellWidth(60, 40, 500);
    const wide = legendCellWidth(160, 40, 500);
    expect(wide - narrow).toBe(100);
    expect(narrow).toBeGreaterThan(60 + 40);
  });
  it('never grows past the widest cell or the legend box, and never shrinks to nothing', () => {
    expect(legendCellWidth(900, 60, 1000)).toBe(MAX_CELL_PX);
    expect(legendCellWidth(200, 60, 150)).toBe(150);
    expect(legendCellWidth(2, 2, 500)).toBeGreaterThanOrEqual(80);
    expect(legendCellWidth(200, 60, 0)).toBe(legendCellWidth(200, 60, 1000));
    expect(legendCellWidth(900, 60, 0)).toBe(MAX_CELL_PX);
  });
});

describe('legendGrid', () => {
  it('puts as many cells in a row as fit, gaps between them', () => {
    // 4 × 100 + 3 gaps of 4 = 412: four fit in 412 px, three in 411.
    expect(legendGrid(50, 412, 100, 0).columns).toBe(4);
    expect(legendGrid(50, 411, 100, 0).columns).toBe(3);
    expect(legendGrid(50, 412, 100, 0).rows).toBe(13);
  });
  it('renders the rows in view and the next, not all fifty entries', () => {
    const g = legendGrid(50, 412, 100, 0);
    expect(g.first).toBe(0);
    // Three rows shown, and a fourth: in part when scrolled between rows, and where Tab goes.
    expect(g.end).toBe((LEGEND_ROWS_SHOWN + 1) * 4);
  });
  it('follows the scroll, a row of overscan above too, and ends with the last entry', () => {
    const mid = legendGrid(50, 412, 100, 5 * LEGEND_ROW_PX + 3);
    expect(mid.first).toBe(4 * 4);
    expect(mid.end).toBe((5 + LEGEND_ROWS_SHOWN + 1) * 4);
    const bottom = legendGrid(50, 412, 100, 10_000);
    expect(bottom.end).toBe(50);
    expect(bottom.first).toBe((13 - LEGEND_ROWS_SHOWN - 1) * 4);
  });
  it('is one column until the box is measured, and handles a legend of none or a few', () => {
    expect(legendGrid(5, 0, 100, 0)).toEqual({ columns: 1, rows: 5, first: 0, end: 4 });
    expect(legendGrid(0, 412, 100, 0)).toEqual({ columns: 4, rows: 0, first: 0, end: 0 });
    expect(legendGrid(3, 412, 100, 40)).toEqual({ columns: 4, rows: 1, first: 0, end: 3 });
  });
});

describe('scrollTopShowing', () => {
  it('keeps a position that shows the row, else scrolls by as few rows as show it', () => {
    const R = LEGEND_ROW_PX;
    expect(scrollTopShowing(0, 2)).toBe(0);
    expect(scrollTopShowing(0, LEGEND_ROWS_SHOWN)).toBe(R);
    expect(scrollTopShowing(10 * R + 5, 9)).toBe(9 * R);
    expect(scrollTopShowing(10 * R + 5, 11)).toBe(10 * R);
  });
});
