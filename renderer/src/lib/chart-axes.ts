// Axis helpers for the timeseries panels: the value range to show and the sample under the mouse.
import type { ChartData } from './prom-rows';

/**
 * The y domain over the series that are shown: from 0 (or the lowest value, when below 0) to the
 * highest value. lib/nice-scale rounds it out to nice ticks. Nothing to show gives [0, 1].
 */
export function valueDomain(chart: ChartData, hidden: ReadonlySet<string>): [number, number] {
  let lo = 0;
  let hi = Number.NEGATIVE_INFINITY;
  chart.series.forEach((s, i) => {
    if (hidden.has(s.key)) return;
    hi = Math.max(hi, chart.seriesMax[i] ?? Number.NEGATIVE_INFINITY);
    lo = Math.min(lo, chart.seriesMin[i] ?? Number.POSITIVE_INFINITY);
  });
  if (!Number.isFinite(hi)) return [0, 1];
  if (hi <= lo) return lo < 0 ? [lo, 0] : [0, 1];
  return [lo, Math.max(hi, 0)];
}

/** The index of the time closest to `t` in ascending `times`; null when there are none. */
export function nearestIndex(times: ArrayLike<number>, t: number): number | null {
  if (times.length === 0 || Number.isNaN(t)) return null;
  let lo = 0;
  let hi = times.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) <= t) lo = mid;
    else hi = mid;
  }
  const a = times[lo] ?? 0;
  const b = times[hi] ?? 0;
  return Math.abs(t - a) <= Math.abs(b - t) ? lo : hi;
}
