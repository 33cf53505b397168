// How the heatmap names its rows and cells: bucket bounds in the unit people read latency in.
import { formatSeconds } from './format';
import type { HeatmapRow } from './heatmap';

/** The label of the boundary under row `index` (0 is the bottom; `rows.length` the top). */
export function boundaryLabel(rows: readonly HeatmapRow[], index: number): string {
  if (index <= 0) return '0';
  const hi = rows[Math.min(index, rows.length) - 1]?.hi ?? Number.NaN;
  return Number.isFinite(hi) ? formatSeconds(hi) : '+Inf';
}

/** A bucket's range as its tooltip says it: "50 ms – 100 ms", "0 – 5 ms", "> 10 s" for +Inf. */
export function rowLabel(row: HeatmapRow): string {
  if (!Number.isFinite(row.hi)) return `> ${formatSeconds(row.lo)}`;
  return `${row.lo === 0 ? '0' : formatSeconds(row.lo)} – ${formatSeconds(row.hi)}`;
}

/** The index of the sample whose cell covers time `t`: cells end at their sample time. */
export function cellIndex(times: ArrayLike<number>, stepMs: number, t: number): number | null {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  const at = times[lo];
  return at !== undefined && at - stepMs <= t ? lo : null;
}
