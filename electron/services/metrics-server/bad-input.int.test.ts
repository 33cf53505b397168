// Garbage on the wire gets a clear 4xx from the server a user runs (the build, started by
// `peak-watch headless`), never a 500 that would feed PeakTradeHighErrorRate, and never takes
// the server down. The table is shared with the build's parity check (bad-input-cases.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_INPUT_CASES, line, rawRequest } from './bad-input-cases';
import { startBuiltServer, type BuiltServer } from './built-server';
import { sampleValue } from './testing';

let built: BuiltServer;
beforeAll(async () => {
  built = await startBuiltServer();
});
afterAll(() => built?.stop());

const scrape = async (): Promise<string> => (await fetch(`${built.base}/metrics`)).text();
const requestsServed = async (): Promise<number> =>
  ((await (await fetch(`${built.base}/api/status`)).json()) as { requests_served: number })
    .requests_served;

describe('the built server on bad input', () => {
  for (const c of BAD_INPUT_CASES) {
    it(`${c.name} answers ${c.status}`, async () => {
      const res = await rawRequest(built.port, c.request);
      expect(res.status, res.head).toBe(c.status);
      if (c.status >= 400) {
        // A sentence, never a stack trace.
        expect(res.head).not.toMatch(/\bat .*:\d+:\d+/);
        // HEAD answers carry no body.
        if (!String(c.request).startsWith('HEAD ')) {
          expect((JSON.parse(res.body) as { error: string }).error).toMatch(/\w/);
        }
      }
      expect((await fetch(`${built.base}/health`)).status).toBe(200);
    });
  }

  it('bad percent-encoding answers 400 JSON that says so, recorded as __unknown__ 400', async () => {
    const labels = { method: 'GET', route: '__unknown__', status_code: '400' };
    const before = sampleValue(await scrape(), 'peak_trade_http_requests_total', labels) ?? 0;
    const res = await rawRequest(built.port, line('GET', '/api/runs/%%%'));
    expect(res.status).toBe(400);
    expect(res.head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(res.body)).toEqual({
      error: 'bad request: malformed URL or percent-encoding',
    });
    const after = sampleValue(await scrape(), 'peak_trade_http_requests_total', labels);
    expect(after).toBe(before + 1);
  });

  it('DELETE with bad percent-encoding under /api/ answers 405 with Allow: GET, HEAD', async () => {
    const res = await rawRequest(built.port, line('DELETE', '/api/runs/%zz'));
    expect(res.status).toBe(405);
    expect(res.head).toMatch(/^allow: GET, HEAD$/im);
  });

  it('a 20 KB header answers 431 with its reason, counts as served, and the server answers on', async () => {
    const before = await requestsServed();
    const res = await rawRequest(
      built.port,
      line('GET', '/api/status', `X-Padding: ${'a'.repeat(20_000)}\r\n`),
    );
    expect(res.head.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(JSON.parse(res.body)).toEqual({ error: 'request header fields too large' });
    // /api/status counts itself: the one before, the 431, this one.
    expect(await requestsServed()).toBe(before + 2);
  });

  it('an absolute-form target (RFC 9112) is served and labelled by its template', async () => {
    const labels = { method: 'GET', route: '/api/runs/:id', status_code: '200' };
    const before = sampleValue(await scrape(), 'peak_trade_http_requests_total', labels) ?? 0;
    const res = await rawRequest(built.port, line('GET', 'http://127.0.0.1/api/runs/run-002?x=1'));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ run: { id: 'run-002' } });
    expect(sampleValue(await scrape(), 'peak_trade_http_requests_total', labels)).toBe(before + 1);
  });
});
