import { describe, expect, it, vi } from 'vitest';
import {
  CONSOLE_METHODS,
  ConsoleError,
  rangeResult,
  type ConsoleApi,
  type ServerStatus,
} from '../../../shared/api';
import { COLUMNS_CONTENT_TYPE, encodeColumns } from '../../../shared/columns-wire';
import {
  createHttpConsoleApi,
  HOST_UNREACHABLE_FIX,
  SESSION_HEADER,
  SESSION_STORAGE_KEY,
} from './http-client';

type FetchArgs = Parameters<typeof fetch>;

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** An event stream the test writes to, as the web host's /events answers. */
function eventStream(): { response: Response; send: (text: string) => void; end: () => void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
  return {
    response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    send: (text) => controller.enqueue(new TextEncoder().encode(text)),
    end: () => controller.close(),
  };
}

/** A sessionStorage stand-in (this test runs under Node, which has none). */
function memoryStorage(): Map<string, string> & {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  removeItem(k: string): void;
} {
  const map = new Map<string, string>();
  return Object.assign(map, {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  });
}

describe('createHttpConsoleApi calls', () => {
  it('has a function for every CONSOLE_METHODS method, each POSTing to /rpc/<method>', async () => {
    const urls: unknown[] = [];
    const api = createHttpConsoleApi({
      fetch: (...args: FetchArgs) => {
        urls.push(args[0]);
        return Promise.resolve(jsonResponse({ ok: true, value: null }));
      },
    });
    expect(Object.keys(api).sort()).toEqual([...CONSOLE_METHODS, 'on'].sort());
    const methods = api as unknown as Record<keyof ConsoleApi, (req?: unknown) => Promise<unknown>>;
    for (const method of CONSOLE_METHODS) await expect(methods[method]()).resolves.toBeNull();
    expect(urls).toEqual(CONSOLE_METHODS.map((m) => `/rpc/${m}`));
  });

  it('POSTs the argument as JSON to /rpc/<method> with the console header and unwraps the value', async () => {
    const calls: FetchArgs[] = [];
    const api = createHttpConsoleApi({
      fetch: (...args: FetchArgs) => {
        calls.push(args);
        return Promise.resolve(
          jsonResponse({ ok: true, value: { resultType: 'vector', result: [] } }),
        );
      },
    });
    await expect(api.query({ query: 'up' })).resolves.toEqual({ resultType: 'vector', result: [] });
    const [url, init] = calls[0]!;
    expect(url).toBe('/rpc/query');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({ 'content-type': 'application/json', 'x-peak-watch': '1' });
    expect(init?.body).toBe('{"query":"up"}');
  });

  it('sends null for a method without an argument', async () => {
    let body: unknown;
    const api = createHttpConsoleApi({
      fetch: (_url, init) => {
        body = init?.body;
        return Promise.resolve(jsonResponse({ ok: true, value: [] }));
      },
    });
    await api.getTargets();
    expect(body).toBe('null');
  });

  it('rethrows an envelope error as a ConsoleError with code and fix', async () => {
    const api = createHttpConsoleApi({
      fetch: () =>
        Promise.resolve(
          jsonResponse(
            {
              ok: false,
              error: {
                code: 'prometheus-unreachable',
                message: 'ECONNREFUSED',
                fix: 'Start the stack',
              },
            },
            502,
          ),
        ),
    });
    const err = await api.getTargets().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsoleError);
    expect(err).toMatchObject({
      code: 'prometheus-unreachable',
      message: 'ECONNREFUSED',
      fix: 'Start the stack',
    });
  });

  it('turns a network failure and a non-JSON answer into host-unreachable', async () => {
    const down = createHttpConsoleApi({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(down.getSettings()).rejects.toMatchObject({
      code: 'host-unreachable',
      message: 'Could not reach Peak Watch (Failed to fetch).',
      fix: HOST_UNREACHABLE_FIX,
    });
    const proxy = createHttpConsoleApi({
      fetch: () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 })),
    });
    await expect(proxy.getSettings()).rejects.toMatchObject({
      code: 'host-unreachable',
      message: 'Peak Watch answered getSettings with HTTP 502 and no result.',
    });
    const restarted = createHttpConsoleApi({
      fetch: () => Promise.resolve(new Response('Unauthorized.', { status: 401 })),
    });
    await expect(restarted.getSettings()).rejects.toMatchObject({ code: 'session-expired' });
    const odd = createHttpConsoleApi({ fetch: () => Promise.resolve(jsonResponse({ hello: 1 })) });
    await expect(odd.getSettings()).rejects.toMatchObject({ code: 'host-unreachable' });
  });
});

describe('createHttpConsoleApi range results', () => {
  const columnsResponse = (bytes: Uint8Array<ArrayBuffer>): Response =>
    new Response(bytes, { status: 200, headers: { 'content-type': COLUMNS_CONTENT_TYPE } });

  it("reads an answer in the columns format into Float64Arrays over the response's bytes", async () => {
    const result = rangeResult([1000, 2000], [{ metric: { route: '/a' }, values: [1.5, null] }]);
    const api = createHttpConsoleApi({
      fetch: () => Promise.resolve(columnsResponse(encodeColumns({ ok: true, value: result }))),
    });
    const got = await api.queryRange({ query: 'up', start: 1, end: 2, step: 1 });
    expect(got).toEqual(result);
    expect(got.series[0]?.values).toBeInstanceOf(Float64Array);
  });

  it('says the answer could not be read when its bytes are cut short', async () => {
    const bytes = encodeColumns({
      ok: true,
      value: rangeResult([1000], [{ metric: {}, values: [1] }]),
    });
    const api = createHttpConsoleApi({
      fetch: () => Promise.resolve(columnsResponse(bytes.slice(0, bytes.length - 8))),
    });
    const err = await api
      .queryRange({ query: 'up', start: 1, end: 2, step: 1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsoleError);
    expect((err as ConsoleError).code).toBe('host-unreachable');
    expect((err as ConsoleError).message).toMatch(
      /answer to queryRange could not be read \(.*out of bounds\)/,
    );
  });
});

describe('createHttpConsoleApi session', () => {
  it('takes the token out of the address, trades it once for a key and sends only the key', async () => {
    const calls: FetchArgs[] = [];
    const replaced: string[] = [];
    const storage = memoryStorage();
    const api = createHttpConsoleApi({
      pageUrl: 'http://127.0.0.1:4000/?token=run-token#/settings',
      replacePageUrl: (url) => replaced.push(url),
      storage,
      fetch: (...args: FetchArgs) => {
        calls.push(args);
        if (args[0] === '/session')
          return Promise.resolve(jsonResponse({ ok: true, value: { session: 'key-1' } }));
        return Promise.resolve(jsonResponse({ ok: true, value: [] }));
      },
    });
    expect(replaced).toEqual(['/#/settings']);
    await api.getTargets();
    await api.getTargets();
    expect(calls.map(([url]) => url)).toEqual(['/session', '/rpc/getTargets', '/rpc/getTargets']);
    expect(calls[0]![1]?.body).toBe('{"token":"run-token"}');
    expect(calls[0]![1]?.headers).toMatchObject({ 'x-peak-watch': '1' });
    for (const [, init] of calls.slice(1)) {
      expect(init?.headers).toMatchObject({ [SESSION_HEADER]: 'key-1' });
      expect(JSON.stringify(init)).not.toContain('run-token');
      expect(init?.credentials).toBe('omit');
    }
    expect(storage.get(SESSION_STORAGE_KEY)).toBe('key-1');
  });

  it('after a reload (no token in the address) uses the key the tab kept', async () => {
    const storage = memoryStorage();
    storage.setItem(SESSION_STORAGE_KEY, 'kept');
    let headers: unknown;
    const api = createHttpConsoleApi({
      pageUrl: 'http://127.0.0.1:4000/',
      replacePageUrl: () => expect.fail('nothing to take out of the address'),
      storage,
      fetch: (_url, init) => {
        headers = init?.headers;
        return Promise.resolve(jsonResponse({ ok: true, value: [] }));
      },
    });
    await api.getTargets();
    expect(headers).toMatchObject({ [SESSION_HEADER]: 'kept' });
  });

  it('a refused token forgets the old key and every call says the session is not accepted', async () => {
    const storage = memoryStorage();
    storage.setItem(SESSION_STORAGE_KEY, 'old');
    const api = createHttpConsoleApi({
      pageUrl: 'http://127.0.0.1:4000/?token=wrong',
      replacePageUrl: () => undefined,
      storage,
      fetch: () =>
        Promise.resolve(jsonResponse({ ok: false, error: { code: 'x', message: 'y' } }, 401)),
    });
    await expect(api.getTargets()).rejects.toMatchObject({ code: 'session-expired' });
    expect(storage.has(SESSION_STORAGE_KEY)).toBe(false);
  });
});

describe('createHttpConsoleApi events', () => {
  it('shares one stream, sends the session key, delivers parsed payloads and closes after the last unsubscribe', async () => {
    const streams: { url: unknown; init: RequestInit | undefined }[] = [];
    const stream = eventStream();
    const storage = memoryStorage();
    storage.setItem(SESSION_STORAGE_KEY, 'key');
    const api = createHttpConsoleApi({
      pageUrl: 'http://127.0.0.1:4000/',
      storage,
      fetch: (url, init) => {
        streams.push({ url, init });
        return Promise.resolve(stream.response);
      },
    });
    const statuses: ServerStatus[] = [];
    const offA = api.on('serverStatus', (s) => statuses.push(s));
    const offB = api.on('stackProgress', () => undefined);
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    expect(streams[0]!.url).toBe('/events');
    expect(streams[0]!.init?.headers).toMatchObject({ [SESSION_HEADER]: 'key' });
    stream.send(': connected\n\nevent: serverStatus\ndata: {"listening":true}\n\n');
    stream.send('event: serverStatus\ndata: not json\n\nevent: serverStatus\nda');
    stream.send('ta: {"listening":false}\n\n');
    await vi.waitFor(() => expect(statuses).toHaveLength(2));
    expect(statuses).toEqual([{ listening: true }, { listening: false }]);
    offA();
    expect(streams[0]!.init?.signal?.aborted).toBe(false);
    offB();
    expect(streams[0]!.init?.signal?.aborted).toBe(true);
  });

  it('reports a lost connection and opens the stream again', async () => {
    vi.useFakeTimers();
    try {
      const streams: ReturnType<typeof eventStream>[] = [];
      const states: string[] = [];
      const api = createHttpConsoleApi({
        pageUrl: 'http://127.0.0.1:4000/',
        storage: memoryStorage(),
        fetch: () => {
          const s = eventStream();
          streams.push(s);
          return Promise.resolve(s.response);
        },
        onConnectionChange: (s) => states.push(s),
        reconnectDelayMs: 1000,
      });
      api.on('settings', () => undefined);
      await vi.advanceTimersByTimeAsync(0);
      streams[0]!.end();
      await vi.advanceTimersByTimeAsync(0);
      expect(states).toEqual(['connecting', 'open', 'lost']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(streams).toHaveLength(2);
      expect(states.at(-1)).toBe('open');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says the session expired when the restarted host refuses this tab, and stops retrying', async () => {
    vi.useFakeTimers();
    try {
      let opened = 0;
      const states: string[] = [];
      const api = createHttpConsoleApi({
        pageUrl: 'http://127.0.0.1:4000/',
        storage: memoryStorage(),
        fetch: () => {
          opened += 1;
          return Promise.resolve(new Response('{}', { status: 401 }));
        },
        onConnectionChange: (s) => states.push(s),
        reconnectDelayMs: 1000,
      });
      api.on('settings', () => undefined);
      await vi.advanceTimersByTimeAsync(5000);
      expect(states).toEqual(['connecting', 'expired']);
      expect(opened).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
