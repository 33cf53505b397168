// What a settings change requires of the running services, decided from the settings alone (one
// diffSettings): whether the server rebinds, which of its flags flip, whether the Prometheus
// client is rebuilt, whether the stack must follow. settings-apply.ts carries the plan out.
import { diffSettings, isLoopbackHost, type Settings } from '../../shared/settings';
import { grafanaSourceChanged } from './stack/files-render';

export interface SettingsChangePlan {
  /** rebind: start a server on the new address; readdress: describe it (a process that does
   * not serve never binds); keep: leave the server alone. */
  server: 'rebind' | 'readdress' | 'keep';
  serverFlags: { enabled?: boolean; strict?: boolean } | null;
  prometheusClient: boolean;
  /** Anything the stack's files or state depend on: the scrape target, every stack field, and
   * the alert settings (they are Prometheus's rules file). */
  stack: boolean;
}

export interface PlanContext {
  /** This process runs the embedded server (the app, headless); the CLI does not. */
  serving: boolean;
  listening: boolean;
  /** The change names the server's address (even unchanged): a server that is not listening
   * because its port was taken tries again. */
  namesAddress?: boolean;
}

export function planSettingsChange(
  previous: Settings,
  next: Settings,
  ctx: PlanContext,
): SettingsChangePlan {
  const diff = diffSettings(previous, next);
  const moved = diff.has('server', 'host', 'port');
  const retry = ctx.serving && !ctx.listening && !!ctx.namesAddress;
  const flags: NonNullable<SettingsChangePlan['serverFlags']> = {};
  if (diff.has('server', 'enabled')) flags.enabled = next.server.enabled;
  if (diff.has('server', 'strict')) flags.strict = next.server.strict;
  return {
    server: moved || retry ? (ctx.serving ? 'rebind' : 'readdress') : 'keep',
    serverFlags: Object.keys(flags).length ? flags : null,
    // The client reads from the source: the managed Prometheus's port, or an existing source's
    // URL, auth and TLS (its job alone changes no client).
    prometheusClient: diff.has('stack', 'prometheusPort') || diff.hasExcept('source', 'job'),
    stack:
      moved ||
      diff.has('stack') ||
      // Grafana's datasource follows the source (stack/files-render.ts).
      grafanaSourceChanged(diff) ||
      diff.has('alerts') ||
      // The app's job labels its scrape configs and is what the rules and Grafana watch.
      diff.has('source', 'job'),
  };
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** Two listeners on these addresses cannot both be bound: 0.0.0.0 takes the port on every
 * address, and localhost is 127.0.0.1. */
export function addressesOverlap(
  a: { host: string; port: number },
  b: { host: string; port: number },
): boolean {
  if (a.port !== b.port) return false;
  if (a.host === b.host || WILDCARD_HOSTS.has(a.host) || WILDCARD_HOSTS.has(b.host)) return true;
  return isLoopbackHost(a.host) && isLoopbackHost(b.host);
}
