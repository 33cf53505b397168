// What /metrics shows with and without prom-client, strict or not, and how
// the settings pane's flags change it on the very next scrape.
import { afterEach, describe, expect, it } from 'vitest';
import { FALLBACK_EXPOSITION, STRICT_UNAVAILABLE_BODY, type PromClientModule } from './prom-client';
import { missingPromClient, scrape, startServer, stopAllServers } from './testing';

afterEach(stopAllServers);

const hasDefaults = (text: string): boolean =>
  /^process_cpu_user_seconds_total /m.test(text) && /^nodejs_heap_size_total_bytes /m.test(text);
const hasHttpFamilies = (text: string): boolean => /^peak_trade_http_/m.test(text);

describe('quick-check of GET /metrics', () => {
  it('prom-client present, instrumentation off: process_*/nodejs_* but no peak_trade_http_*', async () => {
    const { base } = await startServer({ enabled: false });
    await fetch(`${base}/api/status`);
    const text = await scrape(base);
    expect(hasDefaults(text)).toBe(true);
    expect(hasHttpFamilies(text)).toBe(false);
    expect(text).not.toContain('peak_trade_metrics_fallback');
  });

  it('prom-client present, instrumentation on: process_*/nodejs_* and peak_trade_http_*', async () => {
    const { base } = await startServer({ enabled: true });
    await fetch(`${base}/api/status`);
    const text = await scrape(base);
    expect(hasDefaults(text)).toBe(true);
    expect(text).toMatch(/^peak_trade_http_requests_total\{.*route="\/api\/status".*\} 1$/m);
    expect(text).toMatch(/^peak_trade_http_request_duration_seconds_count\{/m);
    expect(text).toMatch(/^peak_trade_http_in_flight_requests /m);
  });

  it('prom-client missing, fail-open: 200 with peak_trade_metrics_fallback 1 and nothing else', async () => {
    const { base } = await startServer({ loadPromClient: missingPromClient, enabled: true });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toBe(FALLBACK_EXPOSITION);
    expect(text).toMatch(/^# TYPE peak_trade_metrics_fallback gauge$/m);
    expect(text).toMatch(/^peak_trade_metrics_fallback 1$/m);
  });

  it('prom-client missing, strict: 503 "prometheus_client required but unavailable"', async () => {
    const { base } = await startServer({ loadPromClient: missingPromClient, strict: true });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe(STRICT_UNAVAILABLE_BODY);
    expect(STRICT_UNAVAILABLE_BODY).toBe('prometheus_client required but unavailable');
  });
});

describe('flags flipped in the settings pane', () => {
  it('enabled off → on → off changes /metrics on the next scrape, without a restart', async () => {
    const { server, base } = await startServer({ enabled: false });
    await fetch(`${base}/api/runs`);
    expect(hasHttpFamilies(await scrape(base))).toBe(false);

    server.setFlags({ enabled: true });
    await fetch(`${base}/api/runs`);
    const on = await scrape(base);
    expect(on).toMatch(/^peak_trade_http_requests_total\{.*route="\/api\/runs".*\} 1$/m);

    server.setFlags({ enabled: false });
    expect(hasHttpFamilies(await scrape(base))).toBe(false);
    expect(server.status().listening).toBe(true);
  });

  it('turning instrumentation back on starts its counts from zero (a counter reset)', async () => {
    const { server, base } = await startServer({ enabled: true });
    for (let i = 0; i < 3; i++) await fetch(`${base}/api/runs`);
    expect(await scrape(base)).toMatch(/route="\/api\/runs",status_code="200"\} 3$/m);
    server.setFlags({ enabled: false });
    await fetch(`${base}/api/runs`); // not counted: instrumentation is off
    server.setFlags({ enabled: true });
    await fetch(`${base}/api/runs`);
    expect(await scrape(base)).toMatch(/route="\/api\/runs",status_code="200"\} 1$/m);
  });

  it('strict turned on while prom-client is missing answers 503 on the very next scrape', async () => {
    const { server, base } = await startServer({ loadPromClient: missingPromClient });
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    server.setFlags({ strict: true });
    expect((await fetch(`${base}/metrics`)).status).toBe(503);
    server.setFlags({ strict: false });
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('strict has no effect while prom-client is present', async () => {
    const { base } = await startServer({ strict: true });
    expect(hasDefaults(await scrape(base))).toBe(true);
  });
});

describe('status of the prom-client', () => {
  it('reports prom-client as available with its installed version', async () => {
    const { server, base } = await startServer();
    expect(server.status()).toMatchObject({ promClientAvailable: true });
    expect(server.status().promClientVersion).toMatch(/^15\.\d+\.\d+/);
    const api = (await (await fetch(`${base}/api/status`)).json()) as {
      prom_client: { available: boolean; version: string | null };
    };
    expect(api.prom_client.available).toBe(true);
    expect(api.prom_client.version).toBe(server.status().promClientVersion);
  });

  it('reports prom-client as unavailable, with no version, when it cannot be loaded', async () => {
    const { server } = await startServer({ loadPromClient: missingPromClient, enabled: true });
    expect(server.status()).toMatchObject({ promClientAvailable: false, promClientVersion: null });
  });

  it('loads prom-client once, not per scrape or per restart', async () => {
    let loads = 0;
    const counting = async (): Promise<PromClientModule> => {
      loads += 1;
      return import('prom-client');
    };
    const { server, base } = await startServer({ loadPromClient: counting });
    await scrape(base);
    await scrape(base);
    await server.stop();
    await server.start();
    expect(loads).toBe(1);
  });
});

describe('a failing exposition', () => {
  it('answers 500 {"error":"internal error"} without the error text or a stack trace (fake registry)', async () => {
    const real = await import('prom-client');
    class BrokenRegistry extends real.Registry {
      override metrics(): Promise<string> {
        return Promise.reject(new Error('secret detail at /home/user/app.js:12:3'));
      }
    }
    const broken = { ...real, Registry: BrokenRegistry } as PromClientModule;
    const { base } = await startServer({ loadPromClient: () => Promise.resolve(broken) });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: 'internal error' });
    expect(body).not.toMatch(/secret|app\.js|\bat\b/);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});
