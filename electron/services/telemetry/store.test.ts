// The store alone (pure): one ceiling over both rings, oldest dropped first and counted, trace
// summaries kept as spans arrive and leave, and the searches the pages and the CLI make.
import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../../../shared/contract/telemetry';
import type { IncomingLog } from './decoded';
import { TelemetryMemory } from './store';

const MB = 1024 * 1024;
const hex = (n: number, digits: number): string => n.toString(16).padStart(digits, '0');

function span(trace: number, id: number, over: Partial<SpanRecord> = {}): SpanRecord {
  return {
    traceId: hex(trace, 32),
    spanId: hex(id, 16),
    parentSpanId: null,
    name: 'GET /api/health',
    kind: 'server',
    service: 'app',
    startMs: 1_700_000_000_000 + trace,
    durationMs: 5,
    status: 'unset',
    statusMessage: '',
    attributes: {
      'http.route': '/api/health',
      'http.request.method': 'GET',
      'http.response.status_code': 200,
    },
    events: [],
    resource: { 'service.name': 'app' },
    scope: 'test',
    ...over,
  };
}

function log(n: number, over: Partial<IncomingLog> = {}): IncomingLog {
  return {
    timeMs: 1_700_000_000_000 + n,
    severity: 'info',
    severityNumber: 9,
    severityText: '',
    body: `request ${n} served`,
    traceId: null,
    spanId: null,
    service: 'app',
    attributes: {},
    resource: { 'service.name': 'app' },
    scope: 'test',
    ...over,
  };
}

describe('one memory ceiling over spans and logs', () => {
  it('keeps bytes under the ceiling, drops the oldest first and counts them, keeps the newest', () => {
    const memory = new TelemetryMemory(8 * MB);
    for (let i = 1; i <= 20_000; i += 1) memory.addSpans([span(i, i)]);
    for (let i = 1; i <= 40_000; i += 1) memory.addLogs([log(i)]);
    const { spans, logs } = memory.counts();
    expect(spans.bytes + logs.bytes).toBeLessThanOrEqual(8 * MB);
    expect(spans.dropped).toBeGreaterThan(0);
    expect(logs.dropped).toBeGreaterThan(0);
    expect(spans.count + spans.dropped).toBe(20_000);
    expect(logs.count + logs.dropped).toBe(40_000);
    expect(memory.getTrace(hex(20_000, 32))).not.toBeNull();
    expect(memory.getTrace(hex(1, 32))).toBeNull();
    expect(memory.searchLogs({ limit: 1 })[0]?.body).toBe('request 40000 served');
  });

  it('a smaller ceiling drops at once', () => {
    const memory = new TelemetryMemory(64 * MB);
    for (let i = 1; i <= 10_000; i += 1) memory.addSpans([span(i, i)]);
    expect(memory.counts().spans.dropped).toBe(0);
    memory.setCeiling(1 * MB);
    const { spans } = memory.counts();
    expect(spans.bytes).toBeLessThanOrEqual(1 * MB);
    expect(spans.dropped).toBeGreaterThan(0);
    expect(memory.searchTraces({ limit: 1 })[0]?.traceId).toBe(hex(10_000, 32));
  });
});

describe('traces', () => {
  it('summarises a trace by its root span, its extent and any error, with its logs', () => {
    const memory = new TelemetryMemory(64 * MB);
    memory.addSpans([
      span(7, 2, {
        parentSpanId: hex(1, 16),
        name: 'db',
        kind: 'client',
        startMs: 1000,
        durationMs: 300,
        status: 'error',
        attributes: {},
      }),
    ]);
    memory.addSpans([span(7, 1, { startMs: 990, durationMs: 400 })]);
    memory.addLogs([log(1, { traceId: hex(7, 32), severity: 'error' }), log(2)]);
    const [t] = memory.searchTraces();
    expect(t).toMatchObject({
      traceId: hex(7, 32),
      name: 'GET /api/health',
      route: '/api/health',
      method: 'GET',
      statusCode: 200,
      error: true,
      startMs: 990,
      durationMs: 400,
      spanCount: 2,
      logCount: 1,
    });
    const view = memory.getTrace(hex(7, 32));
    expect(view?.spans.map((s) => s.spanId)).toEqual([hex(1, 16), hex(2, 16)]);
    expect(view?.logs.map((l) => l.body)).toEqual(['request 1 served']);
  });

  it('filters by route, status class, error, minimum duration and time, newest first', () => {
    const memory = new TelemetryMemory(64 * MB);
    memory.addSpans([
      span(1, 1, { durationMs: 900 }),
      span(2, 2, { attributes: { 'http.route': '/api/orders', 'http.response.status_code': 503 } }),
      span(3, 3, { attributes: { 'http.route': '/api/orders', 'http.response.status_code': 404 } }),
    ]);
    const ids = (r: ReturnType<TelemetryMemory['searchTraces']>) =>
      r.map((t) => Number.parseInt(t.traceId, 16));
    expect(ids(memory.searchTraces())).toEqual([3, 2, 1]);
    expect(ids(memory.searchTraces({ route: '/api/orders' }))).toEqual([3, 2]);
    expect(ids(memory.searchTraces({ status: '5xx' }))).toEqual([2]);
    expect(ids(memory.searchTraces({ status: 'error' }))).toEqual([2]);
    expect(ids(memory.searchTraces({ status: 'ok' }))).toEqual([3, 1]);
    expect(ids(memory.searchTraces({ minDurationMs: 500 }))).toEqual([1]);
    expect(ids(memory.searchTraces({ start: 1_700_000_000_002 }))).toEqual([3, 2]);
    expect(ids(memory.searchTraces({ limit: 1 }))).toEqual([3]);
  });
});

describe('logs', () => {
  it('filters by severity and worse, text in body or attributes, trace id, and tails by seq', () => {
    const memory = new TelemetryMemory(64 * MB);
    memory.addLogs([
      log(1, { severity: 'debug', body: 'Cache MISS' }),
      log(2, { severity: 'warn', body: 'slow', attributes: { 'user.id': 'Alice' } }),
      log(3, { severity: 'error', body: 'boom', traceId: hex(9, 32) }),
    ]);
    expect(memory.searchLogs({ minSeverity: 'warn' }).map((l) => l.body)).toEqual(['slow', 'boom']);
    expect(memory.searchLogs({ text: 'miss' }).map((l) => l.body)).toEqual(['Cache MISS']);
    expect(memory.searchLogs({ text: 'alice' }).map((l) => l.body)).toEqual(['slow']);
    expect(memory.searchLogs({ traceId: hex(9, 32) }).map((l) => l.body)).toEqual(['boom']);
    const seqs = memory.searchLogs().map((l) => l.seq);
    expect(seqs).toEqual([1, 2, 3]);
    expect(memory.searchLogs({ afterSeq: 2 }).map((l) => l.seq)).toEqual([3]);
    expect(memory.searchLogs({ limit: 2 }).map((l) => l.seq)).toEqual([2, 3]);
  });
});
