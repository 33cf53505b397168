// What the heatmap's hover shows for the cell under the cursor (HeatmapHover): its time span
// and bucket, its rate, the quantile line's value then, the cell's outline on the plot, and the
// sentence a screen reader hears when the keys moved the cursor. Pure, so it is tested without
// a chart.
import { nearestIndex } from '../lib/chart-axes';
import { formatClock, formatSeconds, formatUnit } from '../lib/format';
import type { HeatmapRow } from '../lib/heatmap';
import type { HeatmapData } from '../lib/heatmap-cells';
import { cellIndex, rowLabel } from '../lib/heatmap-labels';
import type { PlotMapping } from './usePlotMapping';

/** Where the cursor is: a time (ms) and a bucket row (0 is the bottom). */
export interface HeatmapCursor {
  t: number;
  row: number;
}

export interface HoveredCell {
  /** The cell's end (its sample time, ms); it starts one step before. */
  time: number;
  /** The cell's outline (px). */
  box: { x: number; y: number; w: number; h: number };
  /** The bucket, undefined when the cursor's row is past the result's rows. */
  row: HeatmapRow | undefined;
  /** Requests/s in the cell, and the quantile at its time (s); NaN where unknown. */
  rate: number;
  q: number;
}

/** The cell at the cursor, or null when the cursor is on no cell. */
export function hoveredCell(
  data: HeatmapData,
  at: HeatmapCursor | null,
  mapping: PlotMapping,
): HoveredCell | null {
  const { rates, stepMs, quantile } = data;
  const index = at ? cellIndex(rates.times, stepMs, at.t) : null;
  const time = index === null ? undefined : rates.times[index];
  if (!at || index === null || time === undefined) return null;
  const { x, y } = mapping;
  const qi = nearestIndex(quantile.times, time);
  return {
    time,
    box: {
      x: x.scale * (time - stepMs) + x.offset,
      y: y.scale * (at.row + 1) + y.offset,
      w: stepMs * x.scale,
      h: -y.scale,
    },
    row: rates.rows[at.row],
    rate: rates.cells[at.row]?.[index] ?? Number.NaN,
    q: qi === null ? Number.NaN : (quantile.values[qi] ?? Number.NaN),
  };
}

/** The cell's time span as its tooltip heads it: "12:00:00 – 12:00:05". */
export function cellSpan(time: number, stepMs: number): string {
  return `${formatClock(time - stepMs, true)} – ${formatClock(time, true)}`;
}

/** The quantile's value as the tooltip says it (a gap in the seconds unit's words). */
export function quantileText(q: number): string {
  return Number.isNaN(q) ? formatUnit(q, 'seconds') : formatSeconds(q);
}

/** The cell the keyboard cursor is on, said for the live region. */
export function cellSentence(cell: HoveredCell, row: HeatmapRow, data: HeatmapData): string {
  return `${cellSpan(cell.time, data.stepMs)}, ${rowLabel(row)}: ${formatUnit(cell.rate, 'reqps')}; ${data.quantile.label} ${quantileText(cell.q)}`;
}
