// Which exporter the embedded server has, as the settings say: none unless telemetry.enabled
// and telemetry.instrument are both on (then no SDK object exists at all, so "off" costs
// nothing), else one aimed at telemetry.host:port. The settings applier calls apply() on every
// change that touches the telemetry section; close() flushes on quit.
import { isLoopbackHost, type Settings } from '../../../shared/settings';
import type { RequestTracing } from '../metrics-server/tracing';
import {
  protocolFromEnv,
  startServerTelemetry,
  type ExportTarget,
  type ServerTelemetry,
} from './exporters';

/** The receiver's base URL for exporters on this machine: a wildcard bind is reached on loopback. */
export function receiverBaseUrl(host: string, port: number): string {
  if (host === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (host === '::' || host === '[::]') return `http://[::1]:${port}`;
  const bare = host.replace(/^\[|\]$/g, '');
  return bare.includes(':') ? `http://[${bare}]:${port}` : `http://${bare}:${port}`;
}

/** Where to export for these settings, or null for no exporter. Off loopback, a token is due. */
export function exportPlan(s: Settings): { baseUrl: string; needsToken: boolean } | null {
  const t = s.telemetry;
  if (!t.enabled || !t.instrument) return null;
  return { baseUrl: receiverBaseUrl(t.host, t.port), needsToken: !isLoopbackHost(t.host) };
}

export interface TelemetryExportDeps {
  /** The instance token (secrets' server-token), asked for only off loopback. */
  token(): Promise<string>;
  env: NodeJS.ProcessEnv;
}

export class ServerTelemetryExport {
  private current: ServerTelemetry | null = null;

  constructor(private readonly deps: TelemetryExportDeps) {}

  /** The tracing the server's requests go through now; null while off. */
  tracing(): RequestTracing | null {
    return this.current?.tracing ?? null;
  }

  /** Starts, moves or stops the exporter; says what it did, or null when nothing changed. */
  async apply(s: Settings): Promise<string | null> {
    const plan = exportPlan(s);
    const token = plan?.needsToken ? await this.deps.token() : null;
    const target: ExportTarget | null = plan
      ? { baseUrl: plan.baseUrl, token, protocol: protocolFromEnv(this.deps.env) }
      : null;
    const was = this.current?.target ?? null;
    if (sameTarget(was, target)) return null;
    const old = this.current;
    this.current = target ? startServerTelemetry(target) : null;
    await old?.shutdown();
    if (target === null) return 'request tracing off';
    return `request tracing to ${target.baseUrl}`;
  }

  /** Flushes the last batch (bounded) and stops; no tracing after this. */
  async close(): Promise<void> {
    const old = this.current;
    this.current = null;
    await old?.shutdown();
  }
}

function sameTarget(a: ExportTarget | null, b: ExportTarget | null): boolean {
  if (a === null || b === null) return a === b;
  return a.baseUrl === b.baseUrl && a.token === b.token && a.protocol === b.protocol;
}
