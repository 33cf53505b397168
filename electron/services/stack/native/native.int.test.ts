// The native runtime with the real /usr/bin/prometheus scraping the real embedded MetricsServer,
// then every dashboard panel query run against what it scraped.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleError, type StackProgress } from '../../../../shared/api';
import { PANELS, defaultVariableValues, type VariableValues } from '../../../../shared/dashboard';
import { interpolateQuery } from '../../../../shared/interpolate';
import { MetricsServer } from '../../metrics-server';
import type { PrometheusClient } from '../../prometheus';
import { PROMETHEUS_BIN, requireBinary, skipWithout, waitFor } from '../../prometheus/testing';
import { NativeRuntime } from './native';
import { NO_GRAFANA } from './grafana';
import { makeNativeStack, rejection, type NativeStack } from './testing';
import { managedPrometheus, prometheusUrl } from '../runtime';

const SCRAPE_SECONDS = 1;

/** Bursts of watch-only traffic: 2xx on /health and /api/status, 404s, a 405. */
async function sendTraffic(base: string): Promise<void> {
  const paths = ['/health', '/api/status', '/api/runs', '/api/runs/no-such-run', '/no-such-page'];
  for (let i = 0; i < 10; i++) {
    await Promise.all(paths.map(async (p) => (await fetch(base + p)).arrayBuffer()));
  }
  await (await fetch(base + '/api/status', { method: 'POST' })).arrayBuffer();
}

// Non-default choices. The route list gets /api/runs/:id added: its 404s are the GET 4xx
// traffic inside the route filter (unmatched paths count as __unknown__ and are filtered out).
// Two values no route has carry every regex special character, so Prometheus itself checks that
// the escaped alternation is a valid RE2 regex inside a PromQL string.
const CHOSEN: VariableValues = {
  ...defaultVariableValues(),
  route: [
    '/api/status',
    '/health',
    '/api/runs/:id',
    '/api/v1.0/(x)',
    `it's+[a]{2}|^$*?`,
    'say "hi" x\\q',
  ],
  method: ['GET'],
  status_class: ['4..'],
  quantile: ['0.99'],
  window: ['1m'],
};

describe.skipIf(skipWithout(PROMETHEUS_BIN))('NativeRuntime with the real prometheus', () => {
  let server: MetricsServer;
  let stack: NativeStack;
  let runtime: NativeRuntime;
  let client: PrometheusClient;
  let base = '';
  const progress: StackProgress[] = [];

  beforeAll(async () => {
    requireBinary(PROMETHEUS_BIN);
    server = new MetricsServer({
      host: '127.0.0.1',
      port: 0,
      enabled: true,
      strict: false,
      token: null,
    });
    await server.start();
    const port = server.address?.port ?? 0;
    base = `http://127.0.0.1:${port}`;
    stack = await makeNativeStack(
      { server: { port, enabled: true }, stack: { scrapeIntervalSeconds: SCRAPE_SECONDS } },
      { prometheus: PROMETHEUS_BIN },
    );
    runtime = new NativeRuntime({
      env: stack.env,
      settings: () => stack.ctx.settings,
      stopTimeoutMs: 5_000,
    });
    client = managedPrometheus(stack.ctx);
  });

  afterAll(async () => {
    await runtime?.down(stack.ctx, () => undefined);
    await client?.close();
    await server?.stop();
    await stack?.cleanup();
  });

  it('detects the prometheus binary and its version', async () => {
    expect(await runtime.detect()).toBe('prometheus 2.42.0');
  });

  it('starts Prometheus, reports progress, and says Grafana needs Docker', async () => {
    await runtime.up(stack.ctx, (p) => progress.push(p));
    expect(progress.map((p) => `${p.service}:${p.phase}`)).toEqual([
      'prometheus:starting',
      'prometheus:started',
      'grafana:stopped',
    ]);
    expect(progress[2]?.message).toBe(NO_GRAFANA);
    const status = await runtime.status(stack.ctx);
    expect(status).toEqual([
      {
        name: 'prometheus',
        state: 'running',
        exitCode: null,
        url: prometheusUrl(stack.ctx.settings),
        detail: null,
      },
      expect.objectContaining({ name: 'grafana', state: 'unavailable', detail: NO_GRAFANA }),
    ]);
    expect(await client.ready()).toBe(true);
    // It keeps exemplars (the trace ids on the server's latency buckets, docs/TELEMETRY.md).
    const flags = JSON.parse((await client.get('/api/v1/status/flags')).text) as {
      data: Record<string, string>;
    };
    expect(flags.data['enable-feature']).toBe('exemplar-storage');
  });

  it('scrapes peak_trade_web UP within three scrape intervals of knowing it', async () => {
    // Prometheus batches service discovery for up to 5 s after start, whatever the interval:
    // the clock starts when the target is listed.
    await waitFor('peak_trade_web listed', async () =>
      (await client.targets()).find((t) => t.job === 'peak_trade_web'),
    );
    const listed = Date.now();
    const target = await waitFor(
      'peak_trade_web UP',
      async () =>
        (await client.targets()).find((t) => t.job === 'peak_trade_web' && t.health === 'up'),
      3 * SCRAPE_SECONDS * 1000,
    );
    console.log(`peak_trade_web UP ${Date.now() - listed} ms after it was listed`);
    expect(target.scrapeUrl).toBe(`${base}/metrics`);
    expect(target.lastError).toBe('');
  });

  it('answers every dashboard panel query, with default and with chosen variables', async () => {
    // Three bursts a scrape apart, so every rate() sees the counters move.
    for (let i = 0; i < 3; i++) {
      await sendTraffic(base);
      await new Promise((r) => setTimeout(r, SCRAPE_SECONDS * 1000 + 200));
    }
    const end = Date.now() / 1000;
    for (const [name, values] of [
      ['default', defaultVariableValues()],
      ['chosen', CHOSEN],
    ] as const) {
      // The heatmap's quantile line is a query of its own.
      const queries = PANELS.flatMap((panel) => [
        { key: panel.key, expr: panel.expr },
        ...(panel.overlay ? [{ key: `${panel.key} overlay`, expr: panel.overlay.expr }] : []),
      ]);
      for (const { key, expr: raw } of queries) {
        const expr = interpolateQuery(raw, values);
        const result = await client.queryRange(expr, end - 120, end, SCRAPE_SECONDS);
        // The default status class is 5.. and the server never fails: an empty error rate is right.
        if (name === 'default' && key === 'error_rate') continue;
        expect(result.series.length, `${key} (${name}): ${expr}`).toBeGreaterThan(0);
        // One series per bucket: the app's eleven and +Inf.
        if (key === 'latency_heatmap')
          expect(result.series.map((s) => s.metric.le).sort(), expr).toHaveLength(12);
      }
    }
    const routes = await client.labelValues('route', 'peak_trade_http_requests_total');
    expect(routes).toEqual(
      expect.arrayContaining(['/health', '/api/status', '/api/runs/:id', '__unknown__']),
    );
  });

  it('keeps its log in <dataDir>/native/prometheus.log', async () => {
    const lines = await runtime.logs(stack.ctx, 'prometheus', 50);
    expect(lines.join('\n')).toMatch(/Server is ready to receive web requests/);
    const file = await readFile(join(stack.ctx.dataDir, 'native', 'prometheus.log'), 'utf8');
    expect(file).toMatch(/Server is ready to receive web requests/);
  });

  it('a killed Prometheus fails queries as unreachable, and up() brings them back', async () => {
    const pid = await runtime.pid('prometheus', stack.ctx);
    expect(pid).not.toBeNull();
    process.kill(pid ?? 0, 'SIGKILL');
    await waitFor('prometheus exited', async () =>
      (await runtime.status(stack.ctx))[0]?.state === 'exited' ? true : undefined,
    );
    expect((await runtime.status(stack.ctx))[0]).toMatchObject({ state: 'exited', exitCode: null });
    expect((await runtime.status(stack.ctx))[0]?.detail).toMatch(/killed by SIGKILL/);
    expect((await rejection(client.query('up'))).code).toBe('prometheus-unreachable');

    const restarted = Date.now();
    await runtime.up(stack.ctx, () => undefined);
    expect((await client.query('vector(1)')).resultType).toBe('vector');
    await waitFor(
      'peak_trade_web scraped again',
      async () =>
        (await client.targets()).find(
          (t) =>
            t.job === 'peak_trade_web' && t.health === 'up' && Date.parse(t.lastScrape) > restarted,
        ),
      15_000,
    );
    // The data folder survived the crash: traffic from before it is still there.
    const before = await client.query(
      'count(peak_trade_http_requests_total{route="/api/runs/:id"})',
    );
    expect(before.resultType === 'vector' && before.result.length).toBe(1);
  });

  it('stops on down() and keeps its data folder', async () => {
    const events: StackProgress[] = [];
    await runtime.down(stack.ctx, (p) => events.push(p));
    expect(events.map((p) => `${p.service}:${p.phase}`)).toEqual([
      'grafana:stopped',
      'prometheus:stopping',
      'prometheus:stopped',
    ]);
    expect((await runtime.status(stack.ctx))[0]).toMatchObject({ state: 'stopped' });
    expect(existsSync(join(stack.ctx.dataDir, 'native', 'prometheus', 'wal'))).toBe(true);
    expect((await rejection(client.ready())).code).toBe('prometheus-unreachable');
  });
});

describe('NativeRuntime without a prometheus binary', () => {
  it('detect() and up() say prometheus is missing and how to get it', async () => {
    const stack = await makeNativeStack();
    try {
      const runtime = new NativeRuntime({ env: stack.env, settings: () => stack.ctx.settings });
      const detected = await rejection(runtime.detect());
      expect(detected.code).toBe('prometheus-missing');
      expect(detected.message).toMatch(/no prometheus on PATH/);
      expect(detected.fix).toMatch(/apt-get install prometheus|Docker/);
      const events: StackProgress[] = [];
      expect((await rejection(runtime.up(stack.ctx, (p) => events.push(p)))).code).toBe(
        'prometheus-missing',
      );
      expect(events).toEqual([expect.objectContaining({ service: 'prometheus', phase: 'failed' })]);
    } finally {
      await stack.cleanup();
    }
  });

  it('names a configured binary that does not exist', async () => {
    const stack = await makeNativeStack({ stack: { prometheusBinary: '/nonexistent/prometheus' } });
    try {
      const runtime = new NativeRuntime({ env: stack.env, settings: () => stack.ctx.settings });
      const err = await rejection(runtime.detect());
      expect(err).toBeInstanceOf(ConsoleError);
      expect(err.message).toContain('/nonexistent/prometheus');
    } finally {
      await stack.cleanup();
    }
  });
});
