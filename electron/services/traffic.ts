// "Send test traffic": a bounded burst of watch-only requests against the embedded server so a
// new user sees the panels move. Mixed routes, some 404, some 405 — never anything that mutates:
// the 405s are the server refusing exactly that.
import type { TrafficResult } from '../../shared/api';

interface Shot {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
}

const MIX: readonly Shot[] = [
  { method: 'GET', path: '/api/status' },
  { method: 'GET', path: '/api/status' },
  { method: 'GET', path: '/api/runs' },
  { method: 'GET', path: '/api/runs/run-001' },
  { method: 'GET', path: '/api/runs/does-not-exist' },
  { method: 'GET', path: '/api/routes' },
  { method: 'GET', path: '/health' },
  { method: 'GET', path: '/no-such-page' },
  { method: 'POST', path: '/api/runs' },
  { method: 'DELETE', path: '/api/runs/run-001' },
];

export const MAX_TRAFFIC_REQUESTS = 2000;

export async function sendTraffic(
  baseUrl: string,
  opts: {
    requests?: number;
    token?: string | null;
    concurrency?: number;
    /**
     * Send one round of the mix first, wait this long (a scrape interval and a bit), then the
     * rest. A series' first scraped sample is its baseline: rate() sees no increase in it, so a
     * burst that creates its series between two scrapes would draw as 0 req/s and no latency.
     */
    settleMs?: number;
  } = {},
): Promise<TrafficResult> {
  const total = Math.min(Math.max(1, opts.requests ?? 200), MAX_TRAFFIC_REQUESTS);
  const settle = opts.settleMs && opts.settleMs > 0 && total > MIX.length ? opts.settleMs : 0;
  const concurrency = Math.min(opts.concurrency ?? 8, total);
  const headers: Record<string, string> = opts.token
    ? { authorization: `Bearer ${opts.token}` }
    : {};
  const byStatus: Record<string, number> = {};
  const started = performance.now();
  let next = 0;
  let sent = 0;
  const worker = async (until: number): Promise<void> => {
    while (next < until) {
      const shot = MIX[next++ % MIX.length] as Shot;
      let key: string;
      try {
        const res = await fetch(baseUrl + shot.path, {
          method: shot.method,
          headers,
          signal: AbortSignal.timeout(5000),
        });
        await res.arrayBuffer();
        key = String(res.status);
      } catch {
        key = 'error';
      }
      byStatus[key] = (byStatus[key] ?? 0) + 1;
      sent++;
    }
  };
  if (settle) {
    await Promise.all(Array.from({ length: concurrency }, () => worker(MIX.length)));
    await new Promise((resolve) => setTimeout(resolve, settle));
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker(total)));
  return { sent, byStatus, durationMs: Math.round(performance.now() - started) };
}
