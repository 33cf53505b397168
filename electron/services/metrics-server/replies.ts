// What the server answers with. Fixed answers are built once, headers included, so the hot
// path writes them without building anything.
import type { OutgoingHttpHeaders } from 'node:http';

export interface Reply {
  status: number;
  /** Complete response headers, content-type and content-length included. */
  headers: OutgoingHttpHeaders;
  body: string | Buffer;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Only GET and HEAD exist on a watch-only server. */
export const ALLOW = 'GET, HEAD';

export function textReply(
  status: number,
  contentType: string,
  body: string,
  extra?: OutgoingHttpHeaders,
): Reply {
  return {
    status,
    headers: {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...extra,
    },
    body,
  };
}

export function jsonReply(status: number, value: unknown, extra?: OutgoingHttpHeaders): Reply {
  return textReply(status, JSON_CONTENT_TYPE, JSON.stringify(value), extra);
}

export const NOT_FOUND = jsonReply(404, { error: 'not found' });
export const WATCH_ONLY = jsonReply(
  405,
  { error: 'method not allowed: Peak Watch is watch-only' },
  { allow: ALLOW },
);
export const UNAUTHORIZED = jsonReply(
  401,
  { error: 'unauthorized: send Authorization: Bearer <token>' },
  { 'www-authenticate': 'Bearer' },
);
export const MISDIRECTED = jsonReply(421, {
  error: 'unknown host: this server answers only to a loopback address or localhost',
});
export const BAD_URL = jsonReply(400, { error: 'bad request: malformed URL or percent-encoding' });
export const INTERNAL_ERROR = jsonReply(500, { error: 'internal error' });

/** Raw answers for requests Node's parser rejected; no ServerResponse exists for those. */
function rawResponse(statusLine: string, error: string): string {
  const body = JSON.stringify({ error });
  return (
    `HTTP/1.1 ${statusLine}\r\n` +
    `Content-Type: ${JSON_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

export const RAW_BAD_REQUEST = rawResponse('400 Bad Request', 'bad request');
export const RAW_HEADERS_TOO_LARGE = rawResponse(
  '431 Request Header Fields Too Large',
  'request header fields too large',
);
export const RAW_REQUEST_TIMEOUT = rawResponse('408 Request Timeout', 'request timeout');
