// The peak_trade_http_* families as Prometheus and the Grafana dashboard read them: names,
// TYPE lines, labels, exact buckets, cardinality, and promtool's lint.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  labelValues,
  parseSample,
  requestWithMethod,
  sampleValue,
  scrape,
  startServer,
  stopAllServers,
} from './testing';

afterEach(stopAllServers);

describe('peak_trade_http_* exposition', () => {
  it('declares the three families with the dashboard’s names and TYPE lines', async () => {
    const { base } = await startServer({ enabled: true });
    await fetch(`${base}/api/runs`);
    const text = await scrape(base);
    expect(text).toMatch(/^# TYPE peak_trade_http_requests_total counter$/m);
    expect(text).toMatch(/^# TYPE peak_trade_http_request_duration_seconds histogram$/m);
    expect(text).toMatch(/^# TYPE peak_trade_http_in_flight_requests gauge$/m);
    expect(text).toMatch(/^# HELP peak_trade_http_requests_total \S/m);
  });

  it('labels every request series with exactly method, route template and status_code', async () => {
    const { base } = await startServer({ enabled: true });
    await fetch(`${base}/api/runs/run-001`);
    await fetch(`${base}/api/runs/run-does-not-exist`);
    const text = await scrape(base);
    expect(
      sampleValue(text, 'peak_trade_http_requests_total', {
        method: 'GET',
        route: '/api/runs/:id',
        status_code: '200',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'peak_trade_http_requests_total', {
        method: 'GET',
        route: '/api/runs/:id',
        status_code: '404',
      }),
    ).toBe(1);
    expect(text).not.toContain('run-001"');
    for (const line of text.split('\n')) {
      const sample = parseSample(line);
      if (sample?.name !== 'peak_trade_http_requests_total') continue;
      expect(Object.keys(sample.labels).sort()).toEqual(['method', 'route', 'status_code']);
    }
  });

  it('uses exactly the app’s buckets 0.005 … 10 plus +Inf', async () => {
    const { base } = await startServer({ enabled: true });
    await fetch(`${base}/health`);
    const text = await scrape(base);
    const les = text
      .split('\n')
      .map(parseSample)
      .filter((s) => s?.name === 'peak_trade_http_request_duration_seconds_bucket')
      .filter((s) => s?.labels.route === '/health')
      .map((s) => s?.labels.le);
    expect(les).toEqual([
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '10',
      '+Inf',
    ]);
    const count = sampleValue(text, 'peak_trade_http_request_duration_seconds_count', {
      method: 'GET',
      route: '/health',
      status_code: '200',
    });
    expect(count).toBe(1);
  });

  it('keeps every histogram consistent: cumulative buckets, +Inf = _count = requests_total', async () => {
    const { base } = await startServer({ enabled: true });
    const paths = ['/api/runs', '/api/runs/run-003', '/api/runs/x', '/health', '/nope', '/api/z'];
    for (let i = 0; i < 60; i++) await fetch(`${base}${paths[i % paths.length] ?? '/'}`);
    const samples = (await scrape(base)).split('\n').map(parseSample);
    const key = (l: Record<string, string>): string => `${l.method} ${l.route} ${l.status_code}`;
    const buckets = new Map<string, number[]>();
    const counts = new Map<string, number>();
    const totals = new Map<string, number>();
    for (const s of samples) {
      if (s === null) continue;
      const k = key(s.labels);
      if (s.name === 'peak_trade_http_request_duration_seconds_bucket') {
        buckets.set(k, [...(buckets.get(k) ?? []), s.value]);
      } else if (s.name === 'peak_trade_http_request_duration_seconds_count') {
        counts.set(k, s.value);
      } else if (s.name === 'peak_trade_http_requests_total') {
        totals.set(k, s.value);
      }
    }
    expect(buckets.size).toBe(5);
    for (const [k, values] of buckets) {
      expect(values, k).toHaveLength(12);
      expect(
        [...values].sort((a, b) => a - b),
        k,
      ).toEqual(values);
      expect(values.at(-1), k).toBe(counts.get(k));
      expect(counts.get(k), k).toBe(totals.get(k));
    }
    expect(counts.get('GET __unknown__ 404')).toBe(20);
  });

  it('instruments /metrics itself, as the app’s own /metrics does', async () => {
    const { base } = await startServer({ enabled: true });
    await scrape(base);
    const text = await scrape(base);
    expect(
      sampleValue(text, 'peak_trade_http_requests_total', {
        method: 'GET',
        route: '/metrics',
        status_code: '200',
      }),
    ).toBe(1);
  });

  it('counts the scrape in flight and drops back once requests are answered', async () => {
    const { base } = await startServer({ enabled: true });
    // Many requests at once, then a scrape: only the scrape itself may still be in flight.
    await Promise.all(Array.from({ length: 50 }, () => fetch(`${base}/api/status`)));
    const text = await scrape(base);
    expect(sampleValue(text, 'peak_trade_http_in_flight_requests')).toBe(1);
    expect(
      sampleValue(text, 'peak_trade_http_requests_total', {
        method: 'GET',
        route: '/api/status',
        status_code: '200',
      }),
    ).toBe(50);
  });

  it('labels odd methods OTHER so methods cannot explode cardinality', async () => {
    const { base } = await startServer({ enabled: true });
    for (const method of ['PROPFIND', 'MKCOL', 'LOCK', 'SEARCH']) {
      const res = await requestWithMethod(base, method, '/api/runs');
      expect(res.status).toBe(405);
    }
    const text = await scrape(base); // the scrape itself is recorded only once answered
    expect([...labelValues(text, 'peak_trade_http_requests_total', 'method')]).toEqual(['OTHER']);
    expect(
      sampleValue(text, 'peak_trade_http_requests_total', {
        method: 'OTHER',
        route: '/api/runs',
        status_code: '405',
      }),
    ).toBe(4);
  });
});

describe('cardinality', () => {
  it('10,000 distinct random paths add exactly one route value: __unknown__', async () => {
    const { base } = await startServer({ enabled: true });
    await fetch(`${base}/api/runs`);
    const before = labelValues(await scrape(base), 'peak_trade_http_requests_total', 'route');

    const shapes = [
      (r: string) => `/x/${r}`,
      (r: string) => `/api/${r}/${r}`,
      (r: string) => `/api/runs/${r}/detail`,
      (r: string) => `/metrics/${r}?q=${r}`,
      (r: string) => `/${r}.php`,
    ];
    const total = 10_000;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < total) {
        const i = next++;
        const random = `${i}-${Math.random().toString(36).slice(2)}`;
        const shape = shapes[i % shapes.length] as (r: string) => string;
        const res = await fetch(`${base}${shape(random)}`);
        await res.arrayBuffer();
        expect(res.status).toBe(404);
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));

    const text = await scrape(base);
    const after = labelValues(text, 'peak_trade_http_requests_total', 'route');
    const added = [...after].filter((route) => !before.has(route) && route !== '/metrics');
    expect(added).toEqual(['__unknown__']);
    expect(
      sampleValue(text, 'peak_trade_http_requests_total', {
        method: 'GET',
        route: '__unknown__',
        status_code: '404',
      }),
    ).toBe(total);
  });
});

describe('promtool check metrics', () => {
  const promtool = '/usr/bin/promtool';

  it('finds no lint problem in the peak_trade_* families after traffic', async (ctx) => {
    if (!existsSync(promtool)) {
      if (process.env.CI === 'true')
        throw new Error(`${promtool} is missing in CI: apt-get install prometheus`);
      ctx.skip(`${promtool} not installed; apt-get install prometheus to run this check`);
    }
    const { base } = await startServer({ enabled: true });
    await fetch(`${base}/api/runs`);
    await fetch(`${base}/api/runs/run-002`);
    await fetch(`${base}/nope`);
    await fetch(`${base}/api/runs`, { method: 'DELETE' });
    const exposition = await scrape(base);
    expect(exposition).toContain('peak_trade_http_request_duration_seconds_bucket');

    const { code, output } = await runPromtool(promtool, exposition);
    // Exit 3 means lint problems (prom-client's nodejs_active_*_total gauges); 1 would be a
    // parse error of the whole exposition.
    expect([0, 3]).toContain(code);
    expect(output.split('\n').filter((l) => l.includes('peak_trade'))).toEqual([]);
  });
});

function runPromtool(bin: string, input: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(input);
  });
}
