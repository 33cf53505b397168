// The web host over real HTTP on loopback, in front of the real core (real metrics server).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rangeResult, type ConsoleApi, type Envelope, type ServerStatus } from '../../shared/api';
import { COLUMNS_CONTENT_TYPE, decodeColumns } from '../../shared/columns-wire';
import { createConsole, type ConsoleCore } from '../services/console';
import { startWebHost, type WebHost } from './server';

let core: ConsoleCore;
let host: WebHost;
let rendererDir: string;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pw-webhost-'));
  rendererDir = join(dataDir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Peak Watch</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  core = await createConsole({ dataDir, metricsPort: 0 });
  host = await startWebHost({ api: core.api, rendererDir });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
});

const auth = () => ({ authorization: `Bearer ${host.token}` });

async function rpc<T>(method: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(`/rpc/${method}`, host.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-peak-watch': '1', ...auth(), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Envelope<T> };
}

describe('web host token rule', () => {
  it('answers 401 to calls and the event stream without a credential', async () => {
    for (const path of ['/events', '/rpc/getServerStatus']) {
      const res = await fetch(new URL(path, host.baseUrl), {
        method: path.startsWith('/rpc') ? 'POST' : 'GET',
        headers: { 'x-peak-watch': '1' },
      });
      expect(res.status, path).toBe(401);
      expect(await res.text()).toMatch(/Open the console with the URL/);
    }
  });

  it('serves the public renderer files to anyone on a loopback Host, with its CSP', async () => {
    const page = await fetch(host.baseUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Peak Watch</title>');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect((await fetch(new URL('/assets/app.js', host.baseUrl))).status).toBe(200);
  });

  it('trades the token for a session key by POST only, and refuses a wrong token', async () => {
    const open = (token: string, init: RequestInit = {}) =>
      fetch(new URL('/session', host.baseUrl), {
        method: 'POST',
        headers: { 'x-peak-watch': '1', 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
        ...init,
      });
    expect((await open('wrong')).status).toBe(401);
    expect((await open(host.token, { method: 'GET', body: null })).status).toBe(405);
    expect((await open(host.token, { headers: {} })).status).toBe(403);
    const res = await open(host.token);
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = (await res.json()) as Envelope<{ session: string }>;
    const key = body.ok ? body.value.session : '';
    const call = await rpc('getServerStatus', null, {
      authorization: '',
      'x-peak-watch-session': key,
    });
    expect(call.status).toBe(200);
  });

  it('refuses a request whose Host is not loopback (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        new URL(host.baseUrl),
        { headers: { host: 'evil.example:80', ...auth() } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await fetch(new URL('/..%2f..%2f..%2fetc%2fpasswd', host.baseUrl), {
      headers: auth(),
    });
    expect(await res.text()).not.toMatch(/root:/);
  });
});

describe('web host ConsoleApi over HTTP', () => {
  it('serves the embedded server status', async () => {
    const { status, body } = await rpc<ServerStatus>('getServerStatus', null);
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    if (body.ok) {
      expect(body.value.listening).toBe(true);
      expect(body.value.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
  });

  it('rejects an RPC without the x-peak-watch header (cross-site forms cannot add it)', async () => {
    const { status } = await rpc('getServerStatus', null, { 'x-peak-watch': '' });
    expect(status).toBe(403);
  });

  it('returns a readable error for an invalid payload, naming the field', async () => {
    const { body } = await rpc('updateSettings', { server: { port: 'eighty' } });
    expect(body.ok).toBe(false);
    if (!body.ok) {
      expect(body.error.code).toBe('invalid-request');
      expect(body.error.message).toMatch(/server\.port/);
    }
  });

  it('answers 404 for a method the contract does not have', async () => {
    const { status, body } = await rpc('deleteEverything', null);
    expect(status).toBe(404);
    expect(body.ok).toBe(false);
  });

  it("sends a range result as its arrays' bytes and every other answer as JSON", async () => {
    // The core's own queryRange needs a Prometheus; what is tested here is how the host sends
    // the columns the core returns, so this host's core answers queryRange with a fixed result.
    const result = rangeResult([1000, 2000], [{ metric: { route: '/a' }, values: [NaN, 2] }]);
    const api = { ...core.api, queryRange: () => Promise.resolve(result) } as ConsoleApi;
    const columnsHost = await startWebHost({ api, rendererDir });
    try {
      const call = (method: string, body: unknown) =>
        fetch(new URL(`/rpc/${method}`, columnsHost.baseUrl), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-peak-watch': '1',
            authorization: `Bearer ${columnsHost.token}`,
          },
          body: JSON.stringify(body),
        });
      const res = await call('queryRange', { query: 'up', start: 1, end: 2, step: 1 });
      expect(res.headers.get('content-type')).toBe(COLUMNS_CONTENT_TYPE);
      expect(decodeColumns(await res.arrayBuffer())).toEqual({ ok: true, value: result });
      const plain = await call('getServerStatus', null);
      expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await plain.json()) as Envelope<ServerStatus>).ok).toBe(true);
    } finally {
      await columnsHost.close();
    }
  });

  it('pushes a serverStatus event over SSE when a flag changes', async () => {
    const ctrl = new AbortController();
    const res = await fetch(new URL('/events', host.baseUrl), {
      headers: auth(),
      signal: ctrl.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader() as {
      read(): Promise<{ value?: Uint8Array; done: boolean }>;
    };
    const seen = (async () => {
      let text = '';
      while (!text.includes('event: serverStatus')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return text;
    })();
    await rpc('updateSettings', { server: { enabled: true } });
    const text = await seen;
    ctrl.abort();
    const data = /event: serverStatus\ndata: (.*)\n/.exec(text)?.[1];
    expect(JSON.parse(data ?? '{}')).toMatchObject({ enabled: true });
  });
});
