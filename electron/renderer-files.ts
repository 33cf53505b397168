// The built renderer (out/renderer) as both hosts serve it: the web host over loopback HTTP, the
// Electron host through its app:// scheme. One CSP, one MIME table, one rule for which file a
// path means — so the desktop app and the browser console can never disagree about either.
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

/** The console's Content-Security-Policy, sent as a response header by both hosts. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export type RendererFile =
  | { ok: true; file: string; size: number; contentType: string; cacheControl: string }
  | { ok: false; status: 400 | 404 | 500; message: string };

/** Which file of the built renderer a URL path means; client-side routes get the app shell. */
export async function resolveRendererFile(
  rendererDir: string,
  pathname: string,
): Promise<RendererFile> {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400, message: 'Bad percent-encoding.' };
  }
  const root = normalize(rendererDir + sep);
  let file = normalize(join(root, rel));
  if (!file.startsWith(root)) return { ok: false, status: 404, message: 'Not found.' };
  let info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    file = join(root, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info) {
      return {
        ok: false,
        status: 500,
        message: 'The console is not built. Run `npm run build:app` first.',
      };
    }
  }
  return {
    ok: true,
    file,
    size: info.size,
    contentType: MIME[extname(file)] ?? 'application/octet-stream',
    cacheControl: file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  };
}
