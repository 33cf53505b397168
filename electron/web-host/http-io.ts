// The web host's HTTP plumbing: reading a bounded JSON body, and answering with JSON, the
// columns wire format or text, every answer with the security headers.
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { ConsoleError, type ConsoleErrorCode, type Envelope } from '../../shared/api';
import { COLUMNS_CONTENT_TYPE, encodeColumns } from '../../shared/columns-wire';
import { RENDERER_CSP } from '../renderer-files';

export const MAX_BODY = 1024 * 1024;

/** How much of an oversized body is read and dropped so the client sees the 413: closing under
 * a client still sending makes TCP reset the connection, and the answer is lost with it. */
const MAX_DISCARD = 16 * 1024 * 1024;

/**
 * The request's JSON body, or an answer already sent: 413 for a body over the limit (announced
 * or streamed), 400 for bad JSON. An oversized body is still read, and dropped, up to a bound, so
 * the client is reading when the 413 arrives instead of meeting a reset connection.
 */
export async function readJson(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const tooBig = (): { ok: false } => {
    const text = JSON.stringify(
      envelopeError('payload-too-large', 'Request body over 1 MiB. Nothing was changed.'),
    );
    res.writeHead(413, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
    let discarded = 0;
    req.removeAllListeners('data');
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > MAX_DISCARD) req.destroy();
    });
    req.resume();
    return { ok: false };
  };
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return tooBig();
  let text: string;
  try {
    text = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) {
          reject(new ConsoleError({ code: 'payload-too-large', message: 'over the limit' }));
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  } catch (err) {
    if (err instanceof ConsoleError) return tooBig();
    throw err;
  }
  try {
    return { ok: true, value: text.length ? (JSON.parse(text) as unknown) : undefined };
  } catch (err) {
    sendJson(res, 400, envelopeError('invalid-json', (err as Error).message));
    return { ok: false };
  }
}

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', RENDERER_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
}

export function envelopeError(code: ConsoleErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** Every answer is an Envelope, the clients' one reading (unwrap); a crash's 500 is the exception. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: Envelope<unknown> | { error: 'internal error' },
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendColumns(res: ServerResponse, status: number, body: unknown): void {
  const bytes = encodeColumns(body);
  res.writeHead(status, {
    'Content-Type': COLUMNS_CONTENT_TYPE,
    'Cache-Control': 'no-store',
    'Content-Length': bytes.byteLength,
  });
  res.end(bytes);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text + '\n');
}
