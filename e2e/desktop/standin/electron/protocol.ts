// Part of the Electron stand-in (../README.md): `protocol`, following
// https://www.electronjs.org/docs/latest/api/protocol — registerSchemesAsPrivileged only before
// `ready`, handle() only after it, the handler a web Request → Response function.
// Chromium outside Electron cannot be taught a new scheme, so each (scheme, host) that main
// handles is served to the page from a loopback HTTP origin, and URLs are translated both ways:
// main sees app://peak-watch/… everywhere (frames, navigation), the page is fed by main's handler.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { strict } from './link';

type Handler = (request: Request) => Response | Promise<Response>;

const privileged = new Map<string, Record<string, boolean>>();
const handlers = new Map<string, Handler>();
/** "http://127.0.0.1:port" ↔ "app://peak-watch" */
const servedToApp = new Map<string, string>();
const appToServed = new Map<string, string>();
let isReady = (): boolean => false;
export function setReadyCheck(check: () => boolean): void {
  isReady = check;
}

function origin(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** A URL as main sees it (the app's own scheme where the stand-in serves it over HTTP). */
export function toAppUrl(url: string): string {
  try {
    const u = new URL(url);
    const mapped = servedToApp.get(origin(u));
    return mapped ? mapped + u.pathname + u.search + u.hash : url;
  } catch {
    return url;
  }
}

/** A URL as the page loads it; starts the loopback listener for a handled scheme on first use. */
export async function toServedUrl(url: string): Promise<string> {
  const u = new URL(url);
  const scheme = u.protocol.replace(/:$/, '');
  if (!handlers.has(scheme)) return url;
  const key = origin(u);
  let served = appToServed.get(key);
  if (!served) {
    served = await serve(scheme, u.host);
    appToServed.set(key, served);
    servedToApp.set(served, key);
  }
  return served + u.pathname + u.search + u.hash;
}

function serve(scheme: string, host: string): Promise<string> {
  const server = createServer((req, res) => void answer(scheme, host, req, res));
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

async function answer(
  scheme: string,
  host: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const handler = handlers.get(scheme);
  try {
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const response = await handler(
      new Request(`${scheme}://${host}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (err) {
    // Electron fails the load (net::ERR_FAILED) when a handler throws.
    res.writeHead(500).end(String(err));
  }
}

export const protocol = strict('protocol', {
  registerSchemesAsPrivileged(
    schemes: { scheme: string; privileges?: Record<string, boolean> }[],
  ): void {
    if (isReady()) {
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    }
    for (const s of schemes) privileged.set(s.scheme, s.privileges ?? {});
  },
  handle(scheme: string, handler: Handler): void {
    if (!isReady()) throw new Error('protocol.handle can only be used after the app is ready');
    if (handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    handlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return handlers.has(scheme);
  },
});

/** What the suite asserts about the scheme: registered privileged before ready, and how. */
export function privilegesOf(scheme: string): Record<string, boolean> | null {
  return privileged.get(scheme) ?? null;
}
