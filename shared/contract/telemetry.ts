// Traces and logs the core's OTLP/HTTP receiver keeps (docs/TELEMETRY.md), as the Traces and
// Logs pages, the CLI and both hosts see them. Times are unix milliseconds (fractions keep the
// microseconds OTLP's nanoseconds carry; a nanosecond count does not fit a JS number).
import type { ConsoleErrorInfo } from '../errors';

/** An OTLP attribute value, flattened: arrays of scalars stay arrays, kvlists become JSON text. */
export type TelemetryValue = string | number | boolean | (string | number | boolean)[];
export type TelemetryAttributes = Record<string, TelemetryValue>;

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type SpanStatusCode = 'unset' | 'ok' | 'error';

export interface SpanEvent {
  name: string;
  timeMs: number;
  attributes: TelemetryAttributes;
}

export interface SpanRecord {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  /** The resource's service.name ("unknown_service" when the exporter sent none). */
  service: string;
  startMs: number;
  durationMs: number;
  status: SpanStatusCode;
  statusMessage: string;
  attributes: TelemetryAttributes;
  events: SpanEvent[];
  /** Resource attributes (service.name among them). */
  resource: TelemetryAttributes;
  /** The instrumentation scope's name, e.g. "peak-watch/metrics-server". */
  scope: string;
}

/** OTLP's severity ranges (SeverityNumber 1–4 trace … 21–24 fatal; 0 unspecified). */
export type LogSeverity = 'unspecified' | 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
export const LOG_SEVERITIES: readonly LogSeverity[] = [
  'unspecified',
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
];

export interface LogRecordView {
  /** Arrival order in the receiver: increases by one per kept record (a live-tail cursor). */
  seq: number;
  timeMs: number;
  severity: LogSeverity;
  severityNumber: number;
  /** The exporter's own severity text ("WARNING"), or "" when it sent none. */
  severityText: string;
  /** The body as text (a structured body as JSON). */
  body: string;
  traceId: string | null;
  spanId: string | null;
  service: string;
  attributes: TelemetryAttributes;
  resource: TelemetryAttributes;
  scope: string;
}

/** One trace in a search result: what its root (or earliest) span says. */
export interface TraceSummary {
  traceId: string;
  /** The root span's name, e.g. "GET /api/health". */
  name: string;
  service: string;
  /** http.route of the root span, or null when it is not an HTTP server span. */
  route: string | null;
  method: string | null;
  statusCode: number | null;
  /** Any span of the trace has status error (or an HTTP status ≥ 500 on a server span). */
  error: boolean;
  startMs: number;
  /** From the earliest start to the latest end among its spans. */
  durationMs: number;
  spanCount: number;
  logCount: number;
}

export interface TraceView {
  traceId: string;
  /** Ordered by start time; parents before their children where they start together. */
  spans: SpanRecord[];
  /** Log records carrying this trace id, oldest first. */
  logs: LogRecordView[];
}

/** The status filter of searchTraces: a span status or an HTTP status class. */
export type TraceStatusFilter = 'ok' | 'error' | '2xx' | '3xx' | '4xx' | '5xx';

export interface TraceSearchRequest {
  /** http.route equals this (exactly). */
  route?: string;
  status?: TraceStatusFilter;
  /** Only traces at least this long. */
  minDurationMs?: number;
  /** Unix ms; traces starting within [start, end]. */
  start?: number;
  end?: number;
  /** At most this many, newest first (default 100, at most 1000). */
  limit?: number;
}

export interface LogSearchRequest {
  /** This severity and worse. */
  minSeverity?: LogSeverity;
  /** Case-insensitive substring of the body or an attribute value. */
  text?: string;
  traceId?: string;
  /** Only records with seq greater than this (live tail). */
  afterSeq?: number;
  start?: number;
  end?: number;
  /** At most this many: the newest that match, returned oldest first (default 500, at most 5000). */
  limit?: number;
}

/** Counts and memory of one kind of item the receiver keeps. */
export interface TelemetryStore {
  /** Items kept now. */
  count: number;
  /** Items dropped since the receiver started (oldest first, to stay under the ceiling). */
  dropped: number;
  /** Estimated bytes the kept items take. */
  bytes: number;
}

export interface TelemetryStatus {
  /** telemetry.enabled in the settings. */
  enabled: boolean;
  /** Listening now (false while off, or when the port could not be bound: see error). */
  listening: boolean;
  /** The OTLP/HTTP base URL exporters use, e.g. http://127.0.0.1:4318 (null while off). */
  endpoint: string | null;
  /** Exports are refused without the instance token (the receiver is off loopback). */
  tokenRequired: boolean;
  /** The embedded server traces its requests into the receiver. */
  instrumenting: boolean;
  spans: TelemetryStore;
  logs: TelemetryStore;
  /** telemetry.memoryMb in bytes: spans and logs together stay under it. */
  ceilingBytes: number;
  /** Exports refused since start (malformed, too large, unauthorized), and the last reason. */
  rejected: number;
  lastRejection: ConsoleErrorInfo | null;
  error: ConsoleErrorInfo | null;
}

/** One exemplar as Prometheus's /api/v1/query_exemplars returns it. */
export interface Exemplar {
  /** The exemplar's own labels (trace_id, span_id). */
  labels: Record<string, string>;
  value: number;
  /** Unix seconds. */
  timestamp: number;
}

export interface ExemplarSeries {
  /** The series the exemplar belongs to (with le for a histogram bucket). */
  seriesLabels: Record<string, string>;
  exemplars: Exemplar[];
}
