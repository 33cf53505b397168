// Is Grafana up, and which one? Grafana's /api/health needs no login and tells the version and
// whether its database works — all the app shows, so the admin password is never sent anywhere.
import { request } from 'undici';
import { ConsoleError } from '../../shared/api';

export interface GrafanaHealth {
  version: string;
  /** "ok", or e.g. "failing" when Grafana runs but its database does not. */
  database: string;
}

export interface ProbeOptions {
  /** Default 5 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

function errorCode(err: unknown): string {
  if (!err || typeof err !== 'object') return '';
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  return errorCode((err as { cause?: unknown }).cause);
}

function badResponse(baseUrl: string, what: string): ConsoleError {
  return new ConsoleError({
    code: 'grafana-bad-response',
    message: `The server at ${baseUrl} ${what}.`,
    fix: 'Is Grafana the program on this port? Check the Grafana port in Settings and the stack logs.',
  });
}

export async function probeGrafana(
  baseUrl: string,
  opts: ProbeOptions = {},
): Promise<GrafanaHealth> {
  const base = baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  let status: number;
  let text: string;
  try {
    const res = await request(`${base}/api/health`, {
      method: 'GET',
      headers: { accept: 'application/json' },
      signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    status = res.statusCode;
    text = await res.body.text();
  } catch (err) {
    const code = errorCode(err);
    const timedOut =
      (err instanceof Error && err.name === 'TimeoutError') || code.includes('TIMEOUT');
    const why = timedOut
      ? `did not answer within ${timeoutMs / 1000} s`
      : code === 'ECONNREFUSED'
        ? 'is not reachable (connection refused)'
        : `is not reachable (${code || (err instanceof Error ? err.message : String(err))})`;
    throw new ConsoleError({
      code: 'grafana-unreachable',
      message: `Grafana at ${base} ${why}.`,
      fix: 'Start the stack; Grafana takes a few seconds to come up after Prometheus.',
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const flat = text.replace(/\s+/g, ' ').trim().slice(0, 160);
    throw badResponse(
      base,
      `answered HTTP ${status} with something that is not JSON${flat ? `: "${flat}"` : ''}`,
    );
  }
  const { version, database } = (body ?? {}) as { version?: unknown; database?: unknown };
  // Grafana answers 503 with the same JSON when its database fails: that is health, not garbage.
  if ((status === 200 || status === 503) && typeof database === 'string') {
    return { version: typeof version === 'string' ? version : 'unknown', database };
  }
  throw badResponse(base, `answered /api/health with HTTP ${status} and no database status`);
}
