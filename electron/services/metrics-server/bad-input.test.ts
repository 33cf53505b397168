// Garbage on the wire gets a clear 4xx and never takes the server down. Raw sockets, because
// fetch would repair or refuse these requests before they left the client.
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest, sampleValue, scrape, startServer, stopAllServers } from './testing';

afterEach(stopAllServers);

const get = (target: string, extra = ''): string =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`;

describe('bad requests', () => {
  it('bad percent-encoding in the path answers 400 JSON and is labelled __unknown__', async () => {
    const { port, base } = await startServer({ enabled: true });
    const res = await rawRequest(port, get('/api/runs/%E0%A4%A'));
    expect(res.status).toBe(400);
    expect(res.head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(res.body)).toEqual({
      error: 'bad request: malformed URL or percent-encoding',
    });
    const text = await scrape(base);
    expect(
      sampleValue(text, 'peak_trade_http_requests_total', {
        method: 'GET',
        route: '__unknown__',
        status_code: '400',
      }),
    ).toBe(1);
  });

  for (const [what, bytes] of [
    ['a control character in the URL', Buffer.from(get('/api/\x01runs'), 'latin1')],
    ['a space inside the URL', get('/api/ru ns')],
    ['a request target without a leading slash', get('api/runs')],
    ['a line that is not HTTP at all', 'HELLO THERE\r\n\r\n'],
  ] as const) {
    it(`${what} answers 400 JSON and the server keeps answering`, async () => {
      const { port, base } = await startServer();
      const res = await rawRequest(port, bytes);
      expect(res.status).toBe(400);
      expect(res.head).not.toMatch(/\bat .*:\d+:\d+/);
      expect((JSON.parse(res.body) as { error: string }).error).toMatch(/^bad request/);
      expect((await fetch(`${base}/health`)).status).toBe(200);
    });
  }

  it('a 20 KB header answers 431 Request Header Fields Too Large and the server keeps answering', async () => {
    const { port, base, server } = await startServer();
    const res = await rawRequest(port, get('/api/status', `X-Padding: ${'a'.repeat(20_000)}\r\n`));
    expect(res.head.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(JSON.parse(res.body)).toEqual({ error: 'request header fields too large' });
    expect((await fetch(`${base}/api/status`)).status).toBe(200);
    expect(server.status().requestsServed).toBe(2);
  });

  it('a header just under the limit is still served', async () => {
    const { port } = await startServer();
    const res = await rawRequest(port, get('/health', `X-Padding: ${'a'.repeat(12_000)}\r\n`));
    expect(res.status).toBe(200);
  });

  it('accepts the absolute-form request target (RFC 9112) and labels it by template', async () => {
    const { port } = await startServer();
    const res = await rawRequest(port, get('http://127.0.0.1/api/runs/run-002?x=1'));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ run: { id: 'run-002' } });
  });

  it('a percent-encoded run id is decoded before lookup', async () => {
    const { base } = await startServer();
    expect((await fetch(`${base}/api/runs/run%2D001`)).status).toBe(200);
  });
});
