// prometheus.yml, its file_sd target file and its web config, rendered from settings.
import { dirname, join } from 'node:path';
import { ALERT_RULES_FILE } from '../../../../shared/alerts';
import { configuredJob } from '../../../../shared/dashboard';
import { isLoopbackHost, type Settings } from '../../../../shared/settings';
import { renderRemoteWrite } from '../../remote-write/render';
import { collectorScrapeConfig } from '../full/compose';
import {
  EXTRA_JOB,
  PROMETHEUS_USER_NAME,
  STACK_PATHS,
  instanceTokenPath,
  HEADER,
  q,
  usesHostNetwork,
  type StackFilesInput,
} from './common';

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
  lines.push(...tokenInstanceJobs(input, opts, job, jobLabel));
  lines.push(...selfScrapeJob(input, opts));
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

/** One scrape config per distinct token file of the instances that have one. */
function tokenInstanceJobs(
  input: StackFilesInput,
  opts: PrometheusConfigOptions,
  job: string,
  jobLabel: string[],
): string[] {
  const { settings, platform } = input;
  const lines: string[] = [];
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
  return lines;
}

/** Prometheus scraping itself, through its own web config's password. */
function selfScrapeJob(input: StackFilesInput, opts: PrometheusConfigOptions): string[] {
  const { settings, platform } = input;
  // Prometheus scrapes itself for prometheus_config_last_reload_successful and the rule
  // evaluation failures, which the alerts watch.
  const self =
    opts.forContainer && !usesHostNetwork(platform)
      ? 'localhost:9090'
      : `127.0.0.1:${settings.stack.prometheusPort}`;
  const passwordFile = opts.forContainer
    ? 'secrets/prometheus-password'
    : join(opts.filesDir, ...STACK_PATHS.prometheusPassword.split('/'));
  return [
    '  - job_name: "prometheus"',
    // Its own web config asks every client for the password, itself included.
    '    basic_auth:',
    `      username: ${q(PROMETHEUS_USER_NAME)}`,
    `      password_file: ${q(passwordFile)}`,
    '    static_configs:',
    `      - targets: [${q(self)}]`,
  ];
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
