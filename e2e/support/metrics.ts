// Reading the embedded server's /metrics the way Prometheus does: plain HTTP from the test.

/** The exposition text of /metrics (loopback, no token: the server binds 127.0.0.1). */
export async function fetchMetrics(metricsUrl: string): Promise<string> {
  const res = await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`GET ${metricsUrl} answered ${res.status}`);
  return res.text();
}

/** The peak_trade_http_* family names that appear in an exposition (HELP, TYPE or samples). */
export function httpFamilies(exposition: string): string[] {
  const names = new Set<string>();
  for (const m of exposition.matchAll(/^(?:# (?:HELP|TYPE) )?(peak_trade_http_[a-z_]+)/gm)) {
    names.add(m[1]!.replace(/_(bucket|sum|count)$/, ''));
  }
  return [...names].sort();
}

/** Sample lines of one metric, e.g. peak_trade_http_requests_total{…} 12. */
export function samples(exposition: string, metric: string): string[] {
  return exposition
    .split('\n')
    .filter((l) => l.startsWith(`${metric}{`) || l.startsWith(`${metric} `));
}

/** GETs a watch-only route of the embedded server, so there is a request to count. */
export async function touch(metricsUrl: string, path = '/api/status'): Promise<number> {
  const res = await fetch(new URL(path, metricsUrl), { signal: AbortSignal.timeout(5_000) });
  await res.arrayBuffer();
  return res.status;
}

export const HTTP_FAMILIES = [
  'peak_trade_http_in_flight_requests',
  'peak_trade_http_request_duration_seconds',
  'peak_trade_http_requests_total',
];
