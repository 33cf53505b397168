// bench:ui's telemetry case: what the OTLP receiver would keep after a busy hour — 10,000 spans
// (2,500 traces of four spans over the app's routes) and 50,000 log records — answered the way
// the receiver's contract says (shared/contract/telemetry.ts): traces newest first, logs the
// newest `limit` oldest first. Generated once, deterministic (no Math.random), filtered per call.
import { ConsoleError } from '../../shared/api';
import type {
  LogRecordView,
  LogSearchRequest,
  LogSeverity,
  SpanRecord,
  TelemetryStatus,
  TraceSearchRequest,
  TraceSummary,
  TraceView,
} from '../../shared/contract/telemetry';
import { LOG_SEVERITIES } from '../../shared/contract/telemetry';

export const TELEMETRY_SHAPE = { traces: 2500, spansPerTrace: 4, logs: 50_000 } as const;
const ROUTES = ['/api/health', '/api/orders', '/api/orders/:id', '/api/quotes', '/metrics'];
const STATUSES = [200, 200, 200, 200, 201, 304, 404, 500];
const LEVELS: LogSeverity[] = ['debug', 'info', 'info', 'info', 'warn', 'error'];
const SEVERITY_NUMBER: Record<LogSeverity, number> = {
  unspecified: 0,
  trace: 1,
  debug: 5,
  info: 9,
  warn: 13,
  error: 17,
  fatal: 21,
};

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);

export interface SyntheticTelemetry {
  getTelemetryStatus(): Promise<TelemetryStatus>;
  searchTraces(req?: TraceSearchRequest): Promise<TraceSummary[]>;
  getTrace(req: { traceId: string }): Promise<TraceView>;
  searchLogs(req?: LogSearchRequest): Promise<LogRecordView[]>;
}

function makeSpans(now: number): { spans: SpanRecord[]; summaries: TraceSummary[] } {
  const spans: SpanRecord[] = [];
  const summaries: TraceSummary[] = [];
  const stepMs = 3_600_000 / TELEMETRY_SHAPE.traces;
  for (let t = 0; t < TELEMETRY_SHAPE.traces; t++) {
    const traceId = hex(t + 1, 8).repeat(4);
    const route = ROUTES[t % ROUTES.length]!;
    const code = STATUSES[(t * 7) % STATUSES.length]!;
    const startMs = now - 3_600_000 + t * stepMs;
    const durationMs = 2 + ((t * 37) % 400);
    for (let s = 0; s < TELEMETRY_SHAPE.spansPerTrace; s++) {
      spans.push({
        traceId,
        spanId: hex(t * 8 + s + 1, 16),
        parentSpanId: s === 0 ? null : hex(t * 8 + 1, 16),
        name: s === 0 ? `GET ${route}` : `step ${s}`,
        kind: s === 0 ? 'server' : 'internal',
        service: 'bench-app',
        startMs: startMs + s,
        durationMs: s === 0 ? durationMs : durationMs / 4,
        status: code >= 500 ? 'error' : 'unset',
        statusMessage: '',
        attributes: s === 0 ? { 'http.route': route, 'http.response.status_code': code } : {},
        events: [],
        resource: { 'service.name': 'bench-app' },
        scope: 'bench',
      });
    }
    summaries.push({
      traceId,
      name: `GET ${route}`,
      service: 'bench-app',
      route,
      method: 'GET',
      statusCode: code,
      error: code >= 500,
      startMs,
      durationMs,
      spanCount: TELEMETRY_SHAPE.spansPerTrace,
      logCount: 0,
    });
  }
  summaries.reverse(); // newest first
  return { spans, summaries };
}

function makeLogs(now: number): LogRecordView[] {
  const stepMs = 3_600_000 / TELEMETRY_SHAPE.logs;
  return Array.from({ length: TELEMETRY_SHAPE.logs }, (_, i): LogRecordView => {
    const severity = LEVELS[(i * 5) % LEVELS.length]!;
    const trace = i % 20;
    return {
      seq: i + 1,
      timeMs: now - 3_600_000 + i * stepMs,
      severity,
      severityNumber: SEVERITY_NUMBER[severity],
      severityText: '',
      body: `request ${i} on ${ROUTES[i % ROUTES.length]} took ${(i * 13) % 500} ms`,
      traceId: hex(trace + 1, 8).repeat(4),
      spanId: null,
      service: 'bench-app',
      attributes: { worker: i % 4 },
      resource: {},
      scope: 'bench',
    };
  });
}

function statusMatches(t: TraceSummary, status: TraceSearchRequest['status']): boolean {
  if (!status) return true;
  if (status === 'error') return t.error;
  if (status === 'ok') return !t.error;
  return t.statusCode !== null && String(t.statusCode)[0] === status[0];
}

/** Made on the first call: the dashboard cases never ask, and need not pay for 60,000 items. */
export function createSyntheticTelemetry(now = Date.now()): SyntheticTelemetry {
  let made: { spans: SpanRecord[]; summaries: TraceSummary[]; logs: LogRecordView[] } | null = null;
  const data = () => (made ??= { ...makeSpans(now), logs: makeLogs(now) });
  const rank = (s: LogSeverity) => LOG_SEVERITIES.indexOf(s);
  const store = { count: 0, dropped: 0, bytes: 0 };
  return {
    getTelemetryStatus: () => {
      const { spans, logs } = data();
      return Promise.resolve({
        enabled: true,
        listening: true,
        endpoint: 'http://127.0.0.1:4318',
        tokenRequired: false,
        instrumenting: true,
        spans: { ...store, count: spans.length, bytes: spans.length * 900 },
        logs: { ...store, count: logs.length, bytes: logs.length * 400 },
        ceilingBytes: 64 * 1024 * 1024,
        rejected: 0,
        lastRejection: null,
        error: null,
      });
    },
    searchTraces: (req = {}) =>
      Promise.resolve(
        data()
          .summaries.filter(
            (t) =>
              (!req.route || t.route === req.route) &&
              statusMatches(t, req.status) &&
              t.durationMs >= (req.minDurationMs ?? 0) &&
              t.startMs >= (req.start ?? -Infinity) &&
              t.startMs <= (req.end ?? Infinity),
          )
          .slice(0, Math.min(req.limit ?? 100, 1000)),
      ),
    getTrace: ({ traceId }) => {
      const { spans, logs } = data();
      const own = spans.filter((s) => s.traceId === traceId);
      if (own.length === 0) {
        return Promise.reject(
          new ConsoleError({ code: 'trace-not-found', message: `No kept trace ${traceId}` }),
        );
      }
      return Promise.resolve({
        traceId,
        spans: own,
        logs: logs.filter((l) => l.traceId === traceId).slice(0, 500),
      });
    },
    searchLogs: (req = {}) => {
      const text = req.text?.toLowerCase();
      const min = rank(req.minSeverity ?? 'unspecified');
      const hits = data().logs.filter(
        (l) =>
          rank(l.severity) >= min &&
          (!text || l.body.toLowerCase().includes(text)) &&
          (!req.traceId || l.traceId === req.traceId) &&
          l.seq > (req.afterSeq ?? 0),
      );
      return Promise.resolve(hits.slice(-Math.min(req.limit ?? 500, 5000)));
    },
  };
}
