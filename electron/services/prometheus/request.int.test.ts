// The failure modes a real Prometheus will not produce on demand (a hang, an HTML 503 from a
// proxy, a stalled body), played by a tiny node:http stand-in on 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PrometheusClient } from './client';
import { rejection } from './testing';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server | null = null;
let client: PrometheusClient | null = null;
let connections = 0;

async function standIn(
  handler: Handler,
  timeoutMs = 10_000,
  prefix = '',
): Promise<PrometheusClient> {
  connections = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, res, body));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new PrometheusClient({ baseUrl: `http://127.0.0.1:${port}${prefix}`, timeoutMs });
  return client;
}

afterEach(async () => {
  await client?.close();
  client = null;
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

const json = (res: ServerResponse, status: number, value: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
};

describe('PrometheusClient against a stand-in HTTP server', () => {
  it('times out on a server that never answers, within the configured time', async () => {
    const c = await standIn(() => undefined, 300);
    const started = Date.now();
    const err = await rejection(c.query('up'));
    expect(err.code).toBe('prometheus-timeout');
    expect(err.message).toMatch(/did not answer within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('times out on a body that stalls after the headers', async () => {
    const c = await standIn((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":"success","data":');
    }, 400);
    expect((await rejection(c.targets())).code).toBe('prometheus-timeout');
  });

  it('stops reading an answer larger than 64 MB and says so (a hostile source cannot fill the memory)', async () => {
    const limit = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const c = await standIn((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Bounded: at most twice the limit, stopped as soon as the client hangs up.
      let sent = 0;
      const more = (): void => {
        while (sent < (2 * limit) / chunk.length && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('close', () => (sent = Infinity));
      more();
    });
    const err = await rejection(c.query('up'));
    expect(err.code).toBe('prometheus-bad-response');
    expect(err.message).toContain('more than 64 MB');
  });

  it('reports an HTML 503 page as a bad response, quoting it', async () => {
    const c = await standIn((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
    });
    const err = await rejection(c.query('up'));
    expect(err.code).toBe('prometheus-bad-response');
    expect(err.message).toMatch(/HTTP 503 with something that is not JSON/);
    expect(err.message).toContain('503 Service Unavailable');
  });

  it('reports a JSON error envelope that is not about the query as a bad response', async () => {
    const c = await standIn((_req, res) =>
      json(res, 500, { status: 'error', errorType: 'internal', error: 'disk on fire' }),
    );
    const err = await rejection(c.query('up'));
    expect(err.code).toBe('prometheus-bad-response');
    expect(err.message).toContain('disk on fire');
  });

  it("reports Prometheus's own query timeout as a timeout", async () => {
    const c = await standIn((_req, res) =>
      json(res, 503, {
        status: 'error',
        errorType: 'timeout',
        error: 'query timed out in expression evaluation',
      }),
    );
    const err = await rejection(c.queryRange('up', 0, 60, 15));
    expect(err.code).toBe('prometheus-timeout');
    expect(err.message).toContain('query timed out');
  });

  it('reports JSON of the wrong shape as a bad response', async () => {
    const c = await standIn((_req, res) =>
      json(res, 200, { status: 'success', data: { resultType: 'vector', result: 'nope' } }),
    );
    const err = await rejection(c.query('up'));
    expect(err.code).toBe('prometheus-bad-response');
    expect(err.message).toMatch(/unexpected instant query result/);
  });

  it('sends PromQL as a form body, keeps a path prefix, and reuses one connection', async () => {
    const seen: { url?: string; type?: string; body: string }[] = [];
    const c = await standIn(
      (req, res, body) => {
        seen.push({ url: req.url, type: req.headers['content-type'], body });
        json(res, 200, { status: 'success', data: { resultType: 'vector', result: [] } });
      },
      10_000,
      '/prom',
    );
    await c.query('sum(rate(x{route=~"/a|/b"}[5m]))', 1700000000);
    for (let i = 0; i < 4; i++) {
      // Let undici hand the socket back to the pool before the next request.
      await new Promise((resolve) => setImmediate(resolve));
      await c.query('up');
    }
    expect(seen[0]).toEqual({
      url: '/prom/api/v1/query',
      type: 'application/x-www-form-urlencoded',
      body: new URLSearchParams({
        query: 'sum(rate(x{route=~"/a|/b"}[5m]))',
        time: '1700000000',
      }).toString(),
    });
    expect(connections).toBe(1);
  });

  it('stops at once when the caller cancels', async () => {
    const c = await standIn(() => undefined);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect((await rejection(c.query('up', undefined, { signal: ac.signal }))).code).toBe('aborted');
  });

  it('treats an unexpected /-/ready status as a bad response, 503 as not ready yet', async () => {
    let status = 404;
    const c = await standIn((_req, res) => {
      res.writeHead(status);
      res.end('nope');
    });
    expect((await rejection(c.ready())).code).toBe('prometheus-bad-response');
    status = 503;
    expect(await c.ready()).toBe(false);
  });
});
