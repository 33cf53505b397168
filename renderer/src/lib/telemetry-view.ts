// The Traces and Logs pages' pure parts: their filters as the core's requests, the live tail's
// merge, durations and values as text, and what to tell someone who has not sent anything yet.
import type {
  LogRecordView,
  LogSearchRequest,
  LogSeverity,
  TelemetryValue,
  TraceSearchRequest,
  TraceStatusFilter,
} from '../../../shared/contract/telemetry';

export interface TraceFilters {
  route: string;
  status: TraceStatusFilter | '';
  /** As typed; '' or not a number means no minimum. */
  minDurationMs: string;
  /** The last this many minutes; 0 means everything kept. */
  rangeMinutes: number;
}

export const EMPTY_TRACE_FILTERS: TraceFilters = {
  route: '',
  status: '',
  minDurationMs: '',
  rangeMinutes: 0,
};

export const TRACE_STATUSES: readonly TraceStatusFilter[] = [
  'ok',
  'error',
  '2xx',
  '3xx',
  '4xx',
  '5xx',
];

export const TRACE_RANGES: readonly [number, string][] = [
  [0, 'Everything kept'],
  [5, 'Last 5 minutes'],
  [15, 'Last 15 minutes'],
  [60, 'Last hour'],
  [360, 'Last 6 hours'],
];

/** At most this many traces a search lists (the contract's ceiling). */
export const TRACE_LIMIT = 1000;

/** The minimum duration as typed: a clear message for what is not a duration, null when fine. */
export function minDurationIssue(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? null : 'a duration in milliseconds, e.g. 250';
}

export function traceRequest(filters: TraceFilters, now: number): TraceSearchRequest {
  const req: TraceSearchRequest = { limit: TRACE_LIMIT };
  if (filters.route) req.route = filters.route;
  if (filters.status) req.status = filters.status;
  const min = filters.minDurationMs.trim();
  if (min !== '' && minDurationIssue(min) === null) req.minDurationMs = Number(min);
  if (filters.rangeMinutes > 0) {
    req.start = now - filters.rangeMinutes * 60_000;
    req.end = now;
  }
  return req;
}

/** Routes seen so far, merged with a new answer's, sorted (the route picker's options). */
export function mergeRoutes(
  seen: readonly string[],
  traces: readonly { route: string | null }[],
): string[] {
  const all = new Set(seen);
  for (const t of traces) if (t.route) all.add(t.route);
  return all.size === seen.length ? (seen as string[]) : [...all].sort();
}

export interface LogFilters {
  minSeverity: LogSeverity;
  text: string;
  traceId: string;
}

export const EMPTY_LOG_FILTERS: LogFilters = { minSeverity: 'unspecified', text: '', traceId: '' };

/**
 * Records a search or the tail asks for at once: the newest that match, as Grafana's Loki
 * queries default to 1,000 lines. 5,000 (the contract's ceiling) took the filter → paint p95 to
 * 106 ms on a quiet 2-core machine (bench:ui telemetry case, target 100).
 */
export const LOG_LIMIT = 1000;
/** Records the page keeps while tailing; the oldest go first (the list is virtualised). */
export const LOG_KEEP = 50_000;

export function logRequest(filters: LogFilters, afterSeq?: number): LogSearchRequest {
  const req: LogSearchRequest = { limit: LOG_LIMIT };
  if (filters.minSeverity !== 'unspecified') req.minSeverity = filters.minSeverity;
  const text = filters.text.trim();
  if (text) req.text = text;
  const traceId = filters.traceId.trim().toLowerCase();
  if (traceId) req.traceId = traceId;
  if (afterSeq !== undefined) req.afterSeq = afterSeq;
  return req;
}

/** A trace id as the core keeps it: 32 hex digits; '' is "any". */
export function traceIdIssue(text: string): string | null {
  const t = text.trim();
  return t === '' || /^[0-9a-f]{32}$/i.test(t) ? null : 'a trace id is 32 hex digits';
}

/** The kept records followed by the tail's new ones (only seqs not seen), at most `keep`. */
export function appendTail(
  kept: readonly LogRecordView[],
  fresh: readonly LogRecordView[],
  keep = LOG_KEEP,
): LogRecordView[] {
  const last = kept.length ? kept[kept.length - 1]!.seq : -Infinity;
  const added = fresh.filter((r) => r.seq > last);
  if (added.length === 0) return kept as LogRecordView[];
  const all = kept.concat(added);
  return all.length > keep ? all.slice(all.length - keep) : all;
}

export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A clock time with milliseconds (records arrive many a second). */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatValue(v: TelemetryValue): string {
  return Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : String(v);
}

/** The environment a Python or a Node app needs to export to this receiver. */
export function exporterSnippets(endpoint: string): { python: string; node: string } {
  const env =
    `export OTEL_EXPORTER_OTLP_ENDPOINT=${endpoint}\n` +
    `export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf\n` +
    `export OTEL_SERVICE_NAME=my-app\n`;
  return {
    python:
      `pip install opentelemetry-distro opentelemetry-exporter-otlp\n` +
      `opentelemetry-bootstrap -a install\n` +
      env +
      `export OTEL_LOGS_EXPORTER=otlp\n` +
      `export OTEL_PYTHON_LOGGING_AUTO_INSTRUMENTATION_ENABLED=true\n` +
      `opentelemetry-instrument python app.py`,
    node:
      `npm install @opentelemetry/auto-instrumentations-node\n` +
      env +
      `export NODE_OPTIONS="--require @opentelemetry/auto-instrumentations-node/register"\n` +
      `node app.js`,
  };
}
