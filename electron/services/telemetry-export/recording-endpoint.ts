// For tests: an HTTP endpoint on 127.0.0.1 that records every OTLP/HTTP export it is sent
// (path, content type, headers, body) and every TCP connection, and answers as OTLP/HTTP says
// a receiver answers a full success (200 with an empty response message in the request's
// encoding). JSON exports are decoded here; protobuf ones are kept as bytes. Not the core's
// receiver (docs/TELEMETRY.md): this one only records, so a test sees exactly what the SDK sent.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedExport {
  path: string;
  contentType: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
  kind: number;
  attributes: OtlpAttribute[];
  status?: { code?: number };
}

export interface OtlpLogRecord {
  traceId?: string;
  spanId?: string;
  severityText?: string;
  body?: { stringValue?: string };
  attributes: OtlpAttribute[];
}

export interface RecordingEndpoint {
  baseUrl: string;
  port: number;
  exports: RecordedExport[];
  /** TCP connections accepted so far (an exporter that never connects leaves this at 0). */
  connections: () => number;
  /** Spans of every JSON export to /v1/traces, with their resource's service.name. */
  spans: () => (OtlpSpan & { service: string })[];
  /** Log records of every JSON export to /v1/logs. */
  logs: () => OtlpLogRecord[];
  close: () => Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;

export async function startRecordingEndpoint(): Promise<RecordingEndpoint> {
  const exports: RecordedExport[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const contentType = String(req.headers['content-type'] ?? '');
      exports.push({
        path: req.url ?? '',
        contentType,
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      const json = contentType.startsWith('application/json');
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      res.end(json ? '{}' : '');
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (server.address() as AddressInfo).port;

  const jsonBodies = (path: string): unknown[] =>
    exports
      .filter((e) => e.path === path && e.contentType.startsWith('application/json'))
      .map((e) => JSON.parse(e.body.toString('utf8')) as unknown);

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    exports,
    connections: () => connections,
    spans: () => jsonBodies('/v1/traces').flatMap(spansOf),
    logs: () => jsonBodies('/v1/logs').flatMap(logsOf),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface TracesBody {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

function spansOf(body: unknown): (OtlpSpan & { service: string })[] {
  const out: (OtlpSpan & { service: string })[] = [];
  for (const rs of (body as TracesBody).resourceSpans ?? []) {
    const service = String(attr(rs.resource?.attributes ?? [], 'service.name') ?? '');
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) out.push({ ...span, service });
    }
  }
  return out;
}

interface LogsBody {
  resourceLogs?: { scopeLogs?: { logRecords?: OtlpLogRecord[] }[] }[];
}

function logsOf(body: unknown): OtlpLogRecord[] {
  return ((body as LogsBody).resourceLogs ?? []).flatMap((rl) =>
    (rl.scopeLogs ?? []).flatMap((sl) => sl.logRecords ?? []),
  );
}

/** An attribute's value as a string, number or boolean; undefined when absent. */
export function attr(
  attributes: OtlpAttribute[],
  key: string,
): string | number | boolean | undefined {
  const found = attributes.find((a) => a.key === key)?.value;
  if (found === undefined) return undefined;
  if (found.stringValue !== undefined) return found.stringValue;
  if (found.intValue !== undefined) return Number(found.intValue);
  return found.boolValue;
}
