// Peak Watch never mutates: every mutating method on /api/ is refused with 405 before any
// handler runs, while GET and HEAD keep working.
import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_VERSION } from './handlers';
import { sampleValue, scrape, startServer, stopAllServers } from './testing';

afterEach(stopAllServers);

const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
const API_PATHS = ['/api/runs', '/api/runs/run-001', '/api/status', '/api/no-such-thing', '/api'];

describe('405 guard on /api/', () => {
  for (const method of MUTATING) {
    it(`${method} on every /api/ path, known or not, answers 405 with Allow: GET, HEAD`, async () => {
      const { base } = await startServer({ enabled: true });
      for (const path of API_PATHS) {
        const res = await fetch(`${base}${path}`, { method, body: '{"side":"buy"}' });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, HEAD');
        expect(await res.json()).toEqual({
          error: 'method not allowed: Peak Watch is watch-only',
        });
      }
      // No handler ran: nothing was answered for these routes with anything but 405.
      const text = await scrape(base);
      for (const route of ['/api/runs', '/api/runs/:id', '/api/status', '__unknown__']) {
        for (const status of ['200', '404']) {
          const labels = { method, route, status_code: status };
          expect(sampleValue(text, 'peak_trade_http_requests_total', labels)).toBeUndefined();
        }
      }
      expect(
        sampleValue(text, 'peak_trade_http_requests_total', {
          method,
          route: '/api/runs',
          status_code: '405',
        }),
      ).toBe(1);
    });
  }

  it('a refused DELETE leaves the run list exactly as it was', async () => {
    const { base } = await startServer();
    const before = await (await fetch(`${base}/api/runs`)).text();
    expect((await fetch(`${base}/api/runs/run-001`, { method: 'DELETE' })).status).toBe(405);
    expect(await (await fetch(`${base}/api/runs`)).text()).toBe(before);
    expect((await fetch(`${base}/api/runs/run-001`)).status).toBe(200);
  });

  it('answers 405 outside /api/ too for a route that exists, 404 for one that does not', async () => {
    const { base } = await startServer();
    for (const path of ['/health', '/metrics']) {
      const res = await fetch(`${base}${path}`, { method: 'POST' });
      expect(res.status, path).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
    const missing = await fetch(`${base}/no-such-page`, { method: 'POST' });
    expect(missing.status).toBe(404);
  });
});

describe('read-only routes', () => {
  it('GET /health answers 200 with status ok and contract_version v0.1B', async () => {
    const { base } = await startServer();
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', contract_version: 'v0.1B' });
    expect(CONTRACT_VERSION).toBe('v0.1B');
    expect(typeof body.uptime_seconds).toBe('number');
  });

  it('GET /api/status shows the live flags and prom-client availability', async () => {
    const { server, base } = await startServer({ enabled: false, strict: true });
    const read = async (): Promise<Record<string, unknown>> =>
      (await (await fetch(`${base}/api/status`)).json()) as Record<string, unknown>;
    expect(await read()).toMatchObject({ enabled: false, strict: true, watch_only: true });
    server.setFlags({ enabled: true, strict: false });
    expect(await read()).toMatchObject({ enabled: true, strict: false });
  });

  it('GET /api/routes lists the route templates the server serves', async () => {
    const { server, base } = await startServer();
    const body = (await (await fetch(`${base}/api/routes`)).json()) as { routes: string[] };
    expect(body.routes).toEqual([...server.routes]);
    expect(body.routes).toEqual(
      expect.arrayContaining(['/health', '/metrics', '/api/runs', '/api/runs/:id']),
    );
  });

  it('GET /api/runs lists demo runs and /api/runs/:id shows one', async () => {
    const { base } = await startServer();
    const list = (await (await fetch(`${base}/api/runs`)).json()) as { runs: { id: string }[] };
    expect(list.runs.length).toBeGreaterThan(1);
    const first = list.runs[0]?.id ?? '';
    const one = (await (await fetch(`${base}/api/runs/${first}`)).json()) as {
      run: { id: string };
    };
    expect(one.run.id).toBe(first);
  });

  it('GET /api/runs/:id answers 404 JSON for an unknown id', async () => {
    const { base } = await startServer();
    const res = await fetch(`${base}/api/runs/run-999`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no run with that id' });
  });

  it('HEAD answers like GET, with the length but without a body', async () => {
    const { base } = await startServer();
    const get = await fetch(`${base}/api/runs`);
    const getBody = await get.text();
    const head = await fetch(`${base}/api/runs`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(getBody)));
    expect(await head.text()).toBe('');
  });

  it('an unknown path answers 404 JSON', async () => {
    const { base } = await startServer();
    const res = await fetch(`${base}/wp-admin/setup.php?x=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found' });
  });

  it('ignores the query string when matching a route', async () => {
    const { base } = await startServer();
    expect((await fetch(`${base}/api/runs?limit=1`)).status).toBe(200);
  });
});
