import { describe, expect, it, vi } from 'vitest';
import { ConsoleError, rangeResult, type ServerStatus } from '../../../shared/api';
import { COLUMNS_CONTENT_TYPE, encodeColumns } from '../../../shared/columns-wire';
import { createHttpConsoleApi, HOST_UNREACHABLE_FIX, type EventSourceLike } from './http-client';

type FetchArgs = Parameters<typeof fetch>;

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  readonly handlers = new Map<string, ((ev: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: string): void {
    for (const h of this.handlers.get(type) ?? []) h(new MessageEvent(type, { data }));
  }
}

describe('createHttpConsoleApi calls', () => {
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

describe('createHttpConsoleApi events', () => {
  it('shares one EventSource, delivers parsed payloads and closes after the last unsubscribe', () => {
    const sources: FakeEventSource[] = [];
    const api = createHttpConsoleApi({
      fetch: () => Promise.reject(new Error('unused')),
      createEventSource: (url) => {
        const es = new FakeEventSource(url);
        sources.push(es);
        return es;
      },
    });
    const statuses: ServerStatus[] = [];
    const offA = api.on('serverStatus', (s) => statuses.push(s));
    const offB = api.on('stackProgress', () => undefined);
    expect(sources).toHaveLength(1);
    expect(sources[0]!.url).toBe('/events');
    sources[0]!.emit('serverStatus', JSON.stringify({ listening: true }));
    sources[0]!.emit('serverStatus', 'not json');
    expect(statuses).toEqual([{ listening: true }]);
    offA();
    expect(sources[0]!.closed).toBe(false);
    offB();
    expect(sources[0]!.closed).toBe(true);
  });

  it('reports a lost connection and replaces a stream the browser closed', async () => {
    vi.useFakeTimers();
    try {
      const sources: FakeEventSource[] = [];
      const states: string[] = [];
      const api = createHttpConsoleApi({
        fetch: () => Promise.reject(new TypeError('Failed to fetch')),
        createEventSource: (url) => {
          const es = new FakeEventSource(url);
          sources.push(es);
          return es;
        },
        onConnectionChange: (s) => states.push(s),
        reconnectDelayMs: 1000,
      });
      api.on('settings', () => undefined);
      sources[0]!.onopen?.(new Event('open'));
      sources[0]!.readyState = 2;
      sources[0]!.onerror?.(new Event('error'));
      expect(states).toEqual(['connecting', 'open', 'lost']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(sources).toHaveLength(2);
      sources[1]!.onopen?.(new Event('open'));
      expect(states.at(-1)).toBe('open');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says the session expired when the restarted host refuses this tab, and stops retrying', async () => {
    vi.useFakeTimers();
    try {
      const sources: FakeEventSource[] = [];
      const states: string[] = [];
      const api = createHttpConsoleApi({
        fetch: () => Promise.resolve(new Response('Unauthorized.', { status: 401 })),
        createEventSource: (url) => {
          const es = new FakeEventSource(url);
          sources.push(es);
          return es;
        },
        onConnectionChange: (s) => states.push(s),
        reconnectDelayMs: 1000,
      });
      api.on('settings', () => undefined);
      sources[0]!.readyState = 2;
      sources[0]!.onerror?.(new Event('error'));
      await vi.advanceTimersByTimeAsync(5000);
      expect(states).toEqual(['connecting', 'lost', 'expired']);
      expect(sources).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
