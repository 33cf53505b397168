// The latency heatmap's maths: cumulative histogram bucket rates (one series per `le`, as
// `sum by (le) (rate(..._bucket[...]))` answers) become the rate of requests in each bucket, a
// colour band per cell, and the latency quantile's position on the bucket rows. Rows are the
// buckets in ascending order, all the same height (as Grafana draws `le` buckets): the app's
// buckets (0.005 … 10 s, DURATION_BUCKETS) are nearly logarithmic, so equal rows read like a log axis and every bucket stays
// visible. Pure: the panel (panels/HeatmapChart.tsx) only places what this builds.
import type { RangeQueryResult } from '../../../shared/api';

export interface HeatmapRow {
  /** The bucket's range: (lo, hi] seconds; hi is Infinity for the +Inf bucket. */
  lo: number;
  hi: number;
}

export interface BucketRates {
  /** Sample times (ms), ascending, as the result's. */
  times: Float64Array;
  rows: HeatmapRow[];
  /** Per row, per time: requests/s in that bucket; NaN where it is not known. */
  cells: Float64Array[];
  /** The largest cell (0 when there is none). */
  max: number;
  /** Cells whose cumulative count fell below the bucket under it (scrape skew, a reset). */
  clamped: number;
  hasValues: boolean;
}

/** "+Inf", "0.005", "1e-3" → a number; anything else is not a bucket bound. */
export function parseBound(le: string | undefined): number | null {
  if (le === undefined) return null;
  if (le === '+Inf' || le === 'Inf') return Number.POSITIVE_INFINITY;
  const n = Number(le);
  return le.trim() === '' || Number.isNaN(n) ? null : n;
}

/**
 * Cumulative bucket rates → the rate per bucket at each time: bucket (lo, hi] gets
 * cumulative(hi) − cumulative(lo). A bound missing from the whole result simply widens the
 * bucket above it (its row says so). A value missing at one time (null, NaN, a series that
 * starts mid-range) makes that cell and the one above it unknown, never a guess. A difference
 * below zero (buckets scraped a moment apart, a counter reset inside the window) is clamped
 * to 0, and counted.
 */
export function bucketRates(result: RangeQueryResult): BucketRates {
  const { times } = result;
  const byBound = new Map<number, Float64Array>();
  for (const s of result.series) {
    const bound = parseBound(s.metric.le);
    if (bound === null || bound < 0) continue;
    let column = byBound.get(bound);
    const fresh = !column;
    column ??= new Float64Array(times.length).fill(Number.NaN);
    addFinite(column, s.values);
    if (fresh) byBound.set(bound, column);
  }
  const bounds = [...byBound.keys()].sort((a, b) => a - b);
  const rows = bounds.map((hi, r) => ({ lo: r === 0 ? 0 : (bounds[r - 1] ?? 0), hi }));
  const cumulative = bounds.map((b) => byBound.get(b) ?? new Float64Array(times.length));
  const cells = bounds.map(() => new Float64Array(times.length).fill(Number.NaN));
  const { max, clamped, hasValues } = differences(cumulative, cells, times.length);
  return { times, rows, cells, max, clamped, hasValues };
}

/**
 * Adds a series' finite values into `column` (NaN: none yet). Two series with one `le` (a query
 * without `sum by (le)`) add up. Its own function, as `differences`, so V8 optimizes the loop
 * whole instead of on stack replacement, where it boxed every value it read.
 */
function addFinite(column: Float64Array, values: Float64Array): void {
  const n = Math.min(column.length, values.length);
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? Number.NaN;
    if (!Number.isFinite(v)) continue;
    const was = column[i] ?? Number.NaN;
    column[i] = Number.isNaN(was) ? v : was + v;
  }
}

/** Each row's rate at each time from the cumulative ones below and at its bound (see above). */
function differences(
  cumulative: Float64Array[],
  cells: Float64Array[],
  length: number,
): { max: number; clamped: number; hasValues: boolean } {
  let max = 0;
  let clamped = 0;
  let hasValues = false;
  for (let i = 0; i < length; i++) {
    let below = 0; // cumulative rate under the current row's lower bound
    let belowKnown = true;
    for (let r = 0; r < cumulative.length; r++) {
      const v = cumulative[r]?.[i] ?? Number.NaN;
      if (Number.isNaN(v)) {
        belowKnown = false;
        continue;
      }
      if (belowKnown) {
        let d = v - below;
        if (d < 0) {
          clamped++;
          d = 0;
        }
        const row = cells[r];
        if (row) row[i] = d;
        if (d > max) max = d;
        hasValues = true;
      }
      // The running maximum: a bucket read a little low must not credit the next one twice.
      below = Math.max(below, v);
      belowKnown = true;
    }
  }
  return { max, clamped, hasValues };
}

/**
 * Where a latency (s) sits on the rows: row r spans r…r+1 from its lower to its upper bound,
 * linear inside it (histogram_quantile's own assumption). NaN when it is not finite or there
 * are no rows; above the largest finite bound it is the top of that bound's row.
 */
export function rowPosition(rows: readonly HeatmapRow[], seconds: number): number {
  if (!Number.isFinite(seconds) || rows.length === 0) return Number.NaN;
  if (seconds <= 0) return 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) break;
    if (seconds <= row.hi) {
      if (!Number.isFinite(row.hi)) return r;
      return r + (seconds - row.lo) / (row.hi - row.lo || 1);
    }
  }
  const lastFinite = rows.findLastIndex((row) => Number.isFinite(row.hi));
  return lastFinite + 1;
}

/** The quantile line drawn over the cells, and its swatch in the legend and the tooltip. */
export const QUANTILE_COLOR = '#f5f7fa';

/** The colour bands, blue (few requests; still clear of the dark background) to bright yellow
 * (the most); a cell of 0 is not drawn. */
export const HEATMAP_COLORS = [
  '#34518f',
  '#2f6ea3',
  '#2a8ea8',
  '#2daa95',
  '#5ac378',
  '#9dd457',
  '#dde045',
  '#fff27a',
] as const;

/**
 * The band of a cell: a square-root scale (Grafana heatmap's default exponent 0.5), so a bucket
 * with a few requests is still seen next to one with thousands. -1: nothing to draw.
 */
export function colorBand(rate: number, max: number, bands = HEATMAP_COLORS.length): number {
  if (!(rate > 0) || !(max > 0)) return -1;
  const share = Math.sqrt(Math.min(1, rate / max));
  return Math.min(bands - 1, Math.floor(share * bands));
}

/** The lower rate of each band's range, for the colour scale legend. */
export function bandFloor(band: number, max: number, bands = HEATMAP_COLORS.length): number {
  return max * (band / bands) ** 2;
}
