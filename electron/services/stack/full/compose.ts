// The full profile's part of the compose file and of Prometheus's config, in the mini stack's
// style (files-render.ts): Linux uses host networking with every listener on 127.0.0.1; Docker
// Desktop publishes ports on 127.0.0.1 only. Configs are folders mounted read-only (a file
// replaced by rename stays visible through a folder mount, not through a single-file one); data
// lives in named volumes, which take the image's ownership of /var/tempo and /loki (uid 10001),
// where a folder of the user's would not be writable by that user.
import type { FullStackNetwork } from './configs';
import { peer } from './configs';
import {
  FULL_STACK_IMAGES,
  FULL_STACK_PORTS,
  isFullProfile,
  port,
  type FullStackInput,
  type FullStackService,
} from './profile';

const q = (s: string): string => JSON.stringify(s);

export function fullStackNetwork(platform: NodeJS.Platform): FullStackNetwork {
  return { host: platform === 'linux' };
}

function networkLines(net: FullStackNetwork, service: FullStackService): string[] {
  if (net.host) return ['    network_mode: host'];
  const published = Object.values(FULL_STACK_PORTS).filter(
    (p) => p.service === service && p.published,
  );
  if (!published.length) return [];
  return ['    ports:', ...published.map((p) => `      - ${q(`127.0.0.1:${p.port}:${p.port}`)}`)];
}

/** The Collector, Tempo and Loki services, indented under `services:`; none for mini. */
export function fullComposeServices(input: FullStackInput): string[] {
  if (!isFullProfile(input.settings)) return [];
  const net = fullStackNetwork(input.platform);
  return [
    '  otel-collector:',
    `    image: ${q(FULL_STACK_IMAGES.collector)}`,
    '    restart: unless-stopped',
    '    command:',
    '      - "--config=/etc/otelcol-contrib/config.yaml"',
    ...networkLines(net, 'otel-collector'),
    '    depends_on:',
    '      - tempo',
    '      - loki',
    '    volumes:',
    '      - "./full/otel-collector:/etc/otelcol-contrib:ro"',
    '  tempo:',
    `    image: ${q(FULL_STACK_IMAGES.tempo)}`,
    '    restart: unless-stopped',
    '    command:',
    '      - "-config.file=/etc/tempo/tempo.yaml"',
    ...networkLines(net, 'tempo'),
    '    volumes:',
    '      - "./full/tempo:/etc/tempo:ro"',
    '      - "tempo-data:/var/tempo"',
    '  loki:',
    `    image: ${q(FULL_STACK_IMAGES.loki)}`,
    '    restart: unless-stopped',
    '    command:',
    '      - "-config.file=/etc/loki/loki.yaml"',
    ...networkLines(net, 'loki'),
    '    volumes:',
    '      - "./full/loki:/etc/loki:ro"',
    '      - "loki-data:/loki"',
  ];
}

/** The full profile's named volumes, indented under `volumes:`. */
export function fullComposeVolumes(input: FullStackInput): string[] {
  if (!isFullProfile(input.settings)) return [];
  return ['  tempo-data: {}', '  loki-data: {}'];
}

/**
 * Prometheus scrapes the Collector's exporter (the metrics apps send over OTLP, with their
 * exemplars); indented under `scrape_configs:`. Only the container variant: the native runtime
 * has no full profile.
 */
export function collectorScrapeConfig(input: FullStackInput, forContainer: boolean): string[] {
  if (!forContainer || !isFullProfile(input.settings)) return [];
  const net = fullStackNetwork(input.platform);
  return [
    '  - job_name: "otel-collector"',
    '    static_configs:',
    `      - targets: [${q(`${peer(net, 'otel-collector')}:${port('collectorMetrics')}`)}]`,
  ];
}
