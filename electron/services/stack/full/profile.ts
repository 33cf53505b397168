// The full profile's fixed facts: pinned images, ports and file paths. They are constants, not
// settings: the configs below were written against these exact versions (component names and
// config keys moved between releases of each), so a different tag is a code change, reviewed.
import type { Settings } from '../../../../shared/settings';

/**
 * Pinned tags. Each config was checked against its release's own reference:
 * - Collector contrib 0.159.0 (open-telemetry/opentelemetry-collector-releases,
 *   distributions/otelcol-contrib/manifest.yaml): exporters `otlp_grpc` and `otlp_http` are the
 *   component names since `otlp` / `otlphttp` became deprecated aliases.
 * - Tempo 3.0.3 (grafana/tempo docs/sources/tempo/configuration/manifest.md at v3.0.3):
 *   monolithic mode (`-target=all`) needs no Kafka and forces its rings in memory on 127.0.0.1.
 * - Loki 3.7.6 (grafana/loki docs/sources/shared/configuration.md at v3.7.6): native OTLP
 *   ingestion at /otlp, trace ids kept as structured metadata `trace_id`.
 */
export const FULL_STACK_IMAGES = {
  collector: 'otel/opentelemetry-collector-contrib:0.159.0',
  tempo: 'grafana/tempo:3.0.3',
  loki: 'grafana/loki:3.7.6',
} as const;

export type FullStackService = 'otel-collector' | 'tempo' | 'loki';

/**
 * Ports, fixed. On Linux every container shares the host's network (as the mini stack's do), so
 * each listener binds 127.0.0.1 on a port no other part uses: Peak Watch's own OTLP receiver
 * keeps 4318 (telemetry.port's default), so the Collector takes 14317 / 14318; Tempo's and
 * Loki's gRPC servers both default to 9095 and their gossip to 7946, so each gets its own.
 * `published` ports are the ones a person or an app uses; the rest stay between the services.
 */
export const FULL_STACK_PORTS = {
  collectorOtlpGrpc: { port: 14317, service: 'otel-collector', published: true },
  collectorOtlpHttp: { port: 14318, service: 'otel-collector', published: true },
  /** The Collector's Prometheus exporter (OpenMetrics, with exemplars), scraped by Prometheus. */
  collectorMetrics: { port: 18889, service: 'otel-collector', published: false },
  tempoHttp: { port: 3200, service: 'tempo', published: false },
  tempoGrpc: { port: 13200, service: 'tempo', published: false },
  /** Tempo's OTLP/gRPC receiver: only the Collector sends to it. */
  tempoOtlpGrpc: { port: 13217, service: 'tempo', published: false },
  tempoGossip: { port: 13246, service: 'tempo', published: false },
  lokiHttp: { port: 3100, service: 'loki', published: false },
  lokiGrpc: { port: 13100, service: 'loki', published: false },
  lokiGossip: { port: 13146, service: 'loki', published: false },
} as const satisfies Record<
  string,
  { port: number; service: FullStackService; published: boolean }
>;

export const port = (name: keyof typeof FULL_STACK_PORTS): number => FULL_STACK_PORTS[name].port;

/** Files of the full profile, inside the stack folder (posix separators). */
export const FULL_STACK_PATHS = {
  collector: 'full/otel-collector/config.yaml',
  tempo: 'full/tempo/tempo.yaml',
  loki: 'full/loki/loki.yaml',
  // Beside the Prometheus datasource, in the folder Grafana provisions from.
  grafanaDatasources: 'grafana/provisioning/datasources/telemetry.yml',
} as const;

/** Grafana datasource uids the links between them name. */
export const TEMPO_DATASOURCE_UID = 'peak-watch-tempo';
export const LOKI_DATASOURCE_UID = 'peak-watch-loki';
export const TEMPO_DATASOURCE_NAME = 'Tempo';
export const LOKI_DATASOURCE_NAME = 'Loki';

/** The exemplar label that carries a trace id: the Collector's exporter and Peak Watch both use it. */
export const EXEMPLAR_TRACE_LABEL = 'trace_id';

/** What the full profile's files are rendered from (a part of files-render.ts StackFilesInput). */
export interface FullStackInput {
  settings: Settings;
  platform: NodeJS.Platform;
}

/** The full profile runs only under Docker (shared/settings.ts refuses it with native). */
export function isFullProfile(settings: Settings): boolean {
  return settings.stack.profile === 'full' && settings.stack.runtime === 'docker';
}
