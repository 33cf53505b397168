// The loopback web host: the same ConsoleApi as the Electron host, over HTTP JSON + a stream of
// Server-Sent Events, serving the built renderer.
//
// Who may act as the console: the page that was opened with the printed URL. That page trades
// the per-run token (POST /session, once) for a random session key that it keeps in
// sessionStorage — scoped to this origin, port included — and sends in a header on every call.
// The host sets no cookie: cookies are not port-scoped, so any other service on 127.0.0.1 the
// browser visits would receive one. Nothing the browser sends on its own authorizes anything.
// Scripts may send the token itself as `Authorization: Bearer`, which no browser adds by itself.
// The renderer's files are public (the same bundle ships in the app) and need no credential.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { CONSOLE_EVENTS, ConsoleError, type ConsoleApi, type Envelope } from '../../shared/api';
import { holdsColumns } from '../../shared/columns-wire';
import {
  INSTANCE_TOKEN_FIX,
  desktopOnlyFix,
  desktopOnlyIn,
  instanceTokenFilesIn,
} from '../../shared/settings';
import { resolveRendererFile } from '../renderer-files';
import { dispatch } from '../services/dispatch';
import { requestAuthority } from '../services/http-authority';
import {
  envelopeError,
  readJson,
  sendColumns,
  sendJson,
  sendText,
  setSecurityHeaders,
} from './http-io';

export interface WebHostOptions {
  api: ConsoleApi;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
}

export interface WebHost {
  /** The URL to open: includes the token once. */
  consoleUrl: string;
  /** The URL without the token (for logs). */
  baseUrl: string;
  token: string;
  close(): Promise<void>;
}

/** The header carrying a page's session key (renderer/src/api/http-client.ts sends it). */
export const SESSION_HEADER = 'x-peak-watch-session';
/** Open tabs per run: each opening of the printed URL adds one; the oldest go first. */
const MAX_SESSIONS = 64;

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const host = opts.host ?? '127.0.0.1';
  const server = createServer({ maxHeaderSize: 16_384 }, (req, res) => {
    handle(state, req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const sseClients = new Set<ServerResponse>();
  /** Session keys in memory: they die with the host, like the token. */
  const sessions = new Set<string>();

  let port = 0;
  const allowedHosts = (): Set<string> =>
    new Set(['127.0.0.1', 'localhost', '::1', host.toLowerCase()]);
  const knownAuthority = (a: { host: string; port: string }): boolean =>
    allowedHosts().has(a.host) && (a.port === String(port) || (a.port === '' && port === 80));
  const state: HostState = { opts, token, sessions, sseClients, knownAuthority };

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(
        new ConsoleError({
          code: err.code === 'EADDRINUSE' ? 'port-in-use' : 'listen-failed',
          message:
            err.code === 'EADDRINUSE'
              ? `Console port ${opts.port ?? 0} on ${host} is already in use`
              : `The console cannot listen on ${host}:${opts.port ?? 0}: ${err.message}`,
          fix: 'Choose another port with --ui-port.',
        }),
      );
    };
    server.once('error', onError);
    server.listen({ host, port: opts.port ?? 0 }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const baseUrl = `http://${hostPart}:${port}/`;

  return {
    consoleUrl: `${baseUrl}?token=${token}`,
    baseUrl,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sseClients) client.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What the request handlers share with the host that runs them. */
interface HostState {
  opts: WebHostOptions;
  /** The printed token; a session key is given for it. */
  token: string;
  /** Session keys in memory: they die with the host, like the token. */
  sessions: Set<string>;
  sseClients: Set<ServerResponse>;
  /** The Host header names this host (DNS rebinding is refused). */
  knownAuthority: (a: { host: string; port: string }) => boolean;
}

async function handle(h: HostState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  setSecurityHeaders(res);
  // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still names its own host.
  const authority = requestAuthority(req);
  if (!authority.ok) return sendText(res, authority.status, authority.message);
  if (authority.authorities.length === 0 || !authority.authorities.every(h.knownAuthority)) {
    return sendText(res, 421, 'Unknown host. Open the console at the URL Peak Watch printed.');
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return sendText(res, 400, 'Bad request URL.');
  }

  if (url.pathname === '/session') return handleSession(h, req, res);
  if (url.pathname.startsWith('/rpc/')) {
    if (!isAuthorized(h, req)) return sendJson(res, 401, unauthorized());
    return handleRpc(h, req, res, url.pathname.slice(5));
  }
  if (url.pathname === '/events') {
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return sendText(res, 405, 'Method not allowed: the event stream is GET only.');
    }
    if (!isAuthorized(h, req)) return sendJson(res, 401, unauthorized());
    return handleEvents(h, req, res);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method not allowed.');
  }
  return serveStatic(h, res, url.pathname);
}

function isAuthorized(h: HostState, req: IncomingMessage): boolean {
  const key = req.headers[SESSION_HEADER];
  if (typeof key === 'string' && h.sessions.has(key)) return true;
  const auth = req.headers.authorization;
  return !!auth?.startsWith('Bearer ') && sameToken(auth.slice(7), h.token);
}

/** POST /session {token}: the page opened with the printed URL gets a key of its own. */
async function handleSession(
  h: HostState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendJson(res, 405, envelopeError('method-not-allowed', 'A session is opened by POST.'));
  }
  if (req.headers['x-peak-watch'] !== '1') {
    return sendJson(res, 403, envelopeError('forbidden', 'Missing x-peak-watch header.'));
  }
  const body = await readJson(req, res);
  if (!body.ok) return;
  const offered = (body.value as { token?: unknown } | null)?.token;
  if (typeof offered !== 'string' || !sameToken(offered, h.token)) {
    return sendJson(res, 401, unauthorized());
  }
  const key = randomBytes(32).toString('base64url');
  h.sessions.add(key);
  for (const old of h.sessions) {
    if (h.sessions.size <= MAX_SESSIONS) break;
    h.sessions.delete(old);
  }
  sendJson(res, 200, { ok: true, value: { session: key } });
}

async function handleRpc(
  h: HostState,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendJson(res, 405, envelopeError('method-not-allowed', 'RPC calls are POST.'));
  }
  // A custom header cannot be sent cross-site without a CORS preflight we never answer.
  if (req.headers['x-peak-watch'] !== '1') {
    return sendJson(res, 403, envelopeError('forbidden', 'Missing x-peak-watch header.'));
  }
  const body = await readJson(req, res);
  if (!body.ok) return;
  const payload = body.value;
  if (method === 'updateSettings') {
    const refused = desktopOnlyIn(payload);
    if (refused.length > 0) {
      const names = refused.join(', ');
      return sendJson(res, 403, {
        ok: false,
        error: {
          code: 'desktop-only-setting',
          message: `The web console cannot change ${names}: ${refused.length > 1 ? 'these settings choose' : 'it chooses'} a program Peak Watch runs. Nothing was saved.`,
          fix: desktopOnlyFix(refused[0]!),
        },
      });
    }
    const tokened = instanceTokenFilesIn((await h.opts.api.getSettings()).settings, payload);
    if (tokened.length > 0) {
      return sendJson(res, 403, {
        ok: false,
        error: {
          code: 'desktop-only-setting',
          message: `The web console cannot give ${tokened.join(', ')} a token file: Prometheus would send that file to the instance. Nothing was saved.`,
          fix: INSTANCE_TOKEN_FIX,
        },
      });
    }
  }
  if (method === 'useSource' || method === 'testSource') {
    // The core reads the CA file and says whether it exists and parses: a web console must not
    // learn that of a path of its choosing. The path in settings (set on this machine) stays usable.
    const caFile = (payload as { caFile?: unknown } | null)?.caFile;
    const current = (await h.opts.api.getSettings()).settings.source.caFile;
    if (typeof caFile === 'string' && caFile !== '' && caFile !== current) {
      return sendJson(res, 403, {
        ok: false,
        error: {
          code: 'desktop-only-setting',
          message:
            'The web console cannot choose a CA file: Peak Watch reads the file it names. Nothing was saved.',
          fix: 'Choose it in the desktop window, or with "peak-watch source use URL --ca-file PATH" on this machine; the web console can then keep it.',
        },
      });
    }
  }
  const envelope = await dispatch(h.opts.api, method, payload);
  const status = envelope.ok ? 200 : envelope.error.code === 'unknown-method' ? 404 : 200;
  // Range results hold Float64Arrays, which JSON would turn into objects of numbered keys.
  if (holdsColumns(envelope)) sendColumns(res, status, envelope);
  else sendJson(res, status, envelope);
}

function handleEvents(h: HostState, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = CONSOLE_EVENTS.map((event) =>
    h.opts.api.on(event, (payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    }),
  );
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  h.sseClients.add(res);
  const cleanup = (): void => {
    clearInterval(heartbeat);
    unsubscribe.forEach((u) => u());
    h.sseClients.delete(res);
  };
  req.on('close', cleanup);
}

async function serveStatic(h: HostState, res: ServerResponse, pathname: string): Promise<void> {
  const found = await resolveRendererFile(h.opts.rendererDir, pathname);
  if (!found.ok) return sendText(res, found.status, found.message);
  // Opened before the head is sent, so a file gone since it was found (a rebuild) is a clear
  // answer; pipeline() closes it when the client goes away mid-download, which any page can
  // make happen, and each descriptor kept would bring the process nearer to EMFILE.
  let file: FileHandle;
  try {
    file = await open(found.file, 'r');
  } catch {
    return sendText(res, 404, 'Not found.');
  }
  res.writeHead(200, {
    'Content-Type': found.contentType,
    'Content-Length': found.size,
    'Cache-Control': found.cacheControl,
  });
  pipeline(file.createReadStream(), res, () => {
    // An abandoned download is the client's choice; the stream and the file are closed.
  });
}

function unauthorized(): Envelope<never> {
  return {
    ok: false,
    error: {
      code: 'unauthorized',
      message: 'This page has no console session with this Peak Watch.',
      fix: 'Open the console with the URL (including ?token=…) that Peak Watch printed at start.',
    },
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
