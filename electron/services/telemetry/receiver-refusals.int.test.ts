// What a hostile or broken client gets from the receiver of the app a user runs (the build):
// each bad export a clear OTLP answer (status + google.rpc.Status body naming the fix), counted
// in the status, and the receiver still serving after every one. Then a bounded flood: the one
// memory ceiling holds, the oldest are dropped and counted, the newest kept.
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceView } from '../../../shared/contract/telemetry';
import { startTelemetryApp, type TelemetryApp } from './testing';

let t: TelemetryApp;
beforeAll(async () => {
  t = await startTelemetryApp({ memoryMb: 16 });
});
afterAll(() => t?.app.kill());

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One raw request (node:http: fetch would refuse to send a Host or Origin of our choosing). */
function send(
  path: string,
  body: Buffer | string,
  headers: Record<string, string>,
  method = 'POST',
): Promise<Answer> {
  const url = new URL(t.endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method,
        headers: { 'content-length': String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function spansJson(traceHex: string, count: number, pad = ''): string {
  const spans = Array.from({ length: count }, (_, i) => ({
    traceId: traceHex,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    name: 'GET /api/health',
    kind: 2,
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n),
    endTimeUnixNano: String(1_700_000_000_005_000_000n + BigInt(i) * 1000n),
    attributes: [{ key: 'pad', value: { stringValue: pad } }],
  }));
  return JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
}

async function stillServes(): Promise<void> {
  const ok = await send('/v1/traces', spansJson('ab'.repeat(16), 1), JSON_HEADERS);
  expect(ok.status).toBe(200);
  expect(ok.body).toBe('{}');
}

describe('bad exports get a clear answer, and the receiver keeps serving', () => {
  const cases: {
    name: string;
    path?: string;
    body: Buffer | string;
    headers: Record<string, string>;
    status: number;
    says: RegExp;
  }[] = [
    {
      name: 'malformed JSON',
      body: '{"resourceSpans": [',
      headers: JSON_HEADERS,
      status: 400,
      says: /not an OTLP JSON ExportTraceServiceRequest: not JSON/,
    },
    {
      name: 'JSON of the wrong shape',
      body: '{"resourceSpans": {}}',
      headers: JSON_HEADERS,
      status: 400,
      says: /resourceSpans is not a JSON array/,
    },
    {
      name: 'truncated protobuf',
      body: Buffer.from([0x0a, 0x40, 0x0a, 0x02]),
      headers: { 'content-type': 'application/x-protobuf' },
      status: 400,
      says: /truncated protobuf/,
    },
    {
      name: 'an oversized body',
      body: Buffer.alloc(5 * 1024 * 1024, 0x20),
      headers: JSON_HEADERS,
      status: 413,
      says: /over 4 MiB; send smaller batches/,
    },
    {
      name: 'a gzip bomb',
      body: gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)),
      headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' },
      status: 413,
      says: /over 4 MiB/,
    },
    {
      name: 'a body that is not gzip',
      body: 'plain',
      headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' },
      status: 400,
      says: /does not inflate/,
    },
    {
      name: 'a text/plain body (what a page can send without preflight)',
      body: '{}',
      headers: { 'content-type': 'text/plain' },
      status: 415,
      says: /text\/plain is not an OTLP\/HTTP encoding/,
    },
    {
      name: 'an Origin header',
      body: '{}',
      headers: { ...JSON_HEADERS, origin: 'https://evil.example' },
      status: 403,
      says: /web page/,
    },
    {
      name: 'a foreign Host (DNS rebinding)',
      body: '{}',
      headers: { ...JSON_HEADERS, host: 'evil.example' },
      status: 421,
      says: /not this machine's loopback/,
    },
    { name: 'a GET on /v1/traces', body: '', headers: {}, status: 405, says: /POSTed/ },
    {
      name: 'the read API without the token',
      path: '/api/traces',
      body: '',
      headers: {},
      status: 401,
      says: /instance token/,
    },
  ];

  it.each(cases)('$name → $status', async (c) => {
    const before = (await t.status()).rejected;
    const method = c.name.startsWith('a GET') || c.path ? 'GET' : 'POST';
    const got = await send(c.path ?? '/v1/traces', c.body, c.headers, method);
    expect(got.status).toBe(c.status);
    if (got.headers['content-type'] === 'application/x-protobuf') {
      // google.rpc.Status in protobuf: field 1 (code) first, the message's text inside.
      expect(got.body.charCodeAt(0)).toBe(0x08);
      expect(got.body).toMatch(c.says);
    } else {
      const status = JSON.parse(got.body) as { code: number; message: string };
      expect(status.message).toMatch(c.says);
      expect(status.code).toBeGreaterThan(0);
    }
    expect((await t.status()).rejected).toBe(before + 1);
    await stillServes();
  });

  it('a protobuf refusal is a protobuf google.rpc.Status', async () => {
    const got = await send('/v1/logs', Buffer.from([0x0a, 0x7f]), {
      'content-type': 'application/x-protobuf',
    });
    expect(got.status).toBe(400);
    expect(got.headers['content-type']).toBe('application/x-protobuf');
    // field 1 (code) varint 3, then field 2 (message) length-delimited.
    expect([...Buffer.from(got.body, 'latin1').subarray(0, 3)]).toEqual([0x08, 0x03, 0x12]);
    const status = await t.status();
    expect(status.lastRejection?.code).toBe('otlp-malformed');
  });

  it('a span with a bad id is refused alone: 200 with partialSuccess', async () => {
    const body = JSON.parse(spansJson('cd'.repeat(16), 2)) as {
      resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[];
    };
    const first = body.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    if (first) first.traceId = 'not-hex';
    const got = await send('/v1/traces', JSON.stringify(body), JSON_HEADERS);
    expect(got.status).toBe(200);
    expect(JSON.parse(got.body)).toEqual({
      partialSuccess: {
        rejectedSpans: '1',
        errorMessage: expect.stringMatching(/traceId is not 32 hex digits/) as string,
      },
    });
    const view = await t.app.call<TraceView>('getTrace', { traceId: 'cd'.repeat(16) });
    expect(view.spans).toHaveLength(1);
  });
});

describe('a bounded flood', () => {
  it('keeps bytes under the ceiling, counts the dropped, keeps the newest', async () => {
    const pad = 'x'.repeat(2000);
    const traces: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const id = (i + 1).toString(16).padStart(32, 'e');
      traces.push(id);
      const got = await send('/v1/traces', spansJson(id, 400, pad), JSON_HEADERS);
      expect(got.status).toBe(200);
    }
    const status = await t.status();
    expect(status.ceilingBytes).toBe(16 * 1024 * 1024);
    expect(status.spans.bytes + status.logs.bytes).toBeLessThanOrEqual(status.ceilingBytes);
    expect(status.spans.dropped).toBeGreaterThan(0);
    const newest = await t.app.call<TraceView>('getTrace', { traceId: traces[11] });
    expect(newest.spans).toHaveLength(400);
    await expect(t.app.call('getTrace', { traceId: traces[0] })).rejects.toThrow(/trace-not-found/);
  });

  it('a smaller memoryMb applies at once: the oldest go, the newest stay', async () => {
    const before = await t.status();
    expect(before.spans.bytes).toBeGreaterThan(8 * 1024 * 1024);
    await t.app.call('updateSettings', { telemetry: { memoryMb: 8 } });
    const after = await t.status();
    expect(after.ceilingBytes).toBe(8 * 1024 * 1024);
    expect(after.spans.bytes + after.logs.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(after.spans.dropped).toBeGreaterThan(before.spans.dropped);
    const newest = await t.app.call<TraceView>('getTrace', { traceId: 'c'.padStart(32, 'e') });
    expect(newest.spans).toHaveLength(400);
    await stillServes();
  });
});
