// Exemplar dots (issue 22): which series' exemplars a latency panel shows, and each exemplar as a
// point — its time, its value, and the trace it opens.
import type { ExemplarSeries } from '../../../shared/contract/telemetry';

const BUCKET = /peak_trade_http_request_duration_seconds_bucket(\{[^}]*\})?/;

/** The histogram's bucket selector inside a panel's interpolated query, or null if it has none. */
export function exemplarSelector(query: string): string | null {
  const m = BUCKET.exec(query);
  return m ? m[0] : null;
}

export interface ExemplarPoint {
  /** Unix ms. */
  timeMs: number;
  /** Seconds (the histogram's unit). */
  value: number;
  traceId: string;
}

/** Exemplars carrying a well-formed trace id, one per trace (the newest), oldest first. */
export function exemplarPoints(series: readonly ExemplarSeries[]): ExemplarPoint[] {
  const byTrace = new Map<string, ExemplarPoint>();
  for (const s of series) {
    for (const e of s.exemplars) {
      const id = (e.labels.trace_id ?? e.labels.traceID ?? '').toLowerCase();
      if (!/^[0-9a-f]{32}$/.test(id) || !Number.isFinite(e.value)) continue;
      const point = { timeMs: e.timestamp * 1000, value: e.value, traceId: id };
      const seen = byTrace.get(id);
      if (!seen || seen.timeMs < point.timeMs) byTrace.set(id, point);
    }
  }
  return [...byTrace.values()].sort((a, b) => a.timeMs - b.timeMs);
}
