// What every rendered file of the stack shares: the input, the names and paths the files agree
// on, and the YAML quoting (every string scalar goes through JSON.stringify, which is a valid YAML
// double-quoted scalar, so a setting can never change the structure of a file).
import { createHash } from 'node:crypto';
import { ALERT_RULES_FILE } from '../../../../shared/alerts';
import { MANAGED_PROMETHEUS_USER } from '../../../../shared/api';
import { type Settings } from '../../../../shared/settings';

export interface StackFilesInput {
  settings: Settings;
  platform: NodeJS.Platform;
  grafanaPassword: string;
  /** The embedded server's bearer token when it is bound off loopback; null on loopback. */
  serverToken: string | null;
  /** The compose project (`-p`), from the data folder; shown in the compose file's header. */
  project?: string;
  /** The group the token file belongs to (Linux): the container joins it to read the token. */
  tokenGid?: number | null;
  /**
   * The data folder's secrets folder, whose remote-write secrets the native Prometheus reads;
   * default: `secrets` beside the stack folder (the data folder's layout).
   */
  secretsDir?: string;
  /**
   * The instances' token files Peak Watch could read (path → content), for the container's
   * copies. An instance whose token file is not here is left out of the container's config (its
   * copy cannot be written); the native config names the user's file itself.
   */
  instanceTokens?: ReadonlyMap<string, string>;
}

/** The compose project name when none is derived from a data folder (composeProject()). */
export const COMPOSE_PROJECT = 'peak-watch';

/**
 * Prometheus's CORS rule, fully anchored by Prometheus: a character class no character is in, so
 * no Origin matches and no page gets Access-Control-Allow-Origin (Peak Watch reads Prometheus
 * from the core, never from a browser). No `$`: compose would try to interpolate it.
 */
export const PROMETHEUS_CORS_ORIGIN = '[^\\s\\S]';

/** Grafana without phone-home, sign-up or anonymous access, with strict cookies. */
export const GRAFANA_HARDENING: Readonly<Record<string, string>> = {
  GF_SECURITY_ADMIN_USER: 'admin',
  GF_AUTH_ANONYMOUS_ENABLED: 'false',
  GF_USERS_ALLOW_SIGN_UP: 'false',
  GF_ANALYTICS_REPORTING_ENABLED: 'false',
  GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
  GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES: 'false',
  GF_ANALYTICS_FEEDBACK_LINKS_ENABLED: 'false',
  GF_NEWS_NEWS_FEED_ENABLED: 'false',
  GF_SNAPSHOTS_EXTERNAL_ENABLED: 'false',
  GF_SECURITY_DISABLE_GRAVATAR: 'true',
  GF_SECURITY_COOKIE_SAMESITE: 'strict',
  GF_PLUGINS_PREINSTALL_DISABLED: 'true',
};
/** Job for targets from settings.stack.extraTargets: they never receive the server's token. */
export const EXTRA_JOB = 'extra';
export const DASHBOARD_FILE = 'peak-trade-watch-only.json';
export const WEB_CONFIG_FILE = 'web-config.yml';
/** The one user the managed Prometheus admits (runtime.ts PROMETHEUS_USER re-exports it). */
export const PROMETHEUS_USER_NAME = MANAGED_PROMETHEUS_USER;

/** Paths inside the stack folder (posix separators; joined with the folder when written). */
export const STACK_PATHS = {
  compose: 'compose.yml',
  env: '.env',
  // A folder, not a single file, is bind-mounted into the container: files are replaced by
  // rename, and a single-file bind mount would keep showing the old inode after a rewrite.
  prometheusConfig: 'prometheus/prometheus.yml',
  serverToken: 'prometheus/secrets/server-token',
  // Prometheus scrapes itself through its own web config, so it needs the password too: a copy
  // of the secret that the container's user can read (0640, its group joined), as the token.
  prometheusPassword: 'prometheus/secrets/prometheus-password',
  prometheusNativeConfig: 'prometheus.native.yml',
  // Prometheus's --web.config.file (basic_auth_users with a bcrypt hash), in the mounted folder.
  prometheusWebConfig: `prometheus/${WEB_CONFIG_FILE}`,
  // Beside prometheus.yml in the mounted folder, so both variants name it the same way.
  alertRules: `prometheus/${ALERT_RULES_FILE}`,
  grafanaDatasource: 'grafana/provisioning/datasources/prometheus.yml',
  grafanaProvider: 'grafana/provisioning/dashboards/provider.yml',
  grafanaNativeDatasource: 'grafana/provisioning-native/datasources/prometheus.yml',
  grafanaNativeProvider: 'grafana/provisioning-native/dashboards/provider.yml',
  dashboard: `grafana/dashboards/${DASHBOARD_FILE}`,
  // The token-less instances, read by Prometheus's file_sd (re-read on change, no reload). Two
  // files because a Docker Desktop container reaches this machine as host.docker.internal.
  instances: 'prometheus/instances.json',
  instancesNative: 'instances.native.json',
} as const;

/** An instance's token file copied into the mounted folder (0640), named by its path's hash. */
export function instanceTokenPath(tokenFile: string): string {
  const id = createHash('sha256').update(tokenFile).digest('hex').slice(0, 12);
  return `prometheus/secrets/instance-token-${id}`;
}

/** The copies' folder and name prefix: copies of removed instances' tokens are deleted. */
export const INSTANCE_TOKEN_PREFIX = 'instance-token-';

/**
 * The variable Grafana reads the Prometheus password from, through the provisioning file's
 * $__env{…} interpolation
 * (https://grafana.com/docs/grafana/latest/administration/provisioning/#using-environment-variables):
 * the native runtime sets it in Grafana's environment, compose passes it through from its own.
 */
export const GRAFANA_PROMETHEUS_PASSWORD_ENV = 'PEAK_WATCH_PROMETHEUS_PASSWORD';

/** The variable Grafana reads an existing source's password or bearer token from, as above. */
export const GRAFANA_SOURCE_CREDENTIAL_ENV = 'PEAK_WATCH_SOURCE_CREDENTIAL';

/** Where the container sees an existing source's CA file (mounted read-only by the compose file). */
export const CONTAINER_SOURCE_CA = '/etc/grafana/source-ca.pem';

export const HEADER = '# Generated by Peak Watch from its settings; edits here are overwritten.\n';
export const q = (s: string): string => JSON.stringify(s);

/** Linux runs the containers on the host network; Docker Desktop (macOS, Windows) cannot. */
export function usesHostNetwork(platform: NodeJS.Platform): boolean {
  return platform === 'linux';
}
