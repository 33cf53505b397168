// What every preflight check shares: the dependencies it reads, its result's shape and the
// small helpers that build one.
import {
  type CheckStatus,
  type PreflightCheck,
  type RemoteWriteStatus,
  type ServerStatus,
  type ServiceStatus,
  type SourceStatus,
} from '../../shared/api';
import { type PreflightCheckId } from '../../shared/preflight-ids';
import { type Settings } from '../../shared/settings';
import { type PromClientLoader } from './metrics-server/prom-client';
import type { PrometheusClient } from './prometheus';
import type { SecretStore } from './secrets';
import type { DockerDriver, StackRuntimeDriver } from './stack/runtime';

export interface PreflightDeps {
  settings: Settings;
  server: ServerStatus;
  /** Where the stack's files and (native) state files live. */
  stack: { filesDir: string; dataDir: string };
  drivers: { docker: DockerDriver; native: StackRuntimeDriver };
  prometheus: Pick<PrometheusClient, 'ready' | 'targets'>;
  grafanaUrl: string;
  /** How the server loads prom-client; the check loads it the same way (the CLI serves nothing). */
  loadPromClient: PromClientLoader;
  /** The data folder's secrets, whose modes and links the secrets check looks at. */
  secrets?: Pick<SecretStore, 'audit'>;
  /** The source's status, asked once per report (the source checks share it). */
  source?: () => Promise<SourceStatus>;
  /** The managed stack's Prometheus, when the source is another (the stack's own checks). */
  managedPrometheus?: Pick<PrometheusClient, 'ready' | 'targets'>;
  /** Each remote-write receiver's health (remote-write/service.ts). */
  remoteWrite?: () => Promise<RemoteWriteStatus[]>;
}

export type Check = Omit<PreflightCheck, 'id' | 'title'>;
export type CheckFn = (deps: PreflightDeps) => Promise<Check>;

export const ok = (observed: string): Check => ({ status: 'ok', observed, fix: '' });
export const msg = (err: unknown): string => (err instanceof Error ? err.message : String(err));
export const fixOf = (err: unknown, fallback: string): string =>
  err && typeof err === 'object' && 'fix' in err && typeof err.fix === 'string'
    ? err.fix
    : fallback;

/** When the chosen runtime does not need a tool, its absence is not a failure. */
export const needed = (deps: PreflightDeps, runtime: 'docker' | 'native'): CheckStatus =>
  deps.settings.stack.runtime === runtime ? 'fail' : 'skipped';

// A title may depend on the settings: the scrape-target check names the job the stack scrapes.
export interface CheckSpec {
  id: PreflightCheckId;
  title: string | ((s: Settings) => string);
  run: CheckFn;
}

/** What the chosen runtime says of its services; none when it cannot tell. */
export function serviceStates(d: PreflightDeps): Promise<ServiceStatus[]> {
  return d.drivers[d.settings.stack.runtime]
    .status({ filesDir: d.stack.filesDir, dataDir: d.stack.dataDir, settings: d.settings })
    .catch(() => []);
}
