// What the stack service needs from a runtime. Two implement it: the Docker Compose driver
// (compose.ts) and the native child-process runtime (native.ts). Both run the files that
// files.ts generated into one folder.
import type { ServiceName, ServiceStatus, StackProgress } from '../../../shared/api';
import type { Settings } from '../../../shared/settings';
import { PrometheusClient, type BasicAuth } from '../prometheus';
import { SecretStore } from '../secrets';
import { PROMETHEUS_USER_NAME } from './files-render';

export interface RuntimeContext {
  /** The folder written by writeStackFiles (compose file, prometheus.yml, provisioning, .env). */
  filesDir: string;
  /** Where the native runtime keeps data and logs (the compose driver uses named volumes). */
  dataDir: string;
  settings: Settings;
  signal?: AbortSignal;
}

export interface StackRuntimeDriver {
  readonly kind: 'docker' | 'native';
  /** What will run the stack ('docker compose', 'docker-compose', 'prometheus 2.42.0'), or a ConsoleError when nothing can. */
  detect(signal?: AbortSignal): Promise<string>;
  /** Starts every service it can; reports per-service progress. Throws a ConsoleError on failure. */
  up(ctx: RuntimeContext, onProgress: (p: StackProgress) => void): Promise<void>;
  /** Stops the services; data (volumes / data folder) is kept. */
  down(ctx: RuntimeContext, onProgress: (p: StackProgress) => void): Promise<void>;
  /** One entry per service (prometheus, grafana), never throws for a stack that is simply down. */
  status(ctx: RuntimeContext): Promise<ServiceStatus[]>;
  /** The last `lines` log lines of a service. */
  logs(ctx: RuntimeContext, service: ServiceName, lines: number): Promise<string[]>;
  /**
   * Makes a running Prometheus re-read its config by SIGHUP (no lifecycle API) and confirms it
   * took; a rejected or unnoticed reload is a ConsoleError with Prometheus's own message.
   */
  reload(ctx: RuntimeContext): Promise<void>;
  /** The binary a runtime that runs binaries would start for a service: 'prometheus 2.42.0 at
   * /usr/bin/prometheus', else a ConsoleError saying why not (not found, not that program). */
  binary?(service: ServiceName, signal?: AbortSignal): Promise<string>;
  /** Whatever else Start needs beyond detect() (the compose driver: a reachable engine). */
  usable?(signal?: AbortSignal): Promise<void>;
  /** The compose project this data folder's stack runs as; runtimes without one need not say. */
  projectOf?(ctx: Pick<RuntimeContext, 'dataDir'>): string;
}

export function prometheusUrl(settings: Settings): string {
  return `http://127.0.0.1:${settings.stack.prometheusPort}`;
}

/**
 * The user the managed Prometheus's web config admits. Every request needs its password: a web
 * page (a DNS-rebinding one included, which is same-origin with the port) cannot know it.
 */
export const PROMETHEUS_USER = PROMETHEUS_USER_NAME;

/** The managed Prometheus's credentials: the password is the data folder's secret. */
export async function prometheusAuth(dataDir: string): Promise<BasicAuth> {
  return {
    username: PROMETHEUS_USER,
    password: await new SecretStore(dataDir).get('prometheus-password'),
  };
}

/**
 * The credentials a client of the managed Prometheus sends: the password if one exists, else none.
 * Only starting the stack makes the password; a client asking (a preflight check still running
 * as its console closes, say) must not write into the data folder, and with no password there is
 * no Prometheus of ours that wants one.
 */
export async function prometheusClientAuth(dataDir: string): Promise<BasicAuth | null> {
  const password = await new SecretStore(dataDir).peek('prometheus-password');
  return password ? { username: PROMETHEUS_USER, password } : null;
}

/** A client for the managed Prometheus of this data folder, with its credentials. */
export function managedPrometheus(
  ctx: Pick<RuntimeContext, 'dataDir' | 'settings'>,
  timeoutMs?: number,
): PrometheusClient {
  return new PrometheusClient({
    baseUrl: prometheusUrl(ctx.settings),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    auth: () => prometheusClientAuth(ctx.dataDir),
  });
}

export function grafanaUrl(settings: Settings): string {
  return `http://127.0.0.1:${settings.stack.grafanaPort}`;
}

/** The compose driver also answers preflight's Docker questions, with its own CLI lookup. */
export interface DockerDriver extends StackRuntimeDriver {
  /** `docker --version`, found with the driver's path and PATH additions. */
  cliVersion(signal?: AbortSignal): Promise<string>;
  /** The engine's version, or 'docker-missing' / 'docker-engine-unreachable'. */
  engineVersion(signal?: AbortSignal): Promise<string>;
  /** The images of these that `docker image inspect` does not find (the full-stack check). */
  missingImages?(images: readonly string[], signal?: AbortSignal): Promise<string[]>;
}

/** Whether Prometheus runs among these services: what Start/Stop, a settings change and the test
 * traffic's wait go by. */
export function prometheusRunning(services: readonly ServiceStatus[]): boolean {
  return services.some((s) => s.name === 'prometheus' && s.state === 'running');
}
