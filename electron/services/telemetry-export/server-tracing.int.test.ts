// The built server (`peak-watch headless` from out/) with request tracing on, exporting through
// the real OpenTelemetry SDK to a recording endpoint on 127.0.0.1; and the real Prometheus 2.42
// with exemplar storage scraping it. The JSON exporter (OTEL_EXPORTER_OTLP_PROTOCOL=http/json,
// the standard variable the server honours) lets the endpoint decode what arrives; the default
// protobuf export is checked for its content type and the ids' bytes.
import { afterEach, describe, expect, it } from 'vitest';
import { startBuiltServer, type BuiltServer } from '../metrics-server/built-server';
import { requestWithMethod } from '../metrics-server/testing';
import { PrometheusClient } from '../prometheus';
import { PROMETHEUS_BIN, requireBinary, waitFor } from '../prometheus/testing';
import { startSourcePrometheus, type RunningSource } from '../source/testing';
import { attr, startRecordingEndpoint, type RecordingEndpoint } from './recording-endpoint';

const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
const SPAN_KIND_SERVER = 2;

let endpoint: RecordingEndpoint | null = null;
let server: BuiltServer | null = null;
let prometheus: RunningSource | null = null;

afterEach(async () => {
  await prometheus?.kill();
  await server?.stop();
  await endpoint?.close();
  prometheus = server = endpoint = null;
});

async function tracedServer(
  telemetry: { enabled: boolean; instrument: boolean },
  env: NodeJS.ProcessEnv = { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
): Promise<{ endpoint: RecordingEndpoint; server: BuiltServer }> {
  endpoint = await startRecordingEndpoint();
  server = await startBuiltServer({
    settings: { telemetry: { ...telemetry, host: '127.0.0.1', port: endpoint.port } },
    env,
  });
  return { endpoint, server };
}

describe('the built server, traced', () => {
  it('makes each request a SERVER span with the metrics route and no path, query or header', async () => {
    const { endpoint, server } = await tracedServer({ enabled: true, instrument: true });
    await fetch(`${server.base}/api/runs/run-001`, { headers: { 'x-api-key': 'sekrit-header' } });
    await fetch(`${server.base}/no/such/sekrit-path?token=sekrit-query`);
    // Quitting flushes the last batch: everything sent before SIGTERM has arrived after it.
    await server.stop();
    const spans = endpoint.spans();
    const run = spans.find((s) => attr(s.attributes, 'http.route') === '/api/runs/:id');
    expect(run).toBeDefined();
    expect(run?.service).toBe('peak-watch-server');
    expect(run?.name).toBe('GET /api/runs/:id');
    expect(run?.kind).toBe(SPAN_KIND_SERVER);
    expect(attr(run?.attributes ?? [], 'http.request.method')).toBe('GET');
    expect(attr(run?.attributes ?? [], 'http.response.status_code')).toBe(200);
    expect(attr(run?.attributes ?? [], 'url.scheme')).toBe('http');
    expect(attr(run?.attributes ?? [], 'server.port')).toBe(server.port);
    expect(run?.traceId).toMatch(/^[0-9a-f]{32}$/);
    const unknown = spans.find((s) => attr(s.attributes, 'http.response.status_code') === 404);
    expect(attr(unknown?.attributes ?? [], 'http.route')).toBe('__unknown__');
    expect(unknown?.name).toBe('GET');
    // Nothing a request carried beyond method and route reaches the exporter.
    const raw = endpoint.exports.map((e) => e.body.toString('utf8')).join('\n');
    expect(raw).not.toContain('sekrit');
    expect(raw).not.toContain('/no/such');
  });

  it('logs a refused POST as a WARN record carrying the span’s trace and span id', async () => {
    const { endpoint, server } = await tracedServer({ enabled: true, instrument: true });
    const refused = await requestWithMethod(server.base, 'POST', '/api/runs');
    expect(refused.status).toBe(405);
    await server.stop();
    const span = endpoint.spans().find((s) => attr(s.attributes, 'http.request.method') === 'POST');
    expect(attr(span?.attributes ?? [], 'http.response.status_code')).toBe(405);
    const log = endpoint.logs().find((l) => l.traceId === span?.traceId);
    expect(log).toBeDefined();
    expect(log?.spanId).toBe(span?.spanId);
    expect(log?.severityText).toBe('WARN');
    expect(log?.body?.stringValue).toMatch(
      /^POST \/api\/runs → 405: refused: Peak Watch is watch-only/,
    );
  });

  it('exports protobuf by default: the ids of an exemplar are the bytes of an exported span', async () => {
    const { endpoint, server } = await tracedServer({ enabled: true, instrument: true }, {});
    await fetch(`${server.base}/health`);
    const res = await fetch(`${server.base}/metrics`, { headers: { accept: PROMETHEUS_ACCEPT } });
    const text = await res.text();
    const ids =
      /route="\/health",status_code="200",le="[^"]+"\} \d+ # \{trace_id="([0-9a-f]{32})",span_id="([0-9a-f]{16})"\}/.exec(
        text,
      );
    expect(ids).not.toBeNull();
    await server.stop();
    const traces = endpoint.exports.filter((e) => e.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    expect(traces.every((e) => e.contentType === 'application/x-protobuf')).toBe(true);
    const bodies = Buffer.concat(traces.map((e) => e.body));
    expect(bodies.includes(Buffer.from(ids?.[1] ?? '', 'hex'))).toBe(true);
    expect(bodies.includes(Buffer.from(ids?.[2] ?? '', 'hex'))).toBe(true);
    expect(bodies.includes(Buffer.from('peak-watch-server'))).toBe(true);
  });

  it('negotiates: OpenMetrics with exemplars for Prometheus, the text format otherwise', async () => {
    const { server } = await tracedServer({ enabled: true, instrument: true });
    await fetch(`${server.base}/health`);
    const om = await fetch(`${server.base}/metrics`, { headers: { accept: PROMETHEUS_ACCEPT } });
    expect(om.headers.get('content-type')).toBe(
      'application/openmetrics-text; version=1.0.0; charset=utf-8',
    );
    const omText = await om.text();
    expect(omText.endsWith('# EOF\n')).toBe(true);
    expect(omText).toMatch(/^# TYPE peak_trade_http_requests counter$/m);
    expect(omText).toMatch(/^peak_trade_http_requests_total\{/m);
    expect(omText).toMatch(
      /_bucket\{.*\} \d+ # \{trace_id="[0-9a-f]{32}",span_id="[0-9a-f]{16}"\}/,
    );
    const plain = await fetch(`${server.base}/metrics`);
    expect(plain.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const plainText = await plain.text();
    expect(plainText).not.toContain('trace_id');
    expect(plainText).not.toContain('# EOF');
    // The text format's counter keeps its name after an OpenMetrics scrape.
    expect(plainText).toMatch(/^# TYPE peak_trade_http_requests_total counter$/m);
  });

  it('opens no connection to the endpoint at all with instrumentation off', async () => {
    const { endpoint, server } = await tracedServer({ enabled: true, instrument: false });
    await fetch(`${server.base}/health`);
    await requestWithMethod(server.base, 'POST', '/api/runs');
    // Quit would flush any provider that existed; none does.
    await server.stop();
    expect(endpoint.connections()).toBe(0);
    expect(endpoint.exports).toEqual([]);
  });
});

describe('Prometheus 2.42 with exemplar storage, scraping the built server', () => {
  it('returns, from /api/v1/query_exemplars, the trace id a span carried', async () => {
    requireBinary(PROMETHEUS_BIN);
    const { endpoint, server } = await tracedServer({ enabled: true, instrument: true });
    prometheus = await startSourcePrometheus({
      jobs: [{ job: 'peak_trade_web', targets: [`127.0.0.1:${server.port}`] }],
      intervalSeconds: 1,
      extraArgs: ['--enable-feature=exemplar-storage'],
    });
    const client = new PrometheusClient({ baseUrl: prometheus.url, timeoutMs: 5000 });
    try {
      const found = await waitFor('an exemplar on the latency histogram', async () => {
        await fetch(`${server.base}/api/runs`);
        const end = Date.now() / 1000;
        const series = await client.queryExemplars(
          'peak_trade_http_request_duration_seconds_bucket{route="/api/runs"}',
          end - 300,
          end,
        );
        const exemplar = series.flatMap((s) => s.exemplars)[0];
        return exemplar?.labels.trace_id ? exemplar : undefined;
      });
      // The scrape was OpenMetrics and clean: the target is up without an error.
      const targets = await client.targets();
      expect(targets[0]?.health).toBe('up');
      expect(targets[0]?.lastError).toBe('');
      await server.stop();
      const traced = endpoint.spans().map((s) => s.traceId);
      expect(traced).toContain(found.labels.trace_id);
    } finally {
      await client.close();
    }
  });
});
