// The full profile's rendered files, read back as YAML and checked for what a person running it
// would see break: a service missing, a port off loopback or clashing, a pipeline sending where
// nothing listens, a Grafana link naming a datasource that does not exist, a secret in a file.
// Pure: rendering only (the real docker-compose and promtool run in full-profile.int.test.ts).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DATASOURCE_UID } from '../../../../shared/dashboard';
import {
  applySettingsPatch,
  defaultSettings,
  type SettingsPatch,
} from '../../../../shared/settings';
import {
  renderComposeFile,
  renderGrafanaDatasource,
  renderPrometheusConfig,
  type StackFilesInput,
} from '../files-render';
import { renderFullProfileFiles } from './files';
import {
  FULL_STACK_IMAGES,
  FULL_STACK_PATHS,
  FULL_STACK_PORTS,
  LOKI_DATASOURCE_UID,
  TEMPO_DATASOURCE_UID,
} from './profile';

const GRAFANA_PASSWORD = 'Grafana-Admin-Pw.9f3K2x';

function input(platform: NodeJS.Platform, patch: SettingsPatch = {}): StackFilesInput {
  return {
    settings: applySettingsPatch(defaultSettings(), {
      ...patch,
      stack: { profile: 'full', ...patch.stack },
    }),
    platform,
    grafanaPassword: GRAFANA_PASSWORD,
    serverToken: null,
  };
}

/** A value deep inside parsed YAML, or undefined: `at(doc, 'services', 'tempo', 'image')`. */
function at(doc: unknown, ...path: (string | number)[]): unknown {
  let here = doc;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

const keys = (doc: unknown, ...path: string[]): string[] =>
  Object.keys((at(doc, ...path) as object | undefined) ?? {});
const text = (doc: unknown, ...path: (string | number)[]): string => String(at(doc, ...path));

function fullFiles(platform: NodeJS.Platform): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of renderFullProfileFiles(input(platform))) out[f.path] = parse(f.content);
  return out;
}

const portOf = (endpoint: string): number => Number(/:(\d+)(?:\/|$)/.exec(endpoint)?.[1]);
const hostOf = (endpoint: string): string =>
  endpoint.replace(/^https?:\/\//, '').replace(/:\d+(?:\/.*)?$/, '');

describe('the full profile', () => {
  it('adds nothing to the mini stack', () => {
    const mini = input('linux', { stack: { profile: 'mini' } });
    const compose: unknown = parse(renderComposeFile(mini));
    expect(keys(compose, 'services')).toEqual(['prometheus', 'grafana']);
    expect(keys(compose, 'volumes')).toEqual(['prometheus-data', 'grafana-data']);
    expect(renderPrometheusConfig(mini, { forContainer: true })).not.toContain('otel-collector');
    expect(renderGrafanaDatasource(mini, { forContainer: true })).not.toContain('exemplar');
    expect(renderFullProfileFiles(mini)).toEqual([]);
  });

  it('runs the Collector, Tempo and Loki beside Prometheus and Grafana, on pinned tags', () => {
    const compose: unknown = parse(renderComposeFile(input('linux')));
    expect(keys(compose, 'services')).toEqual([
      'prometheus',
      'grafana',
      'otel-collector',
      'tempo',
      'loki',
    ]);
    expect(at(compose, 'services', 'otel-collector', 'image')).toBe(FULL_STACK_IMAGES.collector);
    expect(at(compose, 'services', 'tempo', 'image')).toBe(FULL_STACK_IMAGES.tempo);
    expect(at(compose, 'services', 'loki', 'image')).toBe(FULL_STACK_IMAGES.loki);
    for (const image of Object.values(FULL_STACK_IMAGES)) {
      expect(image).toMatch(/:\d+\.\d+\.\d+$/); // a release, never latest
    }
    expect(keys(compose, 'volumes')).toEqual([
      'prometheus-data',
      'grafana-data',
      'tempo-data',
      'loki-data',
    ]);
  });

  it('Linux: host networking, every listener of every config on 127.0.0.1', () => {
    const compose: unknown = parse(renderComposeFile(input('linux')));
    for (const name of ['otel-collector', 'tempo', 'loki']) {
      expect(at(compose, 'services', name, 'network_mode')).toBe('host');
      expect(at(compose, 'services', name, 'ports')).toBeUndefined();
    }
    const all = renderFullProfileFiles(input('linux'))
      .map((f) => f.content)
      .join('\n');
    expect(all).not.toContain('0.0.0.0');
    const files = fullFiles('linux');
    const collector = files[FULL_STACK_PATHS.collector];
    expect(at(collector, 'receivers', 'otlp', 'protocols', 'grpc', 'endpoint')).toBe(
      '127.0.0.1:14317',
    );
    expect(at(collector, 'receivers', 'otlp', 'protocols', 'http', 'endpoint')).toBe(
      '127.0.0.1:14318',
    );
    for (const path of [FULL_STACK_PATHS.tempo, FULL_STACK_PATHS.loki]) {
      expect(at(files[path], 'server', 'http_listen_address')).toBe('127.0.0.1');
      expect(at(files[path], 'server', 'grpc_listen_address')).toBe('127.0.0.1');
      expect(at(files[path], 'memberlist', 'bind_addr')).toEqual(['127.0.0.1']);
    }
  });

  it('Docker Desktop: only the Collector’s OTLP ports are published, and on 127.0.0.1', () => {
    const compose: unknown = parse(renderComposeFile(input('darwin')));
    expect(at(compose, 'services', 'otel-collector', 'ports')).toEqual([
      '127.0.0.1:14317:14317',
      '127.0.0.1:14318:14318',
    ]);
    for (const name of ['otel-collector', 'tempo', 'loki']) {
      expect(at(compose, 'services', name, 'network_mode')).toBeUndefined();
    }
    expect(at(compose, 'services', 'tempo', 'ports')).toBeUndefined();
    expect(at(compose, 'services', 'loki', 'ports')).toBeUndefined();
  });

  it('binds no port twice and none that Peak Watch or the mini stack uses', () => {
    const defaults = defaultSettings();
    const used = [
      defaults.server.port,
      defaults.telemetry.port,
      defaults.stack.prometheusPort,
      defaults.stack.grafanaPort,
      // Tempo's and Loki's own defaults for gRPC and gossip, which both would take.
      9095,
      7946,
    ];
    const ports = Object.values(FULL_STACK_PORTS).map((p) => p.port);
    expect(new Set(ports).size).toBe(ports.length);
    for (const p of used) expect(ports).not.toContain(p);
  });

  for (const platform of ['linux', 'darwin'] as const) {
    it(`${platform}: each pipeline sends where a service listens, and Prometheus scrapes the Collector`, () => {
      const files = fullFiles(platform);
      const collector = files[FULL_STACK_PATHS.collector];
      const pipelines = at(collector, 'service', 'pipelines');
      expect(at(pipelines, 'traces', 'exporters')).toEqual(['otlp_grpc/tempo']);
      expect(at(pipelines, 'logs', 'exporters')).toEqual(['otlp_http/loki']);
      expect(at(pipelines, 'metrics', 'exporters')).toEqual(['prometheus']);
      for (const signal of ['traces', 'logs', 'metrics']) {
        expect(at(pipelines, signal, 'receivers')).toEqual(['otlp']);
        expect(at(pipelines, signal, 'processors', 0)).toBe('memory_limiter');
        const exporter = text(pipelines, signal, 'exporters', 0);
        expect(at(collector, 'exporters', exporter)).toBeDefined();
      }
      const toTempo = text(collector, 'exporters', 'otlp_grpc/tempo', 'endpoint');
      const tempoListens = text(
        files[FULL_STACK_PATHS.tempo],
        'distributor',
        'receivers',
        'otlp',
        'protocols',
        'grpc',
        'endpoint',
      );
      expect(portOf(toTempo)).toBe(portOf(tempoListens));
      expect(hostOf(toTempo)).toBe(platform === 'linux' ? '127.0.0.1' : 'tempo');
      const lokiPort = text(files[FULL_STACK_PATHS.loki], 'server', 'http_listen_port');
      expect(at(collector, 'exporters', 'otlp_http/loki', 'endpoint')).toBe(
        `http://${platform === 'linux' ? '127.0.0.1' : 'loki'}:${lokiPort}/otlp`,
      );
      const scrape: unknown = parse(
        renderPrometheusConfig(input(platform), { forContainer: true }),
      );
      const jobs = at(scrape, 'scrape_configs') as unknown[];
      const job = jobs.find((j) => at(j, 'job_name') === 'otel-collector');
      const target = text(job, 'static_configs', 0, 'targets', 0);
      expect(hostOf(target)).toBe(platform === 'linux' ? '127.0.0.1' : 'otel-collector');
      expect(portOf(target)).toBe(portOf(text(collector, 'exporters', 'prometheus', 'endpoint')));
      expect(at(collector, 'exporters', 'prometheus', 'enable_open_metrics')).toBe(true);
    });
  }

  it('the native Prometheus config never scrapes a Collector (no full profile there)', () => {
    const native = renderPrometheusConfig(input('linux'), {
      forContainer: false,
      filesDir: '/data/stack',
    });
    expect(native).not.toContain('otel-collector');
  });

  it('links Grafana’s three datasources: span → logs, log line → trace, exemplar → trace', () => {
    const datasources = at(
      fullFiles('linux')[FULL_STACK_PATHS.grafanaDatasources],
      'datasources',
    ) as unknown[];
    const tempo = datasources.find((d) => at(d, 'type') === 'tempo');
    const loki = datasources.find((d) => at(d, 'type') === 'loki');
    expect(at(tempo, 'uid')).toBe(TEMPO_DATASOURCE_UID);
    expect(at(loki, 'uid')).toBe(LOKI_DATASOURCE_UID);
    expect(at(tempo, 'url')).toBe(`http://127.0.0.1:${FULL_STACK_PORTS.tempoHttp.port}`);
    expect(at(loki, 'url')).toBe(`http://127.0.0.1:${FULL_STACK_PORTS.lokiHttp.port}`);
    expect(at(tempo, 'jsonData', 'tracesToLogsV2', 'datasourceUid')).toBe(LOKI_DATASOURCE_UID);
    // Grafana turns $$ into $: the query it runs filters Loki's trace_id structured metadata.
    expect(at(tempo, 'jsonData', 'tracesToLogsV2', 'query')).toBe(
      '{$${__tags}} | trace_id="$${__trace.traceId}"',
    );
    expect(at(loki, 'jsonData', 'derivedFields', 0)).toMatchObject({
      matcherType: 'label',
      matcherRegex: 'trace_id',
      datasourceUid: TEMPO_DATASOURCE_UID,
      url: '$${__value.raw}',
    });
    const prometheus: unknown = parse(
      renderGrafanaDatasource(input('linux'), { forContainer: true }),
    );
    expect(at(prometheus, 'datasources', 0, 'uid')).toBe(DATASOURCE_UID);
    expect(at(prometheus, 'datasources', 0, 'jsonData', 'exemplarTraceIdDestinations')).toEqual([
      { name: 'trace_id', datasourceUid: TEMPO_DATASOURCE_UID },
    ]);
    // Under Docker Desktop Grafana reaches them on the compose network.
    const desktop = at(fullFiles('darwin')[FULL_STACK_PATHS.grafanaDatasources], 'datasources');
    expect((desktop as unknown[]).map((d) => at(d, 'url'))).toEqual([
      'http://tempo:3200',
      'http://loki:3100',
    ]);
  });

  it('links exemplars to Tempo when the console reads an existing source too', () => {
    const existing = input('linux', {
      source: { kind: 'existing', url: 'http://127.0.0.1:8428', auth: 'none' },
    });
    const ds: unknown = parse(renderGrafanaDatasource(existing, { forContainer: true }));
    expect(at(ds, 'datasources', 0, 'url')).toBe('http://127.0.0.1:8428');
    expect(at(ds, 'datasources', 0, 'jsonData', 'exemplarTraceIdDestinations')).toEqual([
      { name: 'trace_id', datasourceUid: TEMPO_DATASOURCE_UID },
    ]);
  });

  it('holds no secret: the Grafana password stays in .env only', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(renderComposeFile(input(platform))).not.toContain(GRAFANA_PASSWORD);
      const all = renderFullProfileFiles(input(platform))
        .map((f) => f.content)
        .join('\n');
      expect(all).not.toContain(GRAFANA_PASSWORD);
      expect(all).not.toMatch(/password|secret|token/i);
    }
    for (const f of renderFullProfileFiles(input('linux'))) expect(f.mode).toBe(0o644);
  });
});
