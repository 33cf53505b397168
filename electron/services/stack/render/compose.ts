// compose.yml and its .env, rendered from settings.
import { type Settings } from '../../../../shared/settings';
import { retentionFlags } from '../../remote-write/render';
import { fullComposeServices, fullComposeVolumes } from '../full/compose';
import {
  COMPOSE_PROJECT,
  PROMETHEUS_CORS_ORIGIN,
  GRAFANA_HARDENING,
  DASHBOARD_FILE,
  WEB_CONFIG_FILE,
  GRAFANA_PROMETHEUS_PASSWORD_ENV,
  GRAFANA_SOURCE_CREDENTIAL_ENV,
  CONTAINER_SOURCE_CA,
  HEADER,
  q,
  usesHostNetwork,
  type StackFilesInput,
} from './common';

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

/** The compose volume that shows an existing source's CA file to Grafana's container. */
function sourceCaVolume(settings: Settings): string[] {
  const { kind, caFile } = settings.source;
  return kind === 'existing' && caFile
    ? [`      - ${q(`${caFile}:${CONTAINER_SOURCE_CA}:ro`)}`]
    : [];
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
