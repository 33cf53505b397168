// What Prometheus (or an existing source) answers, shaped for the page: query results in
// columns, targets, metadata, query history, Grafana's info and the traffic burst's result.

// ---------------------------------------------------------------- Prometheus

export type Labels = Record<string, string>;

export interface InstantSample {
  metric: Labels;
  value: [number, string];
}

/**
 * One series of a range result: its labels and one value per entry of the result's `times`, in a
 * Float64Array — Prometheus's NaN and ±Inf as themselves, and NaN too where the series has no
 * sample at that time (`missing` tells the two apart). Typed arrays cross Electron's IPC as one
 * copy of their bytes and the web host's RPC as raw bytes (shared/columns-wire.ts), so the
 * renderer neither parses nor collects ~100,000 numbers per dashboard refresh.
 */
export interface RangeSeries {
  metric: Labels;
  values: Float64Array;
  /** 1 at each time the series has no sample; absent when it has one at every time. */
  missing?: Uint8Array;
}

/** An instant query's answer: a range selector (`up[5m]`) answers with a matrix, in columns. */
export type InstantQueryResult =
  | { resultType: 'vector'; result: InstantSample[] }
  | { resultType: 'scalar'; result: [number, string] }
  | { resultType: 'string'; result: [number, string] }
  | RangeQueryResult;

/**
 * A range result in columns, shaped in the core (electron/services/prometheus/columns.ts): one
 * time axis for every series instead of [timestamp, "value"] pairs per series.
 */
export interface RangeQueryResult {
  resultType: 'matrix';
  /** Every time (unix ms, ascending) at which any series has a sample. */
  times: Float64Array;
  series: RangeSeries[];
}

/** The series' sample at `times[i]`: its value, or null where it has none. */

export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

export interface QueryHistoryEntry {
  query: string;
  /** ISO time of the latest run. */
  lastRunAt: string;
}

/** The history with what is wrong with its file (kept aside, not readable), for Explore to show. */
export interface QueryHistoryView {
  entries: QueryHistoryEntry[];
  warnings: string[];
}

export interface ScrapeTarget {
  job: string;
  instance: string;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastScrape: string;
  lastScrapeDurationSeconds: number;
  lastError: string;
  labels: Labels;
}

/**
 * The one user the managed Prometheus admits (its --web.config.file); the password is a secret in
 * the data folder, copied to the clipboard on request like Grafana's admin password.
 */
export const MANAGED_PROMETHEUS_USER = 'peak-watch';

export interface GrafanaInfo {
  url: string;
  user: string;
  /** Grafana's /api/health when reachable. */
  health: { version: string; database: string } | null;
  healthError: string | null;
}

export interface TrafficResult {
  sent: number;
  byStatus: Record<string, number>;
  durationMs: number;
}
