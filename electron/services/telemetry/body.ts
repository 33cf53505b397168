// Reads an export's body under the 4 MiB limit, before and after gzip: a declared length over it
// is refused before a byte is read, a body that grows past it stops being kept, and gzip is
// inflated with zlib's maxOutputLength, so a small bomb stops at the limit instead of filling
// memory. What is not kept of an oversized body is still drained (up to a bound), so the client
// reads the 413 instead of a reset connection.
import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Past this much drained, the connection is dropped rather than read further. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

export type BodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; why: 'too-large' | 'bad-gzip' | 'aborted'; message: string };

const tooLarge = (what: string): BodyResult => ({
  ok: false,
  why: 'too-large',
  message: `The export's ${what} is over ${MAX_BODY_BYTES / 1048576} MiB; send smaller batches (e.g. BatchSpanProcessor maxExportBatchSize)`,
});

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const gzip = (req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
  return new Promise((resolve) => {
    if (declared > limit) {
      drain(req);
      resolve(tooLarge('body'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !over) {
        over = true;
        chunks.length = 0;
        resolve(tooLarge('body'));
      }
      if (over) {
        if (size > MAX_DRAIN_BYTES) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () =>
      resolve({ ok: false, why: 'aborted', message: 'the request was aborted' }),
    );
    req.on('end', () => {
      if (over) return;
      const raw = Buffer.concat(chunks, size);
      if (!gzip) return resolve({ ok: true, body: raw });
      gunzip(raw, { maxOutputLength: limit }, (err, inflated) => {
        if (!err) return resolve({ ok: true, body: inflated });
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          return resolve(tooLarge('body after gzip decompression'));
        }
        resolve({
          ok: false,
          why: 'bad-gzip',
          message: `Content-Encoding is gzip but the body does not inflate (${err.message}); send it gzipped or without Content-Encoding`,
        });
      });
    });
  });
}

function drain(req: IncomingMessage): void {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_DRAIN_BYTES) req.destroy();
  });
  req.on('error', () => undefined);
}
