// peak-watch traces and peak-watch logs: what the running app's OTLP receiver keeps, read over
// its token-guarded read API (the store lives in that process's memory, docs/TELEMETRY.md). The
// address comes from the data folder's settings, the token from its secrets/server-token — what
// a web page or another user's process does not have.
import { ConsoleError } from '../shared/errors';
import {
  LOG_SEVERITIES,
  type LogRecordView,
  type TraceSummary,
} from '../shared/contract/telemetry';
import type { Settings } from '../shared/settings';
import { SecretStore } from './services/secrets';
import { SettingsStore } from './services/settings-store';

export const TELEMETRY_OPTIONS = {
  route: { type: 'string' },
  'min-ms': { type: 'string' },
  status: { type: 'string' },
  trace: { type: 'string' },
  level: { type: 'string' },
  text: { type: 'string' },
} as const;

export const TELEMETRY_FLAGS = {
  traces: ['route', 'min-ms', 'status', 'json'] as const,
  logs: ['trace', 'level', 'text', 'json'] as const,
};

export const TELEMETRY_USAGE = `  traces [--route R] [--min-ms N] [--status ok|error|2xx|3xx|4xx|5xx] [--json]
                                               traces the running app's OTLP receiver keeps
  logs [--trace ID] [--level L] [--text T] [--json]
                                               its log records (L: this severity and worse)`;

export type TelemetryInvocation =
  | { kind: 'traces'; query: Record<string, string>; json: boolean }
  | { kind: 'logs'; query: Record<string, string>; json: boolean };

type Values = Partial<Record<keyof typeof TELEMETRY_OPTIONS | 'json', string | true>>;

const STATUSES = ['ok', 'error', '2xx', '3xx', '4xx', '5xx'];

/** Checks a `traces` or `logs` command line; throws what `usage(message)` makes (exit 2). */
export function parseTelemetryCommand(
  name: 'traces' | 'logs',
  words: (string | undefined)[],
  values: Values,
  usage: (message: string) => ConsoleError,
): TelemetryInvocation {
  const stray = words.filter((w): w is string => w !== undefined);
  if (stray.length) throw usage(`${name} takes no ${stray.map((w) => `"${w}"`).join(' ')}`);
  const text = (flag: keyof typeof TELEMETRY_OPTIONS): string | undefined => {
    const v = values[flag];
    return typeof v === 'string' ? v : undefined;
  };
  const query: Record<string, string> = {};
  const json = values.json === true;
  if (name === 'traces') {
    const route = text('route');
    const minMs = text('min-ms');
    const status = text('status');
    if (route !== undefined) query.route = route;
    if (minMs !== undefined) {
      if (!/^\d+(\.\d+)?$/.test(minMs))
        throw usage(`--min-ms ${minMs} is not a number of milliseconds, e.g. --min-ms 250`);
      query['min-ms'] = minMs;
    }
    if (status !== undefined) {
      if (!STATUSES.includes(status))
        throw usage(`--status ${status} is not one of ${STATUSES.join(', ')}`);
      query.status = status;
    }
    return { kind: 'traces', query, json };
  }
  const trace = text('trace');
  const level = text('level');
  const contains = text('text');
  if (trace !== undefined) {
    if (!/^[0-9a-fA-F]{32}$/.test(trace))
      throw usage(`--trace ${trace} is not a trace id (32 hex digits)`);
    query.trace = trace.toLowerCase();
  }
  if (level !== undefined) {
    if (!(LOG_SEVERITIES as readonly string[]).includes(level)) {
      throw usage(`--level ${level} is not one of ${LOG_SEVERITIES.join(', ')}`);
    }
    query.level = level;
  }
  if (contains !== undefined) query.text = contains;
  return { kind: 'logs', query, json };
}

/** Asks the running app and prints what it keeps; 0 on an answer (an empty one too). */
export async function runTelemetryCommand(
  dataDir: string,
  inv: TelemetryInvocation,
): Promise<number> {
  const store = new SettingsStore(dataDir);
  await store.load();
  const base = receiverUrl(store.get());
  const token = await new SecretStore(dataDir).get('server-token');
  const path = inv.kind === 'traces' ? '/api/traces' : '/api/logs';
  const url = `${base}${path}?${new URLSearchParams(inv.query).toString()}`;
  const value = await readApi(url, base, token);
  if (inv.json) console.log(JSON.stringify(value, null, 2));
  else if (inv.kind === 'traces') console.log(formatTraces(value as TraceSummary[]));
  else console.log(formatLogs(value as LogRecordView[]));
  return 0;
}

function receiverUrl(s: Settings): string {
  if (!s.telemetry.enabled) {
    throw new ConsoleError({
      code: 'telemetry-off',
      message:
        "The OTLP receiver is off in this data folder's settings (telemetry.enabled is false)",
      fix: 'Turn it on: peak-watch settings set telemetry.enabled true (a running app follows at once), then point exporters at it',
    });
  }
  const host = s.telemetry.host.replace(/^\[|\]$/g, '');
  const reach = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return reach.includes(':')
    ? `http://[${reach}]:${s.telemetry.port}`
    : `http://${reach}:${s.telemetry.port}`;
}

async function readApi(url: string, base: string, token: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new ConsoleError({
      code: 'host-unreachable',
      message: `Nothing answers at ${base} (telemetry.host and telemetry.port): ${causeOf(err)}`,
      fix: 'Start Peak Watch on this data folder (the app, or peak-watch headless); its receiver listens while telemetry.enabled is true',
    });
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ConsoleError({
      code: 'host-unreachable',
      message: `${base} answered ${res.status} with something that is not Peak Watch's receiver`,
      fix: 'Check telemetry.port: another program may hold it',
    });
  }
  if (res.ok) return body;
  const info =
    (body as { error?: { code?: string; message?: string; fix?: string }; message?: string }) ?? {};
  throw new ConsoleError({
    code: info.error?.code === 'trace-not-found' ? 'trace-not-found' : 'invalid-request',
    message: info.error?.message ?? info.message ?? `${base} answered ${res.status}`,
    ...(info.error?.fix ? { fix: info.error.fix } : {}),
  });
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code ?? (err as Error).message;
}

function formatTraces(traces: TraceSummary[]): string {
  if (traces.length === 0)
    return 'No kept trace matches. Exporters send to <receiver>/v1/traces (OTEL_EXPORTER_OTLP_ENDPOINT).';
  const rows = traces.map((t) => [
    new Date(t.startMs).toISOString(),
    `${t.durationMs.toFixed(1)} ms`,
    t.error ? 'ERROR' : String(t.statusCode ?? 'ok'),
    t.route ? `${t.method ?? ''} ${t.route}`.trim() : t.name,
    String(t.spanCount),
    String(t.logCount),
    t.traceId,
  ]);
  return table(['START', 'DURATION', 'STATUS', 'ROUTE', 'SPANS', 'LOGS', 'TRACE'], rows);
}

function formatLogs(logs: LogRecordView[]): string {
  if (logs.length === 0) return 'No kept log record matches. Exporters send to <receiver>/v1/logs.';
  return logs
    .map(
      (l) =>
        `${new Date(l.timeMs).toISOString()} ${l.severity.toUpperCase().padEnd(5)} ${l.service}  ${l.body.replace(/[\r\n]+/g, ' ')}${l.traceId ? `  trace=${l.traceId}` : ''}`,
    )
    .join('\n');
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
