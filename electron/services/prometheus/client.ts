// Typed access to one Prometheus: the queries the panels run, targets, label values, readiness
// and the outcome of a config reload. Errors are ConsoleErrors with distinct codes (see request.ts).
import {
  ConsoleError,
  type InstantQueryResult,
  type Labels,
  type MetricMetadata,
  type RangeQueryResult,
  type ScrapeTarget,
} from '../../../shared/api';
import type { ExemplarSeries } from '../../../shared/contract/telemetry';
import { matrixToColumns } from './columns';
import { parseExemplars } from './exemplars';
import {
  PrometheusHttp,
  type AuthSource,
  type HttpAnswer,
  type Peer,
  type TlsOptions,
} from './request';
import {
  parseAlertingRules,
  parseBuildInfo,
  parseInstant,
  parseLabelNames,
  parseLabelValues,
  parseMetadata,
  parseSeries,
  parseTargets,
  UnexpectedPayload,
  type BuildInfo,
  type LoadedAlertingRule,
} from './responses';

export interface PrometheusClientOptions {
  /** e.g. http://127.0.0.1:9091 (a path prefix is kept). */
  baseUrl: string;
  /** Per request, from sending to the last byte. Default 10 s. */
  timeoutMs?: number;
  /** Basic or bearer auth on every request (the managed stack's Prometheus requires basic). */
  auth?: AuthSource | null;
  /** An https source's CA and certificate checking. */
  tls?: TlsOptions;
  /** Whose Prometheus this is, for the wording of errors: the managed stack's by default. */
  peer?: Peer;
}

export interface CallOptions {
  signal?: AbortSignal;
}

const num = (n: number): string => String(n);

const isMatrix = (data: unknown): boolean =>
  (data as { resultType?: unknown } | null)?.resultType === 'matrix';

/** How far back Explore's completion looks for label names and series, as Prometheus's UI. */
const LOOKBACK_SECONDS = 12 * 60 * 60;
/** Series a completion lookup returns at most: enough to complete from, small enough to send. */
export const SERIES_LIMIT = 1000;

/** In milliseconds, not whole seconds: a series first scraped within the last second would
 * otherwise fall after `end` and be missing from the completion. */
const lookback = (): { start: string; end: string } => {
  const end = Date.now() / 1000;
  return { start: num(end - LOOKBACK_SECONDS), end: num(end) };
};

export class PrometheusClient {
  private readonly http: PrometheusHttp;

  constructor(opts: PrometheusClientOptions) {
    this.http = new PrometheusHttp(
      opts.baseUrl,
      opts.timeoutMs,
      opts.auth ?? null,
      opts.tls,
      opts.peer,
    );
  }

  /** One GET of a path under the base URL, any status an answer (a source's probes: /-/ready's
   * text names the product, a UI page's status says whether there is one). */
  get(path: string, opts: CallOptions = {}): Promise<HttpAnswer> {
    return this.http.send({ method: 'GET', path, signal: opts.signal });
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** Instant query at `time` (unix seconds; default now). */
  query(expr: string, time?: number, opts: CallOptions = {}): Promise<InstantQueryResult> {
    return this.http.api(
      {
        method: 'POST',
        path: '/api/v1/query',
        form: { query: expr, time: time === undefined ? undefined : num(time) },
        signal: opts.signal,
      },
      (data) => (isMatrix(data) ? matrixToColumns(data) : parseInstant(data)),
    );
  }

  /** Range query; times in unix seconds, step in seconds; the result comes back in columns. */
  queryRange(
    expr: string,
    start: number,
    end: number,
    step: number,
    opts: CallOptions = {},
  ): Promise<RangeQueryResult> {
    return this.http.api(
      {
        method: 'POST',
        path: '/api/v1/query_range',
        form: { query: expr, start: num(start), end: num(end), step: num(step) },
        signal: opts.signal,
      },
      matrixToColumns,
    );
  }

  /** The active scrape targets, as Status → Targets shows them. */
  targets(opts: CallOptions = {}): Promise<ScrapeTarget[]> {
    return this.http.api(
      { method: 'GET', path: '/api/v1/targets', query: { state: 'active' }, signal: opts.signal },
      parseTargets,
    );
  }

  /** Values of one label, optionally only on series matching a selector. */
  labelValues(label: string, match?: string, opts: CallOptions = {}): Promise<string[]> {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label)) {
      // Rejected, not thrown: callers await this like every other call.
      return Promise.reject(
        new ConsoleError({ code: 'invalid-request', message: `"${label}" is not a label name.` }),
      );
    }
    return this.http.api(
      {
        method: 'GET',
        path: `/api/v1/label/${label}/values`,
        query: { 'match[]': match === undefined ? undefined : [match] },
        signal: opts.signal,
      },
      parseLabelValues,
    );
  }

  /** The alerting rules Prometheus has loaded, with their state and active alerts. */
  alertingRules(opts: CallOptions = {}): Promise<LoadedAlertingRule[]> {
    return this.http.api(
      { method: 'GET', path: '/api/v1/rules', query: { type: 'alert' }, signal: opts.signal },
      parseAlertingRules,
    );
  }

  /** Label names of series in the last 12 h, optionally only on series matching a selector. */
  labelNames(match?: string, opts: CallOptions = {}): Promise<string[]> {
    return this.http.api(
      {
        method: 'GET',
        path: '/api/v1/labels',
        query: { 'match[]': match === undefined ? undefined : [match], ...lookback() },
        signal: opts.signal,
      },
      parseLabelNames,
    );
  }

  /** Label sets of the series matching a selector in the last 12 h, at most SERIES_LIMIT. */
  async series(match: string, opts: CallOptions = {}): Promise<Labels[]> {
    const found = await this.http.api(
      {
        method: 'GET',
        path: '/api/v1/series',
        query: { 'match[]': [match], ...lookback() },
        signal: opts.signal,
      },
      parseSeries,
    );
    return found.slice(0, SERIES_LIMIT);
  }

  /** Type, help and unit per metric name (all metrics, or the one named). */
  metadata(metric?: string, opts: CallOptions = {}): Promise<Record<string, MetricMetadata[]>> {
    return this.http.api(
      { method: 'GET', path: '/api/v1/metadata', query: { metric }, signal: opts.signal },
      parseMetadata,
    );
  }

  /** The exemplars of the series a selector matches, over [start, end] (unix seconds). */
  queryExemplars(
    expr: string,
    start: number,
    end: number,
    opts: CallOptions = {},
  ): Promise<ExemplarSeries[]> {
    return this.http.api(
      {
        method: 'POST',
        path: '/api/v1/query_exemplars',
        form: { query: expr, start: num(start), end: num(end) },
        signal: opts.signal,
      },
      parseExemplars,
    );
  }

  buildInfo(opts: CallOptions = {}): Promise<BuildInfo> {
    return this.http.api(
      { method: 'GET', path: '/api/v1/status/buildinfo', signal: opts.signal },
      parseBuildInfo,
    );
  }

  /** true once Prometheus serves queries, false while it starts (503); throws when unreachable. */
  async ready(opts: CallOptions = {}): Promise<boolean> {
    const answer = await this.http.send({ method: 'GET', path: '/-/ready', signal: opts.signal });
    if (answer.status === 200) return true;
    if (answer.status === 503) return false;
    throw new ConsoleError({
      code: 'prometheus-bad-response',
      message: `The server at ${this.baseUrl} answered /-/ready with HTTP ${answer.status}.`,
      fix: 'Is Prometheus the program on this port? Check the Prometheus port in Settings.',
    });
  }

  /** The config Prometheus has loaded, as it prints it (defaults filled in, durations short). */
  loadedConfig(opts: CallOptions = {}): Promise<string> {
    return this.http.api(
      { method: 'GET', path: '/api/v1/status/config', signal: opts.signal },
      (d) => {
        const yaml = (d as { yaml?: unknown } | null)?.yaml;
        if (typeof yaml !== 'string')
          throw new UnexpectedPayload('no yaml in /api/v1/status/config');
        return yaml;
      },
    );
  }

  /**
   * Whether the last config (re)load worked and when the last successful one was, from
   * Prometheus's own /metrics. There is no reload API without --web.enable-lifecycle, so this is
   * how a SIGHUP's outcome is read.
   */
  async reloadState(opts: CallOptions = {}): Promise<{ successful: boolean; lastSuccess: number }> {
    const answer = await this.http.send({ method: 'GET', path: '/metrics', signal: opts.signal });
    const value = (name: string): number | null => {
      const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(answer.text);
      return m?.[1] === undefined ? null : Number(m[1]);
    };
    const successful = value('prometheus_config_last_reload_successful');
    const lastSuccess = value('prometheus_config_last_reload_success_timestamp_seconds');
    if (answer.status !== 200 || successful === null || lastSuccess === null) {
      throw new ConsoleError({
        code: 'prometheus-bad-response',
        message: `The server at ${this.baseUrl} answered /metrics without Prometheus's config reload metrics (HTTP ${answer.status}).`,
        fix: 'Is Prometheus the program on this port? Check the Prometheus port in Settings.',
      });
    }
    return { successful: successful === 1, lastSuccess };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
