// This page's session with the web host: the console URL carries the per-run token once; it
// leaves the address bar at once, is traded for a key of this page's own (POST /session) and the
// key is kept in sessionStorage, which the browser scopes to this origin including its port — no
// page on another port can read it, and a reload keeps it. The key goes in a header
// (SESSION_HEADER), so the browser sends nothing by itself that another local server could replay.
import { ConsoleError, type Envelope } from '../../../shared/api';

/** Where the page's session key is kept: window.sessionStorage in a browser. */
export type SessionStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const HOST_UNREACHABLE_FIX = 'Is the Peak Watch process still running?';
export const SESSION_EXPIRED = 'session-expired';
/** The header the web host reads the session key from (electron/web-host/server.ts). */
export const SESSION_HEADER = 'x-peak-watch-session';
export const SESSION_STORAGE_KEY = 'peak-watch-session';

export function unreachable(message: string): ConsoleError {
  return new ConsoleError({ code: 'host-unreachable', message, fix: HOST_UNREACHABLE_FIX });
}

export function sessionExpired(): ConsoleError {
  return new ConsoleError({
    code: SESSION_EXPIRED,
    message:
      'Peak Watch does not accept this console page (it was opened without the printed URL, or Peak Watch restarted with a new token).',
    fix: 'Open the console again with the URL (including ?token=…) that Peak Watch printed at start.',
  });
}

export interface SessionOptions {
  base: string;
  doFetch: typeof fetch;
  /** The page's address, read once for the one-time ?token=. */
  pageUrl: string;
  /** Shows the address without the token (history.replaceState in a browser). */
  replacePageUrl?: (url: string) => void;
  storage: SessionStore | undefined;
}

/** The token out of the address (so no screenshot, bookmark or history entry keeps it). */
function takeToken(pageUrl: string, replacePageUrl?: (url: string) => void): string | null {
  if (!pageUrl) return null;
  const url = new URL(pageUrl);
  const token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    const replace =
      replacePageUrl ??
      ((next: string) => window.history.replaceState(window.history.state, '', next));
    replace(url.pathname + url.search + url.hash);
  }
  return token;
}

/** The headers that carry this page's session key (none when it has none). */
export function createSession(options: SessionOptions): () => Promise<Record<string, string>> {
  const { base, doFetch, storage } = options;
  // The token leaves the address bar before anything else runs.
  let pendingToken = takeToken(options.pageUrl, options.replacePageUrl);
  let exchanging: Promise<string | null> | null = null;
  /** The key in memory too, for a browser with storage switched off. */
  let heldKey: string | null = null;

  async function exchange(token: string): Promise<string | null> {
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
  }

  /** This page's session key: traded for the URL's token once, then from sessionStorage. */
  function sessionKey(): Promise<string | null> {
    if (pendingToken === null) {
      return Promise.resolve(heldKey ?? storage?.getItem(SESSION_STORAGE_KEY) ?? null);
    }
    exchanging ??= exchange(pendingToken);
    return exchanging;
  }

  return async (): Promise<Record<string, string>> => {
    const key = await sessionKey();
    return key === null ? {} : { [SESSION_HEADER]: key };
  };
}
