// What the Prometheus HTTP client reads a failure by: the error codes of each kind of failure,
// a bounded snippet of a bad answer, and the redaction of a credential echoed back.

/** An answer cut off at MAX_ANSWER_BYTES. */
export class AnswerTooLarge extends Error {}

export const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

/** What a request written on a kept-alive connection the server has closed fails with. */
export const STALE_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

export const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Node's certificate verdicts: the server answered, but is not who the CA file vouches for. */
export const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function errorCode(err: unknown): string {
  if (!err || typeof err !== 'object') return '';
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  return errorCode((err as { cause?: unknown }).cause);
}

export function searchParams(
  values: Record<string, string | string[] | undefined>,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params;
}

export const snippet = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
};

export const REDACTED = '[redacted]';

/**
 * `text` with every form of the credential behind `authorization` replaced by REDACTED: the
 * header value, its base64 part, the decoded user:password, the password or token alone, each
 * also as JSON escapes it (the text is often JSON). A credential under 4 characters is left:
 * cutting it would garble every answer, and such a secret protects nothing.
 */
export function redactCredential(text: string, authorization: string | null): string {
  if (!authorization) return text;
  const forms = new Set<string>([authorization]);
  const space = authorization.indexOf(' ');
  const scheme = space > 0 ? authorization.slice(0, space) : '';
  const value = space > 0 ? authorization.slice(space + 1) : authorization;
  forms.add(value);
  if (scheme === 'Basic') {
    const decoded = Buffer.from(value, 'base64').toString();
    forms.add(decoded);
    const colon = decoded.indexOf(':');
    if (colon >= 0) forms.add(decoded.slice(colon + 1));
  }
  let out = text;
  const longestFirst = [...forms]
    .flatMap((f) => [f, JSON.stringify(f).slice(1, -1)])
    .filter((f) => f.length >= 4)
    .sort((a, b) => b.length - a.length);
  for (const form of longestFirst) out = out.split(form).join(REDACTED);
  return out;
}
