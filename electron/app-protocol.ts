// The desktop app's own scheme, app://peak-watch/, served by protocol.handle instead of file://
// (Electron security checklist, item 18: https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols).
// Plain web Request → Response, no electron import, so it runs and is tested under Node.
import { readFile } from 'node:fs/promises';
import { RENDERER_CSP, resolveRendererFile } from './renderer-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'peak-watch';
/** Where the window loads the console from; the only origin main trusts for IPC. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Privileges for protocol.registerSchemesAsPrivileged: a standard, secure origin like https. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;

const SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/** The protocol handler: files of the built renderer, GET/HEAD only, nothing outside it. */
export function createAppProtocolHandler(rendererDir: string): (req: Request) => Promise<Response> {
  return async (req) => {
    const url = new URL(req.url);
    if (url.host !== APP_HOST) return text(404, 'Not found.');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return new Response('Method not allowed.\n', {
        status: 405,
        headers: { ...SECURITY_HEADERS, Allow: 'GET, HEAD' },
      });
    }
    const found = await resolveRendererFile(rendererDir, url.pathname);
    if (!found.ok) return text(found.status, found.message);
    const body = req.method === 'HEAD' ? null : await readFile(found.file);
    return new Response(body, {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': found.contentType,
        'Content-Length': String(found.size),
        'Cache-Control': found.cacheControl,
      },
    });
  };
}

function text(status: number, message: string): Response {
  return new Response(message + '\n', {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
