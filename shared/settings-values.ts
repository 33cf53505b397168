// The values a setting may hold, as predicates and zod pieces the field shapes are built from:
// text without control characters, hosts, ports, absolute paths, scrape targets, pinned images,
// source URLs. Pure (zod only).
import { z } from 'zod';

export const port = z.number().int().min(1).max(65535);

/** The first control character in a string, as the message names it, or null. */
export function controlCharacterIn(value: string): string | null {
  // C0, DEL and C1: none belongs in a host, path or image name, and each breaks a generated file.
  // eslint-disable-next-line no-control-regex
  const m = /[\u0000-\u001f\u007f-\u009f]/.exec(value);
  if (!m) return null;
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} at position ${m.index + 1}`;
}

/** Every string setting: text without control characters. */
export const text = () =>
  z.string().superRefine((v, ctx) => {
    const found = controlCharacterIn(v);
    if (found) ctx.addIssue({ code: 'custom', message: `contains a control character (${found})` });
  });

export const HOST_SHAPE_MESSAGE =
  'an address of this machine: 127.0.0.1, ::1, localhost, 0.0.0.0, :: or one of its own addresses or names';

/**
 * The shape of server.host: a DNS name, a canonical dotted quad or an IPv6 address. Whether it is
 * this machine's is checked where addresses resolve (electron/services/settings-checks.ts). A
 * name ending in a number is an IPv4 address to resolvers (127.1, 0x7f.0.0.1 are 127.0.0.1), so
 * it must be spelled as the four canonical decimal parts.
 */
export function isHostShape(value: string): boolean {
  const v = value.replace(/^\[(.*)\]$/, '$1');
  if (v.includes(':')) return /^[0-9A-Fa-f:.]+$/.test(v) && v.split(':').length <= 8;
  const labels = v.replace(/\.$/, '').split('.');
  if (/^(0x[0-9a-f]*|\d+)$/i.test(labels.at(-1) ?? '')) {
    return labels.length === 4 && labels.every((l) => /^(0|[1-9]\d{0,2})$/.test(l) && +l <= 255);
  }
  return labels.every((l) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l));
}

/** POSIX /…, Windows C:\… or \\server\share\…; the file itself is checked where files exist. */
export function isAbsolutePath(value: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value);
}

/** Empty ("find it on PATH") or an absolute path to an executable file. */
export const binaryPath = () =>
  text().refine(
    (v) => v === '' || isAbsolutePath(v),
    'must be an absolute path to the executable (e.g. /usr/bin/prometheus), or empty to find it on PATH',
  );

/** A scrape target as Prometheus writes it: host:port, no scheme, no path. */
export const scrapeTarget = text()
  .regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, 'a target is host:port, e.g. 127.0.0.1:9100')
  // Five digits pass the pattern, but a TCP port ends at 65535: Prometheus would scrape the
  // instance forever with an error instead of the person hearing it now.
  .refine((v) => {
    const port = Number(v.slice(v.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65535;
  }, 'a port is 1 to 65535, e.g. 127.0.0.1:9100');

/** An image reference with a pinned tag (never :latest), e.g. grafana/grafana:12.3.1. */
export const imageRef = text()
  .regex(/^[a-z0-9./_-]+:[A-Za-z0-9._-]+$/, 'an image is name:tag, e.g. grafana/grafana:12.3.1')
  .refine((v) => !v.endsWith(':latest'), 'pin a tag; :latest changes under you');

export const SOURCE_URL_MESSAGE =
  'a source is an http:// or https:// URL such as https://prometheus.example.org or ' +
  'http://127.0.0.1:9090/prometheus, without a user, password, query or #fragment';

/**
 * A URL refused by isSourceUrl, as a message may repeat it: its user, password, query and
 * fragment are where a person pastes a secret, so each is shown as "…"; text that is no URL at
 * all is not repeated.
 */
export function urlForMessage(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'the URL given';
  }
  const auth = url.username || url.password ? '…@' : '';
  const query = url.search || value.includes('?') ? '?…' : '';
  const hash = url.hash || value.includes('#') ? '#…' : '';
  return `"${url.protocol}//${auth}${url.host}${url.pathname}${query}${hash}"`;
}

/** http(s), a host, no credentials, query or fragment: what is safe to store and show. */
export function isSourceUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    !value.includes('?') &&
    !value.includes('#')
  );
}

/** A remote_write receiver; its id names its secret (secrets/remote-write-<id>). */
export const remoteWriteReceiver = z
  .object({
    id: z.string().regex(/^[a-z0-9]{8}$/, 'an id is 8 lowercase letters or digits'),
    url: text().refine(isSourceUrl, SOURCE_URL_MESSAGE),
    auth: z.enum(['none', 'basic', 'bearer']),
    user: text().max(200, 'at most 200 characters'),
  })
  .strict();
export type RemoteWriteReceiverSettings = z.infer<typeof remoteWriteReceiver>;

/**
 * localhost, ::1 (bracketed or not) or a canonical dotted quad in 127.0.0.0/8. Only the canonical
 * spelling counts: resolvers read `127.1`, `0177.0.0.1` or `2130706433` as loopback too, but a
 * name like `127.999.999.999` is no address at all and a DNS name can be anything, so anything
 * that is not plainly an address of this machine is treated as foreign.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return (
    octets !== null &&
    octets.slice(1).every((o) => (o === '0' || !o.startsWith('0')) && Number(o) <= 255)
  );
}
