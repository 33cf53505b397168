// The ConsoleApi over the web host: POST /rpc/<method> for calls, one event stream on /events
// for every subscription. Auth is a session key of this page's own: the console URL carries the
// per-run token once; the client takes it out of the address bar at once, trades it for a key
// (POST /session) and keeps the key in sessionStorage, which the browser scopes to this origin
// including its port — no page on another port can read it, and a reload keeps it. The key goes
// in a header, so the browser sends nothing by itself that another local server could replay;
// that is also why events come through fetch() (EventSource cannot send a header). Every failure
// becomes a ConsoleError the UI can show: an Envelope error as the host sent it, anything else
// as 'host-unreachable' or 'session-expired'.
import {
  CONSOLE_EVENTS,
  CONSOLE_METHODS,
  ConsoleError,
  isEnvelope,
  unwrap,
  type ConsoleApi,
  type ConsoleEvent,
  type ConsoleEvents,
  type ConsoleMethod,
  type Envelope,
} from '../../../shared/api';
import { COLUMNS_CONTENT_TYPE, decodeColumns } from '../../../shared/columns-wire';

/** 'expired': the host answers but does not accept this page (no session, or it restarted). */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'expired';

/** Where the page's session key is kept: window.sessionStorage in a browser. */
export type SessionStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface HttpClientOptions {
  /** Prefix for /session, /rpc and /events; '' means same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Told whenever the event stream opens or breaks (the "connection lost" banner). */
  onConnectionChange?: (state: ConnectionState) => void;
  /** Delay before opening the event stream again after it broke. */
  reconnectDelayMs?: number;
  /** The page's address (window.location.href), read once for the one-time ?token=. */
  pageUrl?: string;
  /** Shows the address without the token (history.replaceState in a browser). */
  replacePageUrl?: (url: string) => void;
  storage?: SessionStore;
}

export const HOST_UNREACHABLE_FIX = 'Is the Peak Watch process still running?';
export const SESSION_EXPIRED = 'session-expired';
/** The header the web host reads the session key from (electron/web-host/server.ts). */
export const SESSION_HEADER = 'x-peak-watch-session';
export const SESSION_STORAGE_KEY = 'peak-watch-session';

/** Every client this module made: the renderer asks its client which host it runs under. */
const webClients = new WeakSet<ConsoleApi>();

/** Whether this ConsoleApi talks to the web host (a browser tab), not the desktop window. */
export function isWebHostClient(api: ConsoleApi): boolean {
  return webClients.has(api);
}

function unreachable(message: string): ConsoleError {
  return new ConsoleError({ code: 'host-unreachable', message, fix: HOST_UNREACHABLE_FIX });
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
  const reconnectDelayMs = options.reconnectDelayMs ?? 3000;
  const storage = options.storage ?? browserSessionStorage();

  // The token leaves the address bar before anything else runs, so no screenshot, bookmark or
  // history entry keeps it.
  let pendingToken: string | null = null;
  const pageUrl = options.pageUrl ?? (typeof window === 'undefined' ? '' : window.location.href);
  if (pageUrl) {
    const url = new URL(pageUrl);
    pendingToken = url.searchParams.get('token');
    if (pendingToken !== null) {
      url.searchParams.delete('token');
      const replace =
        options.replacePageUrl ??
        ((next: string) => window.history.replaceState(window.history.state, '', next));
      replace(url.pathname + url.search + url.hash);
    }
  }

  let exchanging: Promise<string | null> | null = null;
  /** The key in memory too, for a browser with storage switched off. */
  let heldKey: string | null = null;
  /** This page's session key: traded for the URL's token once, then from sessionStorage. */
  function sessionKey(): Promise<string | null> {
    if (pendingToken === null) {
      return Promise.resolve(heldKey ?? storage?.getItem(SESSION_STORAGE_KEY) ?? null);
    }
    exchanging ??= (async () => {
      const token = pendingToken;
      let response: Response;
      try {
        response = await doFetch(`${base}/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-peak-watch': '1' },
          body: JSON.stringify({ token }),
          credentials: 'omit',
        });
      } catch (err) {
        exchanging = null; // The host may come back: try the token again on the next call.
        const why = err instanceof Error ? err.message : String(err);
        throw unreachable(`Could not reach Peak Watch (${why}).`);
      }
      pendingToken = null;
      const body = (await response.json().catch(() => undefined)) as
        Envelope<{ session?: unknown }> | undefined;
      const key = body?.ok && typeof body.value.session === 'string' ? body.value.session : null;
      // A wrong or old token: whatever key this tab had is for another run as well.
      heldKey = key;
      if (key === null) storage?.removeItem(SESSION_STORAGE_KEY);
      else storage?.setItem(SESSION_STORAGE_KEY, key);
      return key;
    })();
    return exchanging;
  }

  async function authHeaders(): Promise<Record<string, string>> {
    const key = await sessionKey();
    return key === null ? {} : { [SESSION_HEADER]: key };
  }

  function sessionExpired(): ConsoleError {
    return new ConsoleError({
      code: SESSION_EXPIRED,
      message:
        'Peak Watch does not accept this console page (it was opened without the printed URL, or Peak Watch restarted with a new token).',
      fix: 'Open the console again with the URL (including ?token=…) that Peak Watch printed at start.',
    });
  }

  async function call<T>(method: ConsoleMethod, arg?: unknown): Promise<T> {
    const auth = await authHeaders();
    let response: Response;
    try {
      response = await doFetch(`${base}/rpc/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-peak-watch': '1', ...auth },
        body: JSON.stringify(arg ?? null),
        credentials: 'omit',
      });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw unreachable(`Could not reach Peak Watch (${why}).`);
    }
    if (response.status === 401) throw sessionExpired();
    const body = await readBody(response, method);
    if (isEnvelope(body)) return unwrap(body as Envelope<T>);
    throw unreachable(`Peak Watch answered ${method} with HTTP ${response.status} and no result.`);
  }

  // One event stream for all subscriptions, opened on the first and closed after the last.
  const listeners = new Map<ConsoleEvent, Set<(payload: never) => void>>();
  let stream: AbortController | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let state: ConnectionState | null = null;

  function setState(next: ConnectionState): void {
    if (state === next) return;
    state = next;
    options.onConnectionChange?.(next);
  }

  function dispatchEvent(event: string, data: string): void {
    if (!(CONSOLE_EVENTS as readonly string[]).includes(event)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return; // A garbled message is dropped; the next status event carries the full state again.
    }
    for (const listener of listeners.get(event as ConsoleEvent) ?? []) {
      (listener as (p: unknown) => void)(payload);
    }
  }

  /** Reads the stream until it ends: 'refused' when the host does not know this page. */
  async function readStream(ctrl: AbortController): Promise<'refused' | 'broken'> {
    let response: Response;
    try {
      response = await doFetch(`${base}/events`, {
        headers: { accept: 'text/event-stream', ...(await authHeaders()) },
        credentials: 'omit',
        cache: 'no-store',
        signal: ctrl.signal,
      });
    } catch {
      return 'broken';
    }
    if (response.status === 401) return 'refused';
    if (!response.ok || !response.body) return 'broken';
    if (stream === ctrl) setState('open');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return 'broken';
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined && stream === ctrl) {
            dispatchEvent(event, data);
          }
        }
      }
    } catch {
      return 'broken';
    }
  }

  function open(): void {
    const ctrl = new AbortController();
    stream = ctrl;
    // After a loss the banner stays until the new stream is really open.
    if (state !== 'lost' && state !== 'expired') setState('connecting');
    void readStream(ctrl).then((outcome) => {
      if (stream !== ctrl) return; // Closed on purpose, or replaced.
      if (outcome === 'refused') {
        // A page without a session stays refused until it is opened with the printed URL.
        setState('expired');
        return;
      }
      setState('lost');
      reconnectTimer = setTimeout(() => {
        reconnectTimer = null;
        if (stream === ctrl) open();
      }, reconnectDelayMs);
    });
  }

  function closeIfUnused(): void {
    for (const set of listeners.values()) if (set.size > 0) return;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    stream?.abort();
    stream = null;
    state = null;
  }

  // One POST /rpc/<method> per name in the contract's list: a method added to the contract is
  // served here with no edit.
  const methods = Object.fromEntries(
    CONSOLE_METHODS.map((method) => [method, (req?: unknown) => call(method, req)]),
  ) as Omit<ConsoleApi, 'on'>;
  const api: ConsoleApi = {
    ...methods,
    on<E extends ConsoleEvent>(event: E, listener: (payload: ConsoleEvents[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as (payload: never) => void;
      set.add(entry);
      if (!stream) open();
      return () => {
        set.delete(entry);
        closeIfUnused();
      };
    },
  };
  webClients.add(api);
  return api;
}

function browserSessionStorage(): SessionStore | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    return undefined; // Storage switched off: the page works until it is reloaded.
  }
}
