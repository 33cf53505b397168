// The ConsoleApi over the web host: POST /rpc/<method> for calls (here), one event stream on
// /events for every subscription (event-stream.ts), both with this page's session key
// (web-session.ts). Every failure becomes a ConsoleError the UI can show: an Envelope error as
// the host sent it, anything else as 'host-unreachable' or 'session-expired'.
import {
  CONSOLE_METHODS,
  isEnvelope,
  unwrap,
  type ConsoleApi,
  type ConsoleMethod,
  type Envelope,
} from '../../../shared/api';
import { COLUMNS_CONTENT_TYPE, decodeColumns } from '../../../shared/columns-wire';
import { createEventStream, type ConnectionState } from './event-stream';
import { createSession, sessionExpired, unreachable, type SessionStore } from './web-session';

export type { ConnectionState } from './event-stream';
export {
  HOST_UNREACHABLE_FIX,
  SESSION_EXPIRED,
  SESSION_HEADER,
  SESSION_STORAGE_KEY,
  type SessionStore,
} from './web-session';

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

/** Every client this module made: the renderer asks its client which host it runs under. */
const webClients = new WeakSet<ConsoleApi>();

/** Whether this ConsoleApi talks to the web host (a browser tab), not the desktop window. */
export function isWebHostClient(api: ConsoleApi): boolean {
  return webClients.has(api);
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
  const authHeaders = createSession({
    base,
    doFetch,
    pageUrl: options.pageUrl ?? (typeof window === 'undefined' ? '' : window.location.href),
    replacePageUrl: options.replacePageUrl,
    storage: options.storage ?? browserSessionStorage(),
  });

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

  // One POST /rpc/<method> per name in the contract's list: a method added to the contract is
  // served here with no edit.
  const methods = Object.fromEntries(
    CONSOLE_METHODS.map((method) => [method, (req?: unknown) => call(method, req)]),
  ) as Omit<ConsoleApi, 'on'>;
  const api: ConsoleApi = {
    ...methods,
    on: createEventStream({
      base,
      doFetch,
      authHeaders,
      onConnectionChange: options.onConnectionChange,
      reconnectDelayMs: options.reconnectDelayMs ?? 3000,
    }),
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
