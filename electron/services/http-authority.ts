// Which host a request is addressed to, judged once for both loopback servers (the web host and
// the embedded metrics server). A DNS-rebinding page reaches 127.0.0.1 under its own name, and
// that name can arrive in the Host header or in an absolute-form request target
// (`GET http://evil.example/ HTTP/1.1`); both are judged, and a request naming two hosts (two
// Host headers) is refused outright, since the two servers could otherwise read different ones.
import type { IncomingMessage } from 'node:http';

/** One host as a request names it: lower-cased, IPv6 without brackets; port '' when absent. */
export interface Authority {
  host: string;
  port: string;
}

export type AuthorityVerdict =
  | {
      ok: true;
      /** Every authority the request names (Host, and the absolute-form target's if any). */
      authorities: Authority[];
    }
  | { ok: false; status: 400; message: string };

/** "127.0.0.1:8000" → {127.0.0.1, 8000}, "[::1]:8000" → {::1, 8000}; null when malformed. */
export function parseAuthority(value: string): Authority | null {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+))(?::(\d{0,5}))?$/.exec(value);
  if (m === null) return null;
  const host = (m[1] ?? m[2] ?? '').toLowerCase();
  if (host === '') return null;
  return { host, port: m[3] ?? '' };
}

function bad(message: string): AuthorityVerdict {
  return { ok: false, status: 400, message };
}

/**
 * Judges the Host header(s) and the request target's authority. A request without any Host
 * (HTTP/1.0) names only its absolute-form authority, if it has one; the caller decides whether
 * naming none is acceptable.
 */
export function requestAuthority(req: IncomingMessage): AuthorityVerdict {
  // req.headers keeps only the first Host; rawHeaders has every one the client sent.
  const hosts: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() === 'host') hosts.push(req.rawHeaders[i + 1] ?? '');
  }
  if (hosts.length > 1) return bad('Bad request: more than one Host header.');
  const authorities: Authority[] = [];
  if (hosts.length === 1) {
    const parsed = parseAuthority(hosts[0] ?? '');
    if (parsed === null) return bad('Bad request: malformed Host header.');
    authorities.push(parsed);
  }
  const target = req.url ?? '';
  if (!target.startsWith('/') && target !== '*') {
    const m = /^https?:\/\/([^/?#]*)/i.exec(target);
    if (m === null)
      return bad('Bad request: the request target is neither a path nor an http URL.');
    const parsed = parseAuthority(m[1] ?? '');
    if (parsed === null) return bad('Bad request: malformed host in the request target.');
    authorities.push(parsed);
  }
  return { ok: true, authorities };
}
