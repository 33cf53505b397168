// npm run bench:telemetry — the OTLP receiver's ingest rate and the searches the Traces and Logs
// pages make on every keystroke, at the sizes issue 22 names (10,000 spans, 50,000 log records).
// Ingest goes through the real receiver on a loopback port (HTTP + protobuf decode + store), in
// batches of 512 as the SDK's BatchSpanProcessor sends them. Bounded: fixed counts, one run.
import { ProtobufLogsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
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
import { SeverityNumber, SpanKind } from '@opentelemetry/api';
import { OtlpReceiver } from '../electron/services/telemetry/receiver';
import { TelemetryMemory } from '../electron/services/telemetry/store';

const SPANS = 10_000;
const LOGS = 50_000;
const BATCH = 512;

async function sdkBodies(): Promise<{ spans: Uint8Array[]; logs: Uint8Array[] }> {
  const resource = resourceFromAttributes({ 'service.name': 'bench' });
  const spanOut = new InMemorySpanExporter();
  const tracer = new TracerProvider({
    resource,
    spanProcessors: [new SimpleSpanProcessor({ exporter: spanOut })],
  });
  const t = tracer.getTracer('bench');
  const open = t.startSpan.bind(t);
  for (let i = 0; i < SPANS; i += 1) {
    const route = `/api/r${i % 20}`;
    open(`GET ${route}`, {
      kind: SpanKind.SERVER,
      attributes: {
        'http.route': route,
        'http.request.method': 'GET',
        'http.response.status_code': i % 50 ? 200 : 503,
      },
    }).end();
  }
  await tracer.forceFlush();
  const logOut = new InMemoryLogRecordExporter();
  const logger = new LoggerProvider({
    resource,
    processors: [new SimpleLogRecordProcessor({ exporter: logOut })],
  });
  const l = logger.getLogger('bench');
  for (let i = 0; i < LOGS; i += 1)
    l.emit({
      severityNumber: i % 10 ? SeverityNumber.INFO : SeverityNumber.WARN,
      body: `request ${i} served in ${i % 97} ms`,
    });
  await logger.forceFlush();
  const chunk = <T>(xs: T[]): T[][] =>
    Array.from({ length: Math.ceil(xs.length / BATCH) }, (_, k) =>
      xs.slice(k * BATCH, (k + 1) * BATCH),
    );
  return {
    spans: chunk(spanOut.getFinishedSpans()).map(
      (b) => ProtobufTraceSerializer.serializeRequest(b) ?? new Uint8Array(),
    ),
    logs: chunk(logOut.getFinishedLogRecords()).map(
      (b) => ProtobufLogsSerializer.serializeRequest(b) ?? new Uint8Array(),
    ),
  };
}

async function post(base: string, path: string, body: Uint8Array): Promise<void> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    body: Buffer.from(body),
  });
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  await res.arrayBuffer();
}

function median(f: () => unknown, runs = 50): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const bodies = await sdkBodies();
  const memory = new TelemetryMemory(1024 * 1024 * 1024);
  const receiver = new OtlpReceiver({
    host: '127.0.0.1',
    port: 0,
    token: 'bench',
    memory,
    status: () => {
      throw new Error('unused');
    },
    onIngest: () => undefined,
    onReject: () => undefined,
  });
  await receiver.start();
  const base = `http://127.0.0.1:${receiver.address?.port ?? 0}`;
  try {
    let t0 = performance.now();
    for (const b of bodies.spans) await post(base, '/v1/traces', b);
    const spanSecs = (performance.now() - t0) / 1000;
    t0 = performance.now();
    for (const b of bodies.logs) await post(base, '/v1/logs', b);
    const logSecs = (performance.now() - t0) / 1000;
    const c = memory.counts();
    console.log(
      `ingest (HTTP + protobuf + store, batches of ${BATCH}): ${Math.round(SPANS / spanSecs)} spans/s, ${Math.round(LOGS / logSecs)} log records/s`,
    );
    console.log(
      `kept: ${c.spans.count} spans (${(c.spans.bytes / 1048576).toFixed(1)} MiB est.), ${c.logs.count} log records (${(c.logs.bytes / 1048576).toFixed(1)} MiB est.)`,
    );
    const rows: [string, () => unknown][] = [
      ['searchTraces {} (newest 100)', () => memory.searchTraces()],
      [
        'searchTraces route + minDurationMs',
        () => memory.searchTraces({ route: '/api/r7', minDurationMs: 0 }),
      ],
      ['searchTraces status 5xx', () => memory.searchTraces({ status: '5xx' })],
      ['searchLogs {} (newest 500)', () => memory.searchLogs()],
      ['searchLogs text, rare', () => memory.searchLogs({ text: 'request 4242 ' })],
      ['searchLogs minSeverity warn', () => memory.searchLogs({ minSeverity: 'warn' })],
    ];
    for (const [name, f] of rows)
      console.log(`${name.padEnd(38)} median ${median(f).toFixed(2)} ms`);
  } finally {
    await receiver.stop();
  }
}

await main();
