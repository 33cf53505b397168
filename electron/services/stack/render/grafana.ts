// Grafana's provisioning: the datasource and the dashboard provider, rendered from settings.
import { DATASOURCE_UID } from '../../../../shared/dashboard';
import { DATASOURCE_NAME } from '../../../../shared/grafana-dashboard';
import { type Settings, type SettingsDiff } from '../../../../shared/settings';
import { urlFromContainer } from '../../remote-write/render';
import { exemplarTraceLinks } from '../full/grafana';
import {
  PROMETHEUS_USER_NAME,
  GRAFANA_PROMETHEUS_PASSWORD_ENV,
  GRAFANA_SOURCE_CREDENTIAL_ENV,
  CONTAINER_SOURCE_CA,
  HEADER,
  q,
  usesHostNetwork,
  type StackFilesInput,
} from './common';

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
