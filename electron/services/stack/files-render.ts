// The stack's files as text, rendered from settings: pure functions, so every variant (Linux host
// networking, macOS / Windows port mappings, native) is tested without writing anything.
//
// YAML is written by hand: every string scalar goes through JSON.stringify, which is a valid YAML
// double-quoted scalar, so a setting can never change the structure of a file.
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { ALERT_RULES_FILE } from '../../../shared/alerts';
import { MANAGED_PROMETHEUS_USER } from '../../../shared/api';
import { DATASOURCE_UID, configuredJob } from '../../../shared/dashboard';
import { DATASOURCE_NAME } from '../../../shared/grafana-dashboard';
import { isLoopbackHost, type Settings, type SettingsDiff } from '../../../shared/settings';
import { urlFromContainer, renderRemoteWrite, retentionFlags } from '../remote-write/render';
import { collectorScrapeConfig, fullComposeServices, fullComposeVolumes } from './full/compose';
import { exemplarTraceLinks } from './full/grafana';

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

const HEADER = '# Generated by Peak Watch from its settings; edits here are overwritten.\n';
const q = (s: string): string => JSON.stringify(s);

/** Linux runs the containers on the host network; Docker Desktop (macOS, Windows) cannot. */
export function usesHostNetwork(platform: NodeJS.Platform): boolean {
  return platform === 'linux';
}

/** Splits host:port, keeping brackets off an IPv6 host. */
function splitTarget(target: string): { host: string; port: string } {
  const i = target.lastIndexOf(':');
  return { host: target.slice(0, i).replace(/^\[|\]$/g, ''), port: target.slice(i + 1) };
}

function joinTarget(host: string, port: string | number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

const WILDCARDS = new Set(['', '0.0.0.0', '::', '[::]']);

/** Where Prometheus reaches the embedded server. */
export function serverTarget(
  settings: Settings,
  platform: NodeJS.Platform,
  forContainer: boolean,
): string {
  const { host, port } = settings.server;
  const local = WILDCARDS.has(host) || isLoopbackHost(host);
  if (forContainer && !usesHostNetwork(platform) && local)
    return joinTarget('host.docker.internal', port);
  if (!local) return joinTarget(host.replace(/^\[|\]$/g, ''), port);
  return host === '::1' || host === '[::1]' ? '[::1]:' + port : `127.0.0.1:${port}`;
}

/** An extra target as the user typed it; from a Docker Desktop container, loopback means the host. */
function extraTarget(target: string, platform: NodeJS.Platform, forContainer: boolean): string {
  const { host, port } = splitTarget(target);
  if (forContainer && !usesHostNetwork(platform) && isLoopbackHost(host)) {
    return joinTarget('host.docker.internal', port);
  }
  return target;
}

/**
 * A relabel replacement is expanded like a regex replacement ($1, ${name}): a job with a `$` in
 * it keeps it only doubled.
 */
function literalReplacement(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

/** The token-less instances as a file_sd target file (JSON), for one variant. */
export function renderInstancesFile(input: StackFilesInput, forContainer: boolean): string {
  const targets = input.settings.stack.instances
    .filter((i) => i.tokenFile === '')
    .map((i) => extraTarget(i.target, input.platform, forContainer));
  // An empty list is a valid target file: the scrape config stays, so adding the first instance
  // is a file write too.
  const groups = targets.length ? [{ targets, labels: {} }] : [];
  return JSON.stringify(groups, null, 2) + '\n';
}

/** The instances with a token file, grouped by it: one scrape config per distinct file. */
function instancesByTokenFile(settings: Settings): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const i of settings.stack.instances) {
    if (i.tokenFile === '') continue;
    byFile.set(i.tokenFile, [...(byFile.get(i.tokenFile) ?? []), i.target]);
  }
  return byFile;
}

export type PrometheusConfigOptions =
  | { forContainer: true }
  /** The native runtime's variant needs the folder to give Prometheus absolute paths. */
  | { forContainer: false; filesDir: string };

export function renderPrometheusConfig(
  input: StackFilesInput,
  opts: PrometheusConfigOptions,
): string {
  const { settings, platform, serverToken } = input;
  const interval = settings.stack.scrapeIntervalSeconds;
  // Prometheus rejects a scrape timeout longer than the interval.
  const timeout = Math.min(10, interval);
  // Relative paths resolve against the config file's folder, which is the mounted folder in the
  // container (so promtool can check the container variant on the host as it is).
  const tokenFile = opts.forContainer
    ? 'secrets/server-token'
    : join(opts.filesDir, ...STACK_PATHS.serverToken.split('/'));
  const job = configuredJob(settings.source);
  // Every scrape config of the app's job sets the `job` label to it: job_name must be unique, so
  // the instances' configs have names of their own, and the label is what the dashboard, the
  // rules and Targets match.
  const jobLabel = [
    '    relabel_configs:',
    '      - target_label: "job"',
    `        replacement: ${q(literalReplacement(job))}`,
  ];
  const instancesFile = opts.forContainer
    ? 'instances.json'
    : join(opts.filesDir, ...STACK_PATHS.instancesNative.split('/'));
  const lines = [
    HEADER.trimEnd(),
    'global:',
    `  scrape_interval: ${interval}s`,
    `  scrape_timeout: ${timeout}s`,
    `  evaluation_interval: ${interval}s`,
    // The alert rules (their group sets its own evaluation interval, an alerts setting).
    'rule_files:',
    `  - ${q(opts.forContainer ? ALERT_RULES_FILE : join(opts.filesDir, ...STACK_PATHS.alertRules.split('/')))}`,
    'scrape_configs:',
    `  - job_name: ${q(job)}`,
    `    metrics_path: "/metrics"`,
  ];
  if (serverToken !== null) {
    // The token stays in its own 0600 file; Prometheus re-reads it on every scrape.
    lines.push(
      '    authorization:',
      '      type: "Bearer"',
      `      credentials_file: ${q(tokenFile)}`,
    );
  }
  lines.push(
    '    static_configs:',
    `      - targets: [${q(serverTarget(settings, platform, opts.forContainer))}]`,
    ...jobLabel,
    // The token-less instances: Prometheus watches the file and re-reads it (and every 30 s where
    // a bind mount does not pass on file events), so adding one needs no reload.
    `  - job_name: ${q(`${job}:instances`)}`,
    `    metrics_path: "/metrics"`,
    '    file_sd_configs:',
    `      - files: [${q(instancesFile)}]`,
    '        refresh_interval: "30s"',
    ...jobLabel,
  );
  for (const [tokenFile, targets] of instancesByTokenFile(settings)) {
    // The container reads a copy in the mounted folder; the native Prometheus the user's file.
    if (opts.forContainer && !input.instanceTokens?.has(tokenFile)) continue;
    const copy = instanceTokenPath(tokenFile);
    lines.push(
      `  - job_name: ${q(`${job}:token:${copy.slice(copy.lastIndexOf('-') + 1)}`)}`,
      `    metrics_path: "/metrics"`,
      '    authorization:',
      '      type: "Bearer"',
      `      credentials_file: ${q(opts.forContainer ? copy.slice('prometheus/'.length) : tokenFile)}`,
      '    static_configs:',
      `      - targets: [${targets.map((t) => q(extraTarget(t, platform, opts.forContainer))).join(', ')}]`,
      ...jobLabel,
    );
  }
  // Prometheus scrapes itself for prometheus_config_last_reload_successful and the rule
  // evaluation failures, which the alerts watch.
  const self =
    opts.forContainer && !usesHostNetwork(platform)
      ? 'localhost:9090'
      : `127.0.0.1:${settings.stack.prometheusPort}`;
  const passwordFile = opts.forContainer
    ? 'secrets/prometheus-password'
    : join(opts.filesDir, ...STACK_PATHS.prometheusPassword.split('/'));
  lines.push(
    '  - job_name: "prometheus"',
    // Its own web config asks every client for the password, itself included.
    '    basic_auth:',
    `      username: ${q(PROMETHEUS_USER_NAME)}`,
    `      password_file: ${q(passwordFile)}`,
    '    static_configs:',
    `      - targets: [${q(self)}]`,
  );
  lines.push(...collectorScrapeConfig(input, opts.forContainer));
  const extras = settings.stack.extraTargets.map((t) =>
    extraTarget(t, platform, opts.forContainer),
  );
  if (extras.length) {
    lines.push(
      `  - job_name: ${q(EXTRA_JOB)}`,
      '    static_configs:',
      `      - targets: [${extras.map(q).join(', ')}]`,
    );
  }
  lines.push(...remoteWriteSection(input, opts));
  return lines.join('\n') + '\n';
}

/** Long-term storage (remote-write/render.ts), after every scrape config. */
function remoteWriteSection(input: StackFilesInput, opts: PrometheusConfigOptions): string[] {
  return renderRemoteWrite(input.settings, {
    forContainer: opts.forContainer,
    desktopContainer: opts.forContainer && !usesHostNetwork(input.platform),
    secretsDir: opts.forContainer
      ? ''
      : (input.secretsDir ?? join(dirname(opts.filesDir), 'secrets')),
  });
}

export function renderComposeFile(input: StackFilesInput): string {
  const { stack } = input.settings;
  const host = usesHostNetwork(input.platform);
  const promListen = host ? `127.0.0.1:${stack.prometheusPort}` : '0.0.0.0:9090';
  const network = host
    ? ['    network_mode: host']
    : ['    ports:', `      - ${q(`127.0.0.1:${stack.prometheusPort}:9090`)}`];
  const grafanaNetwork = host
    ? ['    network_mode: host']
    : ['    ports:', `      - ${q(`127.0.0.1:${stack.grafanaPort}:3000`)}`];
  const grafanaServer = host
    ? [
        '      GF_SERVER_HTTP_ADDR: "127.0.0.1"',
        `      GF_SERVER_HTTP_PORT: ${q(String(stack.grafanaPort))}`,
      ]
    : [];
  const project = input.project ?? COMPOSE_PROJECT;
  // Linux: the container's user (nobody in prom/prometheus) joins the group of the files in
  // prometheus/secrets (its password, the token), which are 0640, so it can read them without
  // running as the host's user (which could not write the image's /prometheus volume).
  const groupAdd =
    host && input.tokenGid != null
      ? ['    group_add:', `      - ${q(String(input.tokenGid))}`]
      : [];
  return (
    [
      HEADER +
        `# Run: docker compose -p ${project} up -d   (or docker-compose -p ${project} up -d)`,
      // No top-level `version:` or `name:`: compose v2 ignores the first and v1 (1.29) rejects the
      // second; the project name comes from -p.
      'services:',
      '  prometheus:',
      `    image: ${q(stack.prometheusImage)}`,
      '    restart: unless-stopped',
      '    command:',
      '      - "--config.file=/etc/prometheus/prometheus.yml"',
      '      - "--storage.tsdb.path=/prometheus"',
      `      - ${q(`--web.listen-address=${promListen}`)}`,
      `      - ${q(`--web.cors.origin=${PROMETHEUS_CORS_ORIGIN}`)}`,
      `      - ${q(`--web.config.file=/etc/prometheus/${WEB_CONFIG_FILE}`)}`,
      // Keeps the trace ids the server's OpenMetrics exposition carries (docs/TELEMETRY.md).
      '      - "--enable-feature=exemplar-storage"',
      // Retention is a command-line flag: a change rewrites this file, which recreates the service.
      ...retentionFlags(input.settings).map((f) => `      - ${q(f)}`),
      ...network,
      ...groupAdd,
      ...(host ? [] : ['    extra_hosts:', '      - "host.docker.internal:host-gateway"']),
      '    volumes:',
      '      - "./prometheus:/etc/prometheus:ro"',
      '      - "prometheus-data:/prometheus"',
      '  grafana:',
      `    image: ${q(stack.grafanaImage)}`,
      '    restart: unless-stopped',
      ...grafanaNetwork,
      // An existing source on the host's loopback is host.docker.internal to Grafana too.
      ...(host ? [] : ['    extra_hosts:', '      - "host.docker.internal:host-gateway"']),
      '    depends_on:',
      '      - prometheus',
      '    # The admin password lives only in .env (mode 0600), never in this file.',
      '    env_file:',
      '      - ".env"',
      '    environment:',
      ...Object.entries(GRAFANA_HARDENING).map(([k, v]) => `      ${k}: ${q(v)}`),
      `      GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH: ${q(`/etc/grafana/dashboards/${DASHBOARD_FILE}`)}`,
      ...grafanaServer,
      // No value: compose takes it from the environment Peak Watch runs it with, so the
      // Prometheus password is in no file here (its datasource reads $__env{…}).
      `      ${GRAFANA_PROMETHEUS_PASSWORD_ENV}:`,
      // The existing source's password or token, the same way (its datasource reads $__env{…}).
      `      ${GRAFANA_SOURCE_CREDENTIAL_ENV}:`,
      '    volumes:',
      '      - "./grafana/provisioning:/etc/grafana/provisioning:ro"',
      '      - "./grafana/dashboards:/etc/grafana/dashboards:ro"',
      ...sourceCaVolume(input.settings),
      '      - "grafana-data:/var/lib/grafana"',
      ...fullComposeServices(input),
      'volumes:',
      '  prometheus-data: {}',
      '  grafana-data: {}',
      ...fullComposeVolumes(input),
    ].join('\n') + '\n'
  );
}

/**
 * Grafana's datasource under the fixed uid the dashboard refers to: the stack's Prometheus, or
 * the existing source the console reads (Grafana follows the source, docs/SOURCES.md). Secrets
 * are interpolated by Grafana from its environment at provisioning and stored encrypted
 * (https://grafana.com/docs/grafana/latest/administration/provisioning/#using-environment-variables),
 * never written here.
 */
export function renderGrafanaDatasource(
  input: StackFilesInput,
  opts: { forContainer: boolean },
): string {
  const { settings, platform } = input;
  const desktop = opts.forContainer && !usesHostNetwork(platform);
  const lines = [
    HEADER.trimEnd(),
    'apiVersion: 1',
    'datasources:',
    `  - name: ${q(DATASOURCE_NAME)}`,
    `    uid: ${q(DATASOURCE_UID)}`,
    '    type: "prometheus"',
    '    access: "proxy"',
  ];
  // Lets Grafana's $__rate_interval know how often samples arrive.
  const timeInterval = `      timeInterval: ${q(`${settings.stack.scrapeIntervalSeconds}s`)}`;
  if (settings.source.kind === 'existing' && settings.source.url) {
    lines.push(...existingSourceDatasource(settings, desktop, opts.forContainer, timeInterval));
    return lines.join('\n') + '\n';
  }
  const url = desktop
    ? 'http://prometheus:9090'
    : `http://127.0.0.1:${settings.stack.prometheusPort}`;
  lines.push(
    `    url: ${q(url)}`,
    '    isDefault: true',
    '    editable: false',
    '    jsonData:',
    timeInterval,
    ...exemplarTraceLinks(settings),
    // Prometheus requires basic auth (its web config).
    '    basicAuth: true',
    `    basicAuthUser: ${q(PROMETHEUS_USER_NAME)}`,
    '    secureJsonData:',
    `      basicAuthPassword: ${q(`$__env{${GRAFANA_PROMETHEUS_PASSWORD_ENV}}`)}`,
  );
  return lines.join('\n') + '\n';
}

/**
 * Whether Grafana's datasource changes with the source: Grafana provisions datasources (and reads
 * the credential from its environment) only as it starts, so such a change restarts it. The job
 * alone does not: the dashboard file carries it, and Grafana re-reads that by itself.
 */
export function grafanaSourceChanged(diff: SettingsDiff): boolean {
  return diff.hasExcept('source', 'job');
}

/** The datasource lines after `access:` for an existing source: its URL, auth and TLS. */
function existingSourceDatasource(
  settings: Settings,
  desktop: boolean,
  forContainer: boolean,
  timeInterval: string,
): string[] {
  const { url, auth, user, caFile, skipTlsVerify } = settings.source;
  const credential = `$__env{${GRAFANA_SOURCE_CREDENTIAL_ENV}}`;
  const jsonData = [timeInterval, ...exemplarTraceLinks(settings)];
  const secure: string[] = [];
  if (auth === 'bearer') {
    // Grafana's custom header pair; the value is interpolated like the password below.
    jsonData.push('      httpHeaderName1: "Authorization"');
    secure.push(`      httpHeaderValue1: ${q(`Bearer ${credential}`)}`);
  } else if (auth === 'basic') {
    secure.push(`      basicAuthPassword: ${q(credential)}`);
  }
  if (caFile) {
    jsonData.push('      tlsAuthWithCACert: true');
    // Read by Grafana at provisioning; in a container, the file the compose file mounts.
    secure.push(`      tlsCACert: ${q(`$__file{${forContainer ? CONTAINER_SOURCE_CA : caFile}}`)}`);
  }
  if (skipTlsVerify) jsonData.push('      tlsSkipVerify: true');
  return [
    // A loopback source is the host's, which a Docker Desktop container reaches by name.
    `    url: ${q(urlFromContainer(url, desktop))}`,
    '    isDefault: true',
    '    editable: false',
    '    jsonData:',
    ...jsonData,
    ...(auth === 'basic' ? ['    basicAuth: true', `    basicAuthUser: ${q(user)}`] : []),
    ...(secure.length ? ['    secureJsonData:', ...secure] : []),
  ];
}

/** The compose volume that shows an existing source's CA file to Grafana's container. */
function sourceCaVolume(settings: Settings): string[] {
  const { kind, caFile } = settings.source;
  return kind === 'existing' && caFile
    ? [`      - ${q(`${caFile}:${CONTAINER_SOURCE_CA}:ro`)}`]
    : [];
}

/** Prometheus's --web.config.file: every request needs the user's password (bcrypt hash only). */
export function renderPrometheusWebConfig(passwordHash: string): string {
  if (!/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(passwordHash)) {
    throw new Error('The Prometheus password hash must be a bcrypt hash.');
  }
  return (
    [
      HEADER.trimEnd(),
      "# The password is in the data folder's secrets/prometheus-password; this is its bcrypt hash.",
      'basic_auth_users:',
      `  ${q(PROMETHEUS_USER_NAME)}: ${q(passwordHash)}`,
    ].join('\n') + '\n'
  );
}

/** The file provider for the dashboards folder (mounted read-only, so no UI edits are kept). */
export function renderGrafanaProvider(dashboardsPath: string): string {
  return (
    [
      HEADER.trimEnd(),
      'apiVersion: 1',
      'providers:',
      '  - name: "peak-watch"',
      '    orgId: 1',
      '    folder: "Peak Watch"',
      '    type: "file"',
      '    disableDeletion: true',
      '    allowUiUpdates: false',
      '    updateIntervalSeconds: 30',
      '    options:',
      `      path: ${q(dashboardsPath)}`,
    ].join('\n') + '\n'
  );
}

/** Characters a compose .env value can hold without quoting or `$` interpolation surprises. */
const SAFE_PASSWORD = /^[A-Za-z0-9._~+/=-]{8,200}$/;

export function renderEnvFile(grafanaPassword: string): string {
  if (!SAFE_PASSWORD.test(grafanaPassword)) {
    // Compose interpolates `$` and treats `#` and quotes specially in .env: refuse rather than
    // hand Grafana a different password than the app shows.
    throw new Error(
      'The Grafana admin password must be 8–200 characters of A–Z, a–z, 0–9 and ._~+/=-',
    );
  }
  return `${HEADER}GF_SECURITY_ADMIN_PASSWORD=${grafanaPassword}\n`;
}
