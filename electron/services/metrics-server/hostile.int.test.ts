// A bounded hostile run against the server a user runs (the build, started by
// `peak-watch headless`): a few thousand raw requests — bad percent-encoding on every method ×
// every route template, in origin- and absolute-form, malformed request lines, oversized heads —
// while slow clients dribble their headers. Any web page can send such requests to
// 127.0.0.1:8000 with fetch(…, {mode: 'no-cors'}), and a 5xx feeds PeakTradeHighErrorRate, so:
// no 5xx on the wire, none in peak_trade_http_requests_total, and /health answers afterwards.
// Bounded in count (the lists below) and in time (a deadline; each socket has its own timeout).
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { line, rawRequest, type RawResponse } from './bad-input-cases';
import { startBuiltServer, type BuiltServer } from './built-server';
import { parseSample } from './testing';

let built: BuiltServer;
beforeAll(async () => {
  built = await startBuiltServer();
});
afterAll(() => built?.stop());

const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'get',
  'FOO',
];
const BAD_ESCAPES = [
  '%',
  '%%',
  '%%%',
  '%zz',
  '%0',
  '%G1',
  '%u0041',
  '%E0%A4%A',
  '%C0%AF',
  '%ED%A0%80',
  '%FF',
  '%E0%A4/%A4',
];

/** Every template with each bad escape as its parameter, glued to its end and as a segment. */
function badTargets(templates: readonly string[]): string[] {
  const targets: string[] = [];
  for (const template of templates) {
    for (const bad of BAD_ESCAPES) {
      if (template.includes('/:')) targets.push(template.replace(/:[^/]+/, bad));
      targets.push(`${template.replace(/:[^/]+/, 'run-001')}${bad}`);
      targets.push(`${template.replace(/:[^/]+/, 'run-001')}/${bad}`);
    }
  }
  return targets;
}

/** Each request on its own connection: the server closes after answering, so a lenient parse
 * (a request Node accepts) ends the exchange too, instead of waiting on keep-alive. */
const closing = (request: string): string =>
  request.includes('Connection:')
    ? request
    : request.replace('Host: 127.0.0.1\r\n', 'Host: 127.0.0.1\r\nConnection: close\r\n');

const MALFORMED: readonly string[] = [
  'GET\r\n\r\n',
  'GET /health\r\n\r\n',
  ' GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  'GET  /health  HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  'GET /health HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n',
  'GET /health HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n',
  'GET /health HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n',
  'GET /health HTTP/1.1\r\n: no-name\r\n\r\n',
  'GET /health HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n',
  'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n folded\r\n\r\n',
  'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n',
  'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n',
  'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
  'POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc',
  'POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n',
  'GET /%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  'GET /\x00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  'G\x00T /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: \x01\x02\r\n\r\n',
  'GET * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  'OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  'GET http:// HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  'GET http://127.0.0.1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  'GET HTTP://127.0.0.1:1/api/runs/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  'GET https://127.0.0.1/health%%% HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  'GET //health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  'GET /api/runs/../../metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  'GET /health?%%%#%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  // Pipelined: one good request, then a bad one on the same connection.
  `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n${line('GET', '/api/runs/%E0%A4%A')}`,
  `${line('DELETE', '/api/runs/%zz').replace('Connection: close\r\n', '')}${line('GET', '/health%')}`,
].map(closing);

const HUGE: readonly string[] = [
  line('GET', '/api/status', `X-Padding: ${'a'.repeat(20_000)}\r\n`),
  line('GET', `/api/runs/${'%zz'.repeat(8_000)}`),
  line('GET', `/health?${'x'.repeat(100_000)}`),
  line('POST', '/api/runs', 'X-A: b\r\n'.repeat(3_000)),
  line('GET', '/metrics', `Cookie: ${'c=%zz; '.repeat(4_000)}\r\n`),
];

/**
 * What a bad escape must get: a method Node's parser does not know (lowercase, invented) is a
 * 400 before any route; GET and HEAD a 400 for the URL; any other method 405 under /api/, where
 * nothing can be mutated whatever the path holds, and 400 elsewhere.
 */
function expectedForBadEscape(method: string, target: string): number {
  if (method === 'get' || method === 'FOO' || method === 'GET' || method === 'HEAD') return 400;
  const path = target.replace(/^http:\/\/127\.0\.0\.1/, '');
  return path === '/api' || path.startsWith('/api/') ? 405 : 400;
}

interface Outcome {
  request: string;
  response: RawResponse | null;
  error: string | null;
}

/** Sends every request with `concurrency` connections at once; stops starting new ones at the deadline. */
async function flood(
  port: number,
  requests: readonly string[],
  concurrency: number,
  deadline: number,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length && Date.now() < deadline) {
      const request = requests[next++] as string;
      try {
        outcomes.push({ request, response: await rawRequest(port, request, 5_000), error: null });
      } catch (err) {
        outcomes.push({ request, response: null, error: String(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

/**
 * A client that sends its request line and then one header byte a second, never finishing. The
 * server must cut it with 408 after its headers timeout (10 s, checked every 2 s). Bounded: the
 * socket is destroyed after `giveUpMs` either way.
 */
function slowClient(port: number, giveUpMs: number): Promise<{ status: number; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1');
    let text = '';
    const drip = setInterval(() => socket.write('a'), 1_000);
    const finish = (): void => {
      clearInterval(drip);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? NaN),
        ms: Date.now() - started,
      });
    };
    const giveUp = setTimeout(finish, giveUpMs);
    socket.on('data', (b: Buffer) => (text += b.toString()));
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  });
}

/** peak_trade_http_requests_total summed per status class ("2xx", "4xx", "5xx"). */
function requestsByClass(exposition: string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const l of exposition.split('\n')) {
    const s = parseSample(l);
    const code = s?.labels.status_code;
    if (s?.name !== 'peak_trade_http_requests_total' || code === undefined) continue;
    const key = `${code[0]}xx`;
    sums[key] = (sums[key] ?? 0) + s.value;
  }
  return sums;
}

describe('a bounded hostile run against the built server', () => {
  it('never answers 5xx, records no 5xx, cuts slow clients with 408, and answers /health after', async () => {
    const routes = (await (await fetch(`${built.base}/api/routes`)).json()) as {
      routes: string[];
    };
    expect(routes.routes).toContain('/api/runs/:id');
    const targets = badTargets(routes.routes);
    const requests: string[] = [];
    const expected = new Map<string, number>();
    for (const method of METHODS) {
      for (const target of targets) {
        for (const form of [target, `http://127.0.0.1${target}`]) {
          const request = line(method, form);
          requests.push(request);
          expected.set(request, expectedForBadEscape(method, form));
        }
      }
    }
    requests.push(...MALFORMED, ...HUGE);
    expect(requests.length).toBeGreaterThan(3_000);
    const before = requestsByClass(await (await fetch(`${built.base}/metrics`)).text());

    const slow = Array.from({ length: 4 }, () => slowClient(built.port, 25_000));
    const outcomes = await flood(built.port, requests, 16, Date.now() + 60_000);

    // Every request was sent and answered in time (the deadline did not cut the run short).
    expect(outcomes.length).toBe(requests.length);
    const failed = outcomes.filter((o) => o.error !== null).map((o) => `${o.error}`);
    expect(failed.slice(0, 5)).toEqual([]);
    const serverErrors = outcomes
      .filter((o) => (o.response?.statuses ?? []).some((s) => s >= 500))
      .map((o) => `${o.response?.statuses.join(',')} ← ${JSON.stringify(o.request.slice(0, 90))}`);
    expect(serverErrors.slice(0, 10), `${serverErrors.length} requests got a 5xx`).toEqual([]);
    const unanswered = outcomes
      .filter((o) => o.response !== null && o.response.statuses.length === 0)
      .map((o) => JSON.stringify(o.request.slice(0, 90)));
    expect(unanswered).toEqual([]);
    const unexpected = outcomes
      .filter((o) => expected.has(o.request) && o.response?.status !== expected.get(o.request))
      .map(
        (o) => `${o.response?.status} ≠ ${expected.get(o.request)} ← ${o.request.split('\r\n')[0]}`,
      );
    expect(unexpected.slice(0, 10), `${unexpected.length} bad escapes got another status`).toEqual(
      [],
    );
    const statuses = new Set(outcomes.flatMap((o) => o.response?.statuses ?? []));
    expect([...statuses].sort()).toEqual(expect.arrayContaining([400, 405, 431]));

    for (const result of await Promise.all(slow)) {
      expect(result.status).toBe(408);
    }

    expect((await fetch(`${built.base}/health`)).status).toBe(200);
    const after = requestsByClass(await (await fetch(`${built.base}/metrics`)).text());
    // What PeakTradeHighErrorRate reads: the run added no 5xx, and it was recorded at all.
    expect(after['5xx'] ?? 0).toBe(before['5xx'] ?? 0);
    expect((after['4xx'] ?? 0) - (before['4xx'] ?? 0)).toBeGreaterThan(1_000);
  }, 120_000);
});
