// The loopback web host: the same ConsoleApi as the Electron host, over HTTP JSON + Server-Sent
// Events, serving the built renderer. Every request needs the per-run token: the console URL
// carries it once (?token=), the host answers with an HttpOnly SameSite=Strict cookie and
// redirects to a clean URL, so the token never sits in the address bar or a screenshot.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONSOLE_EVENTS, ConsoleError, type ConsoleApi } from '../../shared/api';
import { COLUMNS_CONTENT_TYPE, encodeColumns, holdsColumns } from '../../shared/columns-wire';
import { RENDERER_CSP, resolveRendererFile } from '../renderer-files';
import { dispatch } from '../services/dispatch';

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

const MAX_BODY = 1024 * 1024;
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const host = opts.host ?? '127.0.0.1';
  const server = createServer({ maxHeaderSize: 16_384 }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const sseClients = new Set<ServerResponse>();

  let port = 0;
  const allowedHosts = (): Set<string> =>
    new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host}:${port}`]);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends its own Host.
    if (!allowedHosts().has(req.headers.host ?? '')) {
      return sendText(res, 421, 'Unknown host. Open the console at the URL Peak Watch printed.');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendText(res, 400, 'Bad request URL.');
    }
    const offered = url.searchParams.get('token');
    if (offered !== null && req.method === 'GET') {
      if (!sameToken(offered, token)) return sendText(res, 401, unauthorized);
      // Cookies are not port-scoped: the port in the name keeps two consoles apart.
      res.setHeader(
        'Set-Cookie',
        `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      );
      url.searchParams.delete('token');
      res.writeHead(303, { Location: url.pathname + url.search });
      res.end();
      return;
    }
    if (!isAuthorized(req, token, cookieName(port))) return sendText(res, 401, unauthorized);

    if (url.pathname.startsWith('/rpc/')) return handleRpc(req, res, url.pathname.slice(5));
    if (url.pathname === '/events') return handleEvents(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed.');
    }
    return serveStatic(res, url.pathname);
  }

  async function handleRpc(
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
    let payload: unknown;
    try {
      const body = await readBody(req);
      payload = body.length ? (JSON.parse(body) as unknown) : undefined;
    } catch (err) {
      const tooBig = err instanceof ConsoleError && err.code === 'payload-too-large';
      return sendJson(
        res,
        tooBig ? 413 : 400,
        envelopeError(tooBig ? 'payload-too-large' : 'invalid-json', (err as Error).message),
      );
    }
    const envelope = await dispatch(opts.api, method, payload);
    const status = envelope.ok ? 200 : envelope.error.code === 'unknown-method' ? 404 : 200;
    // Range results hold Float64Arrays, which JSON would turn into objects of numbered keys.
    if (holdsColumns(envelope)) sendColumns(res, status, envelope);
    else sendJson(res, status, envelope);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const unsubscribe = CONSOLE_EVENTS.map((event) =>
      opts.api.on(event, (payload) => {
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    sseClients.add(res);
    const cleanup = (): void => {
      clearInterval(heartbeat);
      unsubscribe.forEach((u) => u());
      sseClients.delete(res);
    };
    req.on('close', cleanup);
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const found = await resolveRendererFile(opts.rendererDir, pathname);
    if (!found.ok) return sendText(res, found.status, found.message);
    res.writeHead(200, {
      'Content-Type': found.contentType,
      'Content-Length': found.size,
      'Cache-Control': found.cacheControl,
    });
    createReadStream(found.file).pipe(res);
  }

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

const unauthorized =
  'Unauthorized. Open the console with the URL (including ?token=…) that Peak Watch printed at start.';

function cookieName(port: number): string {
  return `peak_watch_${port}`;
}

function isAuthorized(req: IncomingMessage, token: string, cookie: string): boolean {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && sameToken(auth.slice(7), token)) return true;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookie && sameToken(rest.join('='), token)) return true;
  }
  return false;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(
          new ConsoleError({ code: 'payload-too-large', message: 'Request body over 1 MiB.' }),
        );
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', RENDERER_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
}

function envelopeError(
  code: string,
  message: string,
): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendColumns(res: ServerResponse, status: number, body: unknown): void {
  const bytes = encodeColumns(body);
  res.writeHead(status, {
    'Content-Type': COLUMNS_CONTENT_TYPE,
    'Cache-Control': 'no-store',
    'Content-Length': bytes.byteLength,
  });
  res.end(bytes);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text + '\n');
}
