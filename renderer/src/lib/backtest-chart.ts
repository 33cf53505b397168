// The backtest chart's data, shaped for recharts: one row per evaluation time with a value
// column per drawn series, the time and value domains, and the span a drag zooms to. Pure, so
// the shapes are tested without a DOM.
import type { BacktestSeries } from '../../../shared/backtest';
import { niceScale, niceTicks } from './nice-scale';

/** One evaluation: `t` in unix ms, then `s0`, `s1`… the drawn series' values (null: no sample). */
export type BacktestRow = { t: number } & Record<`s${number}`, number | null>;

export interface BacktestView {
  rows: BacktestRow[];
  /** The time domain, unix ms. */
  startMs: number;
  endMs: number;
  /** The value axis: round bounds from zero (or the lowest value) to above the threshold and
   * every value, and its ticks. */
  valueDomain: [number, number];
  valueTicks: number[];
}

/** The column of the `i`th drawn series in a row. */
export const seriesKey = (i: number): `s${number}` => `s${i}`;

/**
 * The view of backtested series over `range` (unix seconds). A band covers its last evaluation
 * up to the next one, so the time domain ends a step after the range. "The last 6 hours
 * Prometheus holds": a younger Prometheus holds less, so the domain starts at its first sample
 * rather than squeezing what it has into the right edge.
 */
export function backtestView(
  series: readonly BacktestSeries[],
  range: { start: number; end: number; step: number },
  threshold: number,
  boolUnit: boolean,
): BacktestView {
  const byTime = new Map<number, BacktestRow>();
  const values: number[] = [];
  let first = Infinity;
  series.forEach((s, i) => {
    for (const p of s.points) {
      const finite = p.value !== null && Number.isFinite(p.value) ? p.value : null;
      if (p.value !== null) first = Math.min(first, p.t);
      if (finite !== null) values.push(finite);
      const ms = Math.round(p.t * 1000);
      const row = byTime.get(ms) ?? { t: ms };
      row[seriesKey(i)] = finite;
      byTime.set(ms, row);
    }
  });
  const start = Number.isFinite(first) ? Math.max(range.start, first) : range.start;
  const max = Math.max(threshold, ...values, boolUnit ? 1 : 0) * 1.1 || 1;
  const scale = niceScale(Math.min(0, ...values), max, 4);
  const [lo, hi] = scale.domain;
  return {
    rows: [...byTime.values()].sort((a, b) => a.t - b.t),
    startMs: start * 1000,
    endMs: (range.end + range.step) * 1000,
    valueDomain: scale.domain,
    valueTicks: niceTicks(lo, hi, scale.step),
  };
}

/**
 * The time span (ms, in order) a drag between two times zooms to, or null when it is too narrow
 * to be a zoom (a click, or less than one evaluation step).
 */
export function dragZoom(aMs: number, bMs: number, stepMs: number): [number, number] | null {
  const lo = Math.min(aMs, bMs);
  const hi = Math.max(aMs, bMs);
  return hi - lo >= stepMs ? [lo, hi] : null;
}

/** The rows inside [fromMs, toMs] plus one on each side, so lines run to the chart's edges. */
export function rowsInSpan(rows: readonly BacktestRow[], fromMs: number, toMs: number) {
  const first = rows.findIndex((r) => r.t >= fromMs);
  if (first < 0) return rows.slice(-1);
  let last = first;
  while (last < rows.length - 1 && (rows[last + 1]?.t ?? Infinity) <= toMs) last++;
  return rows.slice(Math.max(0, first - 1), last + 2);
}

/** The backtest's first line: whether and how often the rule would have fired in `span`. */
export function backtestSummaryLine(
  summary: { firings: number; firingSeconds: number; series: number },
  span: string,
): string {
  if (summary.firings === 0) return `Would not have fired in the last ${span}`;
  const on = summary.series > 1 ? `, on ${summary.series} series` : '';
  return `Would have fired ${summary.firings}× in the last ${span} (${Math.round(summary.firingSeconds)} s firing${on})`;
}
