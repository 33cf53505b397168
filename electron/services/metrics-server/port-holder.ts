// Who holds the embedded server's port? Asked once when listen() fails with EADDRINUSE: the
// Peak_Trade web app (or another embedded server) on 8000 is the common case, and then the
// console can offer to watch it as an instance instead of only saying "taken". The question is
// one GET /metrics on loopback with a short deadline and a bounded read, so a holder that hangs,
// streams forever or is not HTTP at all costs at most PROBE_TIMEOUT_MS and PROBE_MAX_BYTES.
import { request } from 'node:http';
import type { PortHolderInfo } from '../../../shared/api';
import { isLoopbackHost } from '../../../shared/settings';
import { freePortNear } from '../ports';

const PROBE_TIMEOUT_MS = 1_500;
const PROBE_MAX_BYTES = 256 * 1024;
/** A peak_trade_ family in the text format: a sample line, or its HELP / TYPE line (prom-client
 * writes those even before the first request is counted). */
const APP_FAMILY = /^(?:# (?:HELP|TYPE) )?peak_trade_[A-Za-z0-9_]*[\s{]/m;

/**
 * The loopback address a probe (and Prometheus) reaches a holder of `host` at, or null when the
 * server's host is off loopback: the probe never leaves this machine.
 */
export function probeHost(host: string): string | null {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === '0.0.0.0' || bare === '') return '127.0.0.1';
  if (bare === '::') return '::1';
  if (bare === 'localhost') return '127.0.0.1';
  return isLoopbackHost(host) ? bare : null;
}

/** host:port as a scrape target; an IPv6 address in brackets. */
export function targetOf(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Whether http://host:port/metrics answers 200 with a peak_trade_ family in its first bytes. */
export function servesAppMetrics(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req.destroy();
      resolve(answer);
    };
    const deadline = setTimeout(() => finish(false), PROBE_TIMEOUT_MS);
    const req = request(
      {
        host,
        port,
        path: '/metrics',
        method: 'GET',
        agent: false,
        headers: { accept: 'text/plain' },
      },
      (res) => {
        if (res.statusCode !== 200) {
          finish(false);
          return;
        }
        // Each chunk is searched with the unfinished line before it, not the whole text again:
        // a body written a line per chunk would otherwise cost quadratic time.
        let partial = '';
        let read = 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          read += chunk.length;
          const text = partial + chunk;
          if (APP_FAMILY.test(text)) finish(true);
          else if (read >= PROBE_MAX_BYTES) finish(false);
          else partial = text.slice(text.lastIndexOf('\n') + 1);
        });
        res.on('end', () => finish(false));
        res.on('error', () => finish(false));
      },
    );
    req.on('error', () => finish(false));
    req.end();
  });
}

/**
 * What holds host:port, for ServerStatus.portHolder; null when the host is off loopback (not
 * probed). When it looks like the app, the free port it suggests skips `avoid`.
 */
export async function probePortHolder(
  host: string,
  port: number,
  avoid: readonly number[] = [],
): Promise<PortHolderInfo | null> {
  const at = probeHost(host);
  if (at === null) return null;
  const looksLikeApp = await servesAppMetrics(at, port);
  const suggestedPort = looksLikeApp
    ? await freePortNear(host, port, [port, ...avoid]).catch(() => null)
    : null;
  return { target: targetOf(at, port), looksLikeApp, suggestedPort };
}
