// Where a chart legend's entries go: a grid of equal cells, a few rows high and scrolling, of
// which only the rows in view (and one either side) are rendered. Fifty entries of which a dozen
// can be seen cost every refresh a layout, a paint and a compositing pass of all fifty in the
// flowing list this replaces; cells of a fixed size are each laid out alone (docs/PERFORMANCE.md,
// "A legend of what can be seen"). Pure: widths are measured by the caller.

/** One entry's height and the rows shown before the legend scrolls (styles.css `.legend`). */
export const LEGEND_ROW_PX = 22;
export const LEGEND_ROWS_SHOWN = 3;
/** Between two cells of a row. */
export const LEGEND_GAP_PX = 4;
/** Rendered above the box once scrolled, so Shift+Tab lands on an entry; below, the row a scroll
 * between rows shows in part is rendered anyway, and Tab lands on it. */
const OVERSCAN_ROWS = 1;
/** An entry's padding, swatch and the gaps between swatch, name and value (styles.css). */
const ENTRY_CHROME_PX = 6 + 10 + 6 + 6 + 6;
/** Rounding of measured text to the pixel, and the difference canvas text makes from HTML text. */
const SLACK_PX = 4;
const MIN_CELL_PX = 80;
/** The widest a cell gets; a longer name is cut with an ellipsis (its tooltip has it whole). */
export const MAX_CELL_PX = 320;

/** A cell wide enough for the widest name and value, within [80, 320] px and the legend's box. */
export function legendCellWidth(nameMaxPx: number, valueMaxPx: number, boxWidth: number): number {
  const wanted = Math.ceil(ENTRY_CHROME_PX + nameMaxPx + valueMaxPx + SLACK_PX);
  const widest = boxWidth > 0 ? Math.min(MAX_CELL_PX, boxWidth) : MAX_CELL_PX;
  return Math.max(Math.min(MIN_CELL_PX, widest), Math.min(wanted, widest));
}

export interface LegendGrid {
  columns: number;
  rows: number;
  /** The first entry rendered and one past the last: the rows in view, whole, one more either
   * side (none above the first). */
  first: number;
  end: number;
}

/**
 * The grid for `count` entries in a box `boxWidth` px wide (0 while unmeasured: one column),
 * scrolled down by `scrollTop` px.
 */
export function legendGrid(
  count: number,
  boxWidth: number,
  cellWidth: number,
  scrollTop: number,
): LegendGrid {
  const columns = Math.max(1, Math.floor((boxWidth + LEGEND_GAP_PX) / (cellWidth + LEGEND_GAP_PX)));
  const rows = Math.ceil(count / columns);
  const lastTop = Math.max(0, rows - LEGEND_ROWS_SHOWN);
  const topRow = Math.min(lastTop, Math.max(0, Math.floor(scrollTop / LEGEND_ROW_PX)));
  const firstRow = Math.max(0, topRow - OVERSCAN_ROWS);
  const endRow = Math.min(rows, topRow + LEGEND_ROWS_SHOWN + 1);
  return {
    columns,
    rows,
    first: firstRow * columns,
    end: Math.min(count, endRow * columns),
  };
}

/**
 * The scroll position, in whole rows, that shows `row`: the one given if it does, else the
 * nearest that does — what the browser scrolls to when an entry gets focus, known before its
 * scroll event comes, so Tab's next entry is rendered by the time the next key is read.
 */
export function scrollTopShowing(scrollTop: number, row: number): number {
  const top = Math.floor(scrollTop / LEGEND_ROW_PX);
  if (row < top) return row * LEGEND_ROW_PX;
  if (row > top + LEGEND_ROWS_SHOWN - 1) return (row - LEGEND_ROWS_SHOWN + 1) * LEGEND_ROW_PX;
  return top * LEGEND_ROW_PX;
}
