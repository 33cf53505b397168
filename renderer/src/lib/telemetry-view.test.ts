import { describe, expect, it } from 'vitest';
import type { LogRecordView } from '../../../shared/contract/telemetry';
import {
  appendTail,
  EMPTY_LOG_FILTERS,
  EMPTY_TRACE_FILTERS,
  exporterSnippets,
  formatDurationMs,
  logRequest,
  mergeRoutes,
  minDurationIssue,
  traceIdIssue,
  traceRequest,
} from './telemetry-view';

const rec = (seq: number): LogRecordView => ({
  seq,
  timeMs: seq,
  severity: 'info',
  severityNumber: 9,
  severityText: '',
  body: `r${seq}`,
  traceId: null,
  spanId: null,
  service: 's',
  attributes: {},
  resource: {},
  scope: '',
});

describe('telemetry page logic', () => {
  it('turns the trace filters into a request, leaving out what is unset', () => {
    expect(traceRequest(EMPTY_TRACE_FILTERS, 1e6)).toEqual({ limit: 1000 });
    expect(
      traceRequest(
        { route: '/api/x', status: '5xx', minDurationMs: ' 250 ', rangeMinutes: 15 },
        1_000_000,
      ),
    ).toEqual({
      limit: 1000,
      route: '/api/x',
      status: '5xx',
      minDurationMs: 250,
      start: 1_000_000 - 900_000,
      end: 1_000_000,
    });
    expect(traceRequest({ ...EMPTY_TRACE_FILTERS, minDurationMs: 'abc' }, 0)).toEqual({
      limit: 1000,
    });
    expect(minDurationIssue('abc')).toMatch(/milliseconds/);
    expect(minDurationIssue('-1')).toMatch(/milliseconds/);
    expect(minDurationIssue('12.5')).toBeNull();
  });

  it('turns the log filters into a request with the tail cursor', () => {
    expect(logRequest(EMPTY_LOG_FILTERS)).toEqual({ limit: 1000 });
    expect(
      logRequest({ minSeverity: 'warn', text: ' boom ', traceId: 'AB'.repeat(16) }, 41),
    ).toEqual({
      limit: 1000,
      minSeverity: 'warn',
      text: 'boom',
      traceId: 'ab'.repeat(16),
      afterSeq: 41,
    });
    expect(traceIdIssue('xyz')).toMatch(/32 hex/);
    expect(traceIdIssue('')).toBeNull();
  });

  it('appends only unseen records to the tail and keeps at most N, newest kept', () => {
    const kept = [rec(1), rec(2)];
    expect(appendTail(kept, [rec(2)])).toBe(kept);
    expect(appendTail(kept, [rec(2), rec(3), rec(4)], 3).map((r) => r.seq)).toEqual([2, 3, 4]);
  });

  it('collects the routes seen, sorted, and keeps the same array when nothing is new', () => {
    const seen = mergeRoutes([], [{ route: '/b' }, { route: null }, { route: '/a' }]);
    expect(seen).toEqual(['/a', '/b']);
    expect(mergeRoutes(seen, [{ route: '/a' }])).toBe(seen);
  });

  it('formats durations across units', () => {
    expect(formatDurationMs(0.25)).toBe('250 µs');
    expect(formatDurationMs(3.21)).toBe('3.2 ms');
    expect(formatDurationMs(250)).toBe('250 ms');
    expect(formatDurationMs(1500)).toBe('1.50 s');
  });

  it('names the endpoint and the protobuf protocol in both snippets', () => {
    const s = exporterSnippets('http://127.0.0.1:4318');
    for (const text of [s.python, s.node]) {
      expect(text).toContain('OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318');
      expect(text).toContain('OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf');
    }
    expect(s.python).toContain('opentelemetry-instrument');
  });
});
