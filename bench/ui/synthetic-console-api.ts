// A synthetic data source for the UI benchmark: a ConsoleApi whose range queries answer with a
// fixed number of series × points, whatever the query. Prometheus itself is not what
// bench:ui measures — the renderer is — so the data comes from here, shaped like Prometheus's.
//
// Values are a pure function of (series, timestamp), like samples stored in Prometheus: a later
// refresh returns the same value for the same instant and the lines slide left as time passes.
// They are cached as the strings Prometheus would send, so building an answer costs little, and
// the answers to one refresh's queries are released together (`answerTogether`), as a local
// Prometheus answers six small queries within a few milliseconds of each other: a refresh's data
// reaches the page as one burst, not paced by this process building matrices one by one.
//
// Two ways to answer the dashboard: by default every per-route query answers `shape.series`
// series (bench:ui's dense case); with `AppAnswers` each panel answers what the watched app's
// own series give its query (bench:ui's typical case and BENCH_UI_SHAPE): `sum(…)` and `max(…)`
// one series, `sum by (route)` one per route of the app's route table, no 5xx series at all.
import type {
  ConsoleApi,
  InstantQueryResult,
  RangeQueryResult,
  ScrapeTarget,
  SettingsView,
} from '../../shared/api';
import { ConsoleError } from '../../shared/api';
import { matrixToColumns } from '../../electron/services/prometheus/columns';
import { DURATION_BUCKETS } from '../../electron/services/metrics-server/duration-histogram';
import { WATCH_ONLY_ROUTES } from '../../electron/services/metrics-server/handlers';
import { UNKNOWN_ROUTE } from '../../electron/services/metrics-server/routes';
import { PANELS, SCRAPE_JOB, type PanelDefinition } from '../../shared/dashboard';
import { defaultSettings } from '../../shared/settings';
import { createSyntheticTelemetry } from './synthetic-telemetry';

export interface SyntheticShape {
  series: number;
  points: number;
  /** Seconds between points; series × points cover points × step seconds up to the query's end. */
  stepSeconds: number;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];

/**
 * The watched app's `route` label values: the metrics server's route templates and the one every
 * unmatched path gets. The app records no other (routes.ts: cardinality-safe).
 */
export const APP_ROUTES: readonly string[] = [
  ...WATCH_ONLY_ROUTES.map((r) => r.template),
  UNKNOWN_ROUTE,
];

type PanelKey = PanelDefinition['key'];

/**
 * The panels that can answer one series per route, in the order BENCH_UI_SHAPE's "panels" counts
 * them: the line panels that group by route first, then the other line panels, then the seed's
 * sixth panel, the top routes bar. So 2×S×N has the two per-route panels draw S lines each, and
 * 6×S×N is every panel of the seed (the heatmap, issue 10's, answers its buckets whatever).
 */
export const FAN_PANELS: readonly PanelKey[] = [
  ...PANELS.filter((p) => p.kind === 'timeseries')
    .map((p) => ({ key: p.key, byRoute: /by \([^)]*\broute\b/.test(p.expr) }))
    .sort((a, b) => Number(b.byRoute) - Number(a.byRoute))
    .map((p) => p.key),
  ...PANELS.filter((p) => p.kind === 'bar').map((p) => p.key),
];

/** Which query of the dashboard this is: the fragments each panel's PromQL alone has. */
export function queryOf(query: string): PanelKey | 'overlay' | 'alerts' {
  if (query.startsWith('ALERTS')) return 'alerts';
  if (query.includes('topk(')) return 'top_routes_p95';
  if (query.includes('in_flight')) return 'in_flight';
  if (query.includes(' / ')) return 'error_rate';
  if (query.includes('sum by (le, route)')) return 'latency_quantiles';
  if (query.includes('sum by (le)')) {
    return query.includes('histogram_quantile') ? 'overlay' : 'latency_heatmap';
  }
  if (query.includes('sum by (route)')) return 'rps_by_route';
  return 'rps_total';
}

// The typical case is only as real as this mapping: a dashboard query that changes shape must
// fail the bench here rather than be answered as another panel.
for (const p of PANELS) {
  if (queryOf(p.expr) !== p.key) {
    throw new Error(`synthetic source: panel ${p.key}'s query reads as ${queryOf(p.expr)}`);
  }
}

/** Answers as the watched app's own series give them (bench:ui's typical case). */
export interface AppAnswers {
  /** How many of FAN_PANELS answer one series per route (`shape.series` routes); the others
   * answer what their query gives the app: one series, none for the 5xx share, a bar per route
   * of the app's own. */
  fanPanels: number;
}

function fans(query: ReturnType<typeof queryOf>, app: AppAnswers): boolean {
  const i = FAN_PANELS.findIndex((key) => key === query);
  return i >= 0 && i < app.fanPanels;
}

/** The i-th route label value: the app's own, then made-up ones for wider sweeps. */
const appRoute = (i: number): string => APP_ROUTES[i] ?? route(i);

function route(i: number): string {
  return `/api/v1/resource-${String(i).padStart(2, '0')}/{id}`;
}

/** A value scale that suits the panel the query belongs to, so the axes read like real ones. */
function scaleFor(query: string): number {
  if (query.includes('histogram_quantile')) return 0.08; // seconds
  if (query.includes(' / ')) return 0.02; // a share
  if (query.includes('in_flight')) return 4; // requests
  return 12; // requests per second
}

/** Deterministic noise in [0, 1) from two integers. */
function hash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x27d4eb2d);
  return ((h ^ (h >>> 13)) >>> 0) / 4294967296;
}

/** Series sit at different levels (a fan, as routes with different traffic do) and wander. */
export function syntheticValue(series: number, t: number, scale: number): number {
  const base = scale * (0.1 + (series % 50) / 50);
  const wave = 1 + 0.25 * Math.sin(t / 90 + series) + 0.06 * Math.sin(t / 11 + 2 * series);
  return Math.max(0, base * wave * (0.95 + 0.1 * hash(series, Math.round(t))));
}

/** Sample values as Prometheus prints them, per (scale, timestamp): one string per series. */
class SampleCache {
  private readonly byKey = new Map<string, string[]>();

  constructor(private readonly series: number) {}

  at(scale: number, t: number): string[] {
    const key = `${scale}@${t}`;
    let values = this.byKey.get(key);
    if (!values) {
      values = Array.from({ length: this.series }, (_, i) => String(syntheticValue(i, t, scale)));
      this.byKey.set(key, values);
    }
    return values;
  }

  /** Forgets timestamps before `t`, so a long run does not grow this process. */
  dropBefore(t: number): void {
    for (const key of this.byKey.keys()) {
      if (Number(key.slice(key.indexOf('@') + 1)) < t) this.byKey.delete(key);
    }
  }
}

/**
 * The queries of one dashboard refresh, answered together: one per panel (the bar panel's an
 * instant query), a second for the heatmap's quantile line, and ALERTS for the alert marks.
 */
export const QUERIES_PER_REFRESH =
  PANELS.reduce((n, p) => n + (p.kind === 'heatmap' && p.overlay ? 2 : 1), 0) + 1;

/** What a query's answer looks like: the series it has and how their values scale. */
type Answer =
  | { kind: 'routes'; scale: number; series: number }
  | { kind: 'buckets' }
  | { kind: 'alerts' }
  | { kind: 'one'; scale: number }
  | { kind: 'none' };

function answerFor(query: string, series: number): Answer {
  // ALERTS{alertstate="firing", …}: one alert that fires for a while now and then.
  if (query.startsWith('ALERTS')) return { kind: 'alerts' };
  // The heatmap's cells: cumulative bucket rates by le alone.
  if (!query.includes('histogram_quantile') && query.includes('sum by (le) ('))
    return { kind: 'buckets' };
  // The heatmap's quantile line: one series over all routes.
  if (query.includes('histogram_quantile') && query.includes('sum by (le) ('))
    return { kind: 'one', scale: scaleFor(query) };
  return { kind: 'routes', scale: scaleFor(query), series };
}

const LE = [...DURATION_BUCKETS.map(String), '+Inf'];

/** The answer as the core sends it: Prometheus's matrix, shaped into columns as the core does. */
export function syntheticMatrix(
  query: string,
  end: number,
  shape: SyntheticShape,
  cache = new SampleCache(shape.series),
  app: AppAnswers | null = null,
): RangeQueryResult {
  return matrixToColumns(prometheusMatrix(query, end, shape, cache, app));
}

/** The app's answer to a panel query: what its series give `sum`, `max` and `sum by (route)`. */
function appAnswerFor(query: string, series: number, app: AppAnswers): Answer {
  const which = queryOf(query);
  if (which === 'alerts') return { kind: 'alerts' };
  if (which === 'latency_heatmap') return { kind: 'buckets' };
  const scale = scaleFor(query);
  if (which === 'overlay') return { kind: 'one', scale };
  if (fans(which, app)) return { kind: 'routes', scale, series };
  // The app answers 2xx and 4xx (unknown paths and run ids, refused methods) but has no
  // handler that fails: it has no 5xx series, so the 5xx share is an empty result.
  if (which === 'error_rate') return { kind: 'none' };
  return { kind: 'one', scale };
}

/** What Prometheus's /api/v1/query_range answers (its `data`): [timestamp, "value"] pairs. */
function prometheusMatrix(
  query: string,
  end: number,
  shape: SyntheticShape,
  cache: SampleCache,
  app: AppAnswers | null,
) {
  const last = Math.floor(end / shape.stepSeconds) * shape.stepSeconds;
  const first = last - (shape.points - 1) * shape.stepSeconds;
  const times = Array.from({ length: shape.points }, (_, j) => first + j * shape.stepSeconds);
  const answer = app ? appAnswerFor(query, shape.series, app) : answerFor(query, shape.series);
  if (answer.kind === 'none') return { resultType: 'matrix' as const, result: [] };
  if (answer.kind === 'alerts') {
    // Firing for the first 2 minutes of every 10: a gap ends a band, as a resolved alert does.
    const firing = times.filter((t) => t % 600 < 120);
    return {
      resultType: 'matrix',
      result: [
        {
          metric: {
            alertname: 'PeakTradeHighLatencyP95',
            alertstate: 'firing',
            route: app ? appRoute(0) : route(0),
          },
          values: firing.map((t): [number, string] => [t, '1']),
        },
      ],
    };
  }
  if (answer.kind === 'buckets') {
    // Cumulative: each bucket holds the ones below it, as Prometheus's _bucket series do.
    const rates = times.map((t) => cache.at(12, t).slice(0, LE.length).map(Number));
    return {
      resultType: 'matrix',
      result: LE.map((le, b) => ({
        metric: { le },
        values: times.map((t, j): [number, string] => [
          t,
          String(rates[j]?.slice(0, b + 1).reduce((a, v) => a + v, 0) ?? 0),
        ]),
      })),
    };
  }
  const scale = answer.scale;
  const count = answer.kind === 'one' ? 1 : answer.series;
  const columns = times.map((t) => cache.at(scale, t));
  return {
    resultType: 'matrix',
    result: Array.from({ length: count }, (_, i) => ({
      metric:
        answer.kind === 'one'
          ? {}
          : app
            ? { route: appRoute(i) }
            : { route: route(i), method: METHODS[i % METHODS.length] ?? 'GET', quantile: '0.95' },
      values: columns.map((column, j): [number, string] => [times[j] ?? 0, column[i] ?? 'NaN']),
    })),
  };
}

/**
 * Holds answers until `size` of them are waiting (one refresh's queries), or no other query came
 * for `settleMs`, then releases them together. The browser sends at most six requests to one
 * host at a time and the event stream holds one, so a refresh's queries may come in two groups.
 */
export function answerTogether(size: number, settleMs: number) {
  let waiting: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const release = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    const now = waiting;
    waiting = [];
    now.forEach((go) => go());
  };
  return <T>(answer: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        try {
          resolve(answer());
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
      if (timer) clearTimeout(timer);
      timer = null;
      if (waiting.length >= size) release();
      else timer = setTimeout(release, settleMs);
    });
}

/** An instant vector of `series` samples; `topk(k, …)` answers with at most k, as Prometheus. */
export function syntheticVector(
  query: string,
  time: number,
  series: number,
  app: AppAnswers | null = null,
): InstantQueryResult {
  const topk = /topk\((\d+),/.exec(query);
  const count = app && !fans(queryOf(query), app) ? APP_ROUTES.length : series;
  // The app's top routes leave out the unmatched paths (the panel's route!="__unknown__").
  const routes = Array.from({ length: count }, (_, i) => i)
    .map((i) => ({ i, name: app ? appRoute(i) : route(i) }))
    .filter((r) => !app || r.name !== UNKNOWN_ROUTE);
  const scale = scaleFor(query);
  return {
    resultType: 'vector',
    result: routes.slice(0, topk ? Number(topk[1]) : routes.length).map(({ i, name }) => ({
      metric: { route: name },
      value: [time, String(syntheticValue(i, time, scale))],
    })),
  };
}

function notInBench(method: string): never {
  throw new ConsoleError({
    code: 'unknown-method',
    message: `${method} is not part of the UI bench`,
  });
}

/** The ConsoleApi the bench's web host serves: one UP target, refresh allowed at 2 s. */
export function createSyntheticConsoleApi(
  shape: SyntheticShape,
  /** What a range query containing "explore" answers with (bench:ui's Explore case). */
  exploreShape: SyntheticShape = shape,
  /** Answer as the watched app's series do; by default every per-route query has shape.series. */
  app: AppAnswers | null = null,
): ConsoleApi & { calls: Map<string, number>; serveMs: number[] } {
  const calls = new Map<string, number>();
  const serveMs: number[] = [];
  const count = (m: string): void => void calls.set(m, (calls.get(m) ?? 0) + 1);
  const settings = defaultSettings();
  settings.server.enabled = true;
  settings.stack.runtime = 'native';
  // The app's answers come at its scrape interval, and the dashboard then asks for that step
  // (30 min at 15 s: 121 points); the default answers keep their own step whatever is asked.
  settings.stack.scrapeIntervalSeconds = app ? shape.stepSeconds : 1;
  settings.ui.refreshSeconds = 2;
  const view: SettingsView = { settings, dataDir: '/synthetic', warnings: [] };
  const startedAt = new Date().toISOString();
  const cache = new SampleCache(shape.series);
  const exploreCache = new SampleCache(exploreShape.series);
  const together = answerTogether(QUERIES_PER_REFRESH, 15);
  const prometheusUrl = `http://127.0.0.1:${settings.stack.prometheusPort}`;
  const target = (): ScrapeTarget => ({
    job: SCRAPE_JOB,
    instance: `127.0.0.1:${settings.server.port}`,
    scrapeUrl: `http://127.0.0.1:${settings.server.port}/metrics`,
    health: 'up',
    lastScrape: new Date().toISOString(),
    lastScrapeDurationSeconds: 0.002,
    lastError: '',
    labels: { job: SCRAPE_JOB },
  });

  return {
    calls,
    serveMs,
    getServerStatus: () => {
      count('getServerStatus');
      return Promise.resolve({
        listening: true,
        url: `http://127.0.0.1:${settings.server.port}`,
        host: '127.0.0.1',
        port: settings.server.port,
        enabled: true,
        strict: false,
        promClientAvailable: true,
        promClientVersion: 'synthetic',
        requestsServed: 0,
        startedAt,
        requiresToken: false,
        error: null,
        portHolder: null,
      });
    },
    getSettings: () => (count('getSettings'), Promise.resolve(view)),
    updateSettings: () => notInBench('updateSettings'),
    getStackStatus: () => {
      count('getStackStatus');
      return Promise.resolve({
        runtime: 'native',
        driver: 'prometheus binary',
        project: null,
        services: [
          {
            name: 'prometheus',
            state: 'running',
            exitCode: null,
            url: prometheusUrl,
            detail: null,
          },
          {
            name: 'grafana',
            state: 'unavailable',
            exitCode: null,
            url: 'http://127.0.0.1:3000',
            detail: 'synthetic data source: no Grafana',
          },
        ],
        filesDir: '/synthetic',
        busy: null,
        busyBy: null,
        canStart: { ok: false, reason: 'Already running', fix: null, nativeAvailable: false },
        lastError: null,
      });
    },
    startStack: () => notInBench('startStack'),
    stopStack: () => notInBench('stopStack'),
    getStackLogs: (req) => Promise.resolve({ service: req.service, lines: [] }),
    runPreflight: () =>
      Promise.resolve({
        checks: [],
        ranAt: new Date().toISOString(),
        summary: { ok: 0, warn: 0, fail: 0, skipped: 0 },
      }),
    query: (req) => {
      count('query');
      const time = req.time ?? Date.now() / 1000;
      return together(() => syntheticVector(req.query, time, shape.series, app));
    },
    queryRange: (req) => {
      count('queryRange');
      if (req.query.includes('explore')) {
        exploreCache.dropBefore(req.start - exploreShape.points * exploreShape.stepSeconds);
        return Promise.resolve(syntheticMatrix(req.query, req.end, exploreShape, exploreCache));
      }
      return together(() => {
        const started = performance.now();
        cache.dropBefore(req.start - shape.points * shape.stepSeconds);
        const matrix = syntheticMatrix(req.query, req.end, shape, cache, app);
        serveMs.push(performance.now() - started);
        return matrix;
      });
    },
    getTargets: () => (count('getTargets'), Promise.resolve([target()])),
    getLabelValues: (req) =>
      Promise.resolve(
        req.label === 'route'
          ? Array.from({ length: shape.series }, (_, i) => (app ? appRoute(i) : route(i)))
          : req.label === 'method'
            ? METHODS
            : [],
      ),
    getLabelNames: () => Promise.resolve(['__name__', 'method', 'route']),
    getSeries: () => notInBench('getSeries'),
    getMetricMetadata: () => Promise.resolve({}),
    getQueryHistory: () => Promise.resolve({ entries: [], warnings: [] }),
    addQueryHistory: () => Promise.resolve({ entries: [], warnings: [] }),
    getGrafanaInfo: () =>
      Promise.resolve({
        url: 'http://127.0.0.1:3000',
        user: 'admin',
        health: null,
        healthError: 'synthetic data source: no Grafana',
      }),
    revealGrafanaPassword: () => notInBench('revealGrafanaPassword'),
    revealPrometheusPassword: () => notInBench('revealPrometheusPassword'),
    openExternal: () => notInBench('openExternal'),
    sendTraffic: () => notInBench('sendTraffic'),
    // The shell's alert badge asks once: nothing firing (the ALERTS marks are queryRange's).
    getAlerts: () =>
      Promise.resolve({
        rules: [],
        firing: 0,
        pending: 0,
        health: { health: 'ok', detail: 'synthetic data source', firing: 0 },
        error: null,
        checkedAt: new Date().toISOString(),
      }),
    // The dashboard asks for the source's job before every refresh (effectiveJob): answered as
    // the managed Prometheus answers, so the bench's page takes the path the app's takes.
    getSourceStatus: () => {
      count('getSourceStatus');
      const available = { available: true, note: '' };
      return Promise.resolve({
        kind: 'managed',
        url: prometheusUrl,
        uiUrl: `${prometheusUrl}/graph`,
        auth: 'none',
        authKind: 'none',
        user: '',
        caFile: '',
        skipTlsVerify: false,
        health: 'up',
        error: null,
        product: 'synthetic',
        capabilities: {
          targets: available,
          rules: available,
          metadata: available,
          buildinfo: available,
          exemplars: { available: false, note: 'synthetic data source: no exemplars' },
        },
        job: {
          configured: SCRAPE_JOB,
          detected: [SCRAPE_JOB],
          effective: SCRAPE_JOB,
          note: 'detected from the source',
        },
        scrapeIntervalSeconds: settings.stack.scrapeIntervalSeconds,
        checkedAt: new Date().toISOString(),
      });
    },
    testSource: () => notInBench('testSource'),
    useSource: () => notInBench('useSource'),
    getRemoteWriteStatus: () => notInBench('getRemoteWriteStatus'),
    addRemoteWrite: () => notInBench('addRemoteWrite'),
    removeRemoteWrite: () => notInBench('removeRemoteWrite'),
    watchPortHolder: () => notInBench('watchPortHolder'),
    ...createSyntheticTelemetry(),
    queryExemplars: () => notInBench('queryExemplars'),
    on: () => () => undefined,
  };
}
