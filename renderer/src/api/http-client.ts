// The ConsoleApi over the web host: POST /rpc/<method> for calls, one EventSource on /events for
// every subscription. Auth is the HttpOnly cookie the web host set when the console URL was
// opened, so same-origin fetch needs nothing more. Every failure becomes a ConsoleError the UI
// can show: an Envelope error as the host sent it, anything else as 'host-unreachable'.
import {
  CONSOLE_EVENTS,
  ConsoleError,
  unwrap,
  type ConsoleApi,
  type ConsoleEvent,
  type ConsoleEvents,
  type ConsoleMethod,
  type Envelope,
} from '../../../shared/api';
import { COLUMNS_CONTENT_TYPE, decodeColumns } from '../../../shared/columns-wire';

/** 'expired': the host answers but no longer accepts this tab (it restarted with a new token). */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'expired';

/** The slice of EventSource the client uses, so tests can hand in a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void;
  close(): void;
}

export interface HttpClientOptions {
  /** Prefix for /rpc and /events; '' means same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSourceLike;
  /** Told whenever the event stream opens or breaks (the "connection lost" banner). */
  onConnectionChange?: (state: ConnectionState) => void;
  /** Delay before replacing an EventSource the browser gave up on (it closed for good). */
  reconnectDelayMs?: number;
}

export const HOST_UNREACHABLE_FIX = 'Is the Peak Watch process still running?';
export const SESSION_EXPIRED = 'session-expired';
const EVENT_SOURCE_CLOSED = 2;

function unreachable(message: string): ConsoleError {
  return new ConsoleError({ code: 'host-unreachable', message, fix: HOST_UNREACHABLE_FIX });
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (!value || typeof value !== 'object' || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  if (v.ok === true) return 'value' in value;
  return v.ok === false && !!v.error && typeof v.error === 'object';
}

/**
 * The answer's body: range results come as their arrays' bytes (shared/columns-wire.ts), which
 * must decode; the rest is JSON, and a body that is not (a proxy's error page) is undefined.
 */
async function readBody(response: Response, method: ConsoleMethod): Promise<unknown> {
  if (!response.headers.get('content-type')?.startsWith(COLUMNS_CONTENT_TYPE))
    return response.json().catch(() => undefined);
  const bytes = await response.arrayBuffer().catch(() => null);
  if (!bytes) return undefined;
  try {
    return decodeColumns(bytes);
  } catch (err) {
    throw unreachable(
      `Peak Watch's answer to ${method} could not be read (${(err as Error).message}).`,
    );
  }
}

export function createHttpConsoleApi(options: HttpClientOptions = {}): ConsoleApi {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const reconnectDelayMs = options.reconnectDelayMs ?? 3000;

  async function call<T>(method: ConsoleMethod, arg?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${base}/rpc/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-peak-watch': '1' },
        body: JSON.stringify(arg ?? null),
        credentials: 'same-origin',
      });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw unreachable(`Could not reach Peak Watch (${why}).`);
    }
    const body = await readBody(response, method);
    if (isEnvelope(body)) return unwrap(body as Envelope<T>);
    if (response.status === 401) {
      // The token is per run: a restarted Peak Watch no longer knows this tab's cookie.
      throw new ConsoleError({
        code: SESSION_EXPIRED,
        message:
          'Peak Watch no longer accepts this console session (it restarted with a new token).',
        fix: 'Open the console again with the URL Peak Watch printed at start.',
      });
    }
    throw unreachable(`Peak Watch answered ${method} with HTTP ${response.status} and no result.`);
  }

  // One EventSource for all subscriptions, opened on the first and closed after the last.
  const listeners = new Map<ConsoleEvent, Set<(payload: never) => void>>();
  let source: EventSourceLike | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let state: ConnectionState | null = null;

  function setState(next: ConnectionState): void {
    if (state === next) return;
    state = next;
    options.onConnectionChange?.(next);
  }

  function dispatchEvent(event: ConsoleEvent, message: MessageEvent<string>): void {
    let payload: unknown;
    try {
      payload = JSON.parse(message.data);
    } catch {
      return; // A garbled message is dropped; the next status event carries the full state again.
    }
    for (const listener of listeners.get(event) ?? []) {
      (listener as (p: unknown) => void)(payload);
    }
  }

  function open(): void {
    const es = createEventSource(`${base}/events`);
    source = es;
    // After a loss the banner stays until the new stream is really open.
    if (state !== 'lost') setState('connecting');
    es.onopen = () => setState('open');
    es.onerror = () => {
      if (state !== 'expired') setState('lost');
      // The browser retries a dropped stream by itself; a refused one (HTTP 401 after a restart
      // with a new token) it closes for good. Ask the host why before starting afresh.
      if (es.readyState === EVENT_SOURCE_CLOSED && source === es && !reconnectTimer) {
        reconnectTimer = setTimeout(() => {
          void call('getServerStatus')
            .then(
              () => true,
              (err: unknown) => !(err instanceof ConsoleError && err.code === SESSION_EXPIRED),
            )
            .then((retry) => {
              reconnectTimer = null;
              if (source !== es) return;
              if (retry) open();
              else setState('expired');
            });
        }, reconnectDelayMs);
      }
    };
    for (const event of CONSOLE_EVENTS) {
      es.addEventListener(event, (message: MessageEvent<string>) => dispatchEvent(event, message));
    }
  }

  function closeIfUnused(): void {
    for (const set of listeners.values()) if (set.size > 0) return;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    source?.close();
    source = null;
    state = null;
  }

  return {
    getServerStatus: () => call('getServerStatus'),
    getSettings: () => call('getSettings'),
    updateSettings: (patch) => call('updateSettings', patch),
    getStackStatus: () => call('getStackStatus'),
    startStack: () => call('startStack'),
    stopStack: () => call('stopStack'),
    getStackLogs: (req) => call('getStackLogs', req),
    runPreflight: (req) => call('runPreflight', req),
    query: (req) => call('query', req),
    queryRange: (req) => call('queryRange', req),
    getTargets: () => call('getTargets'),
    getLabelValues: (req) => call('getLabelValues', req),
    getLabelNames: (req) => call('getLabelNames', req),
    getSeries: (req) => call('getSeries', req),
    getMetricMetadata: (req) => call('getMetricMetadata', req),
    getQueryHistory: (req) => call('getQueryHistory', req),
    addQueryHistory: (req) => call('addQueryHistory', req),
    getGrafanaInfo: () => call('getGrafanaInfo'),
    revealGrafanaPassword: () => call('revealGrafanaPassword'),
    revealPrometheusPassword: () => call('revealPrometheusPassword'),
    openExternal: (req) => call('openExternal', req),
    sendTraffic: (req) => call('sendTraffic', req),
    getAlerts: () => call('getAlerts'),
    on<E extends ConsoleEvent>(event: E, listener: (payload: ConsoleEvents[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as (payload: never) => void;
      set.add(entry);
      if (!source) open();
      return () => {
        set.delete(entry);
        closeIfUnused();
      };
    },
  };
}
