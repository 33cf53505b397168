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
import { PANELS, SCRAPE_JOB } from '../../shared/dashboard';
import { defaultSettings } from '../../shared/settings';

export interface SyntheticShape {
  series: number;
  points: number;
  /** Seconds between points; series × points cover points × step seconds up to the query's end. */
  stepSeconds: number;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];

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
  | { kind: 'one'; scale: number };

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
): RangeQueryResult {
  return matrixToColumns(prometheusMatrix(query, end, shape, cache));
}

/** What Prometheus's /api/v1/query_range answers (its `data`): [timestamp, "value"] pairs. */
function prometheusMatrix(query: string, end: number, shape: SyntheticShape, cache: SampleCache) {
  const last = Math.floor(end / shape.stepSeconds) * shape.stepSeconds;
  const first = last - (shape.points - 1) * shape.stepSeconds;
  const times = Array.from({ length: shape.points }, (_, j) => first + j * shape.stepSeconds);
  const answer = answerFor(query, shape.series);
  if (answer.kind === 'alerts') {
    // Firing for the first 2 minutes of every 10: a gap ends a band, as a resolved alert does.
    const firing = times.filter((t) => t % 600 < 120);
    return {
      resultType: 'matrix',
      result: [
        {
          metric: { alertname: 'PeakTradeHighLatencyP95', alertstate: 'firing', route: route(0) },
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
export function syntheticVector(query: string, time: number, series: number): InstantQueryResult {
  const topk = /topk\((\d+),/.exec(query);
  const count = topk ? Math.min(series, Number(topk[1])) : series;
  const scale = scaleFor(query);
  return {
    resultType: 'vector',
    result: Array.from({ length: count }, (_, i) => ({
      metric: { route: route(i) },
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
): ConsoleApi & { calls: Map<string, number>; serveMs: number[] } {
  const calls = new Map<string, number>();
  const serveMs: number[] = [];
  const count = (m: string): void => void calls.set(m, (calls.get(m) ?? 0) + 1);
  const settings = defaultSettings();
  settings.server.enabled = true;
  settings.stack.runtime = 'native';
  settings.stack.scrapeIntervalSeconds = 1;
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
      return together(() => syntheticVector(req.query, time, shape.series));
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
        const matrix = syntheticMatrix(req.query, req.end, shape, cache);
        serveMs.push(performance.now() - started);
        return matrix;
      });
    },
    getTargets: () => (count('getTargets'), Promise.resolve([target()])),
    getLabelValues: (req) =>
      Promise.resolve(
        req.label === 'route'
          ? Array.from({ length: shape.series }, (_, i) => route(i))
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
    getAlerts: () => notInBench('getAlerts'),
    getSourceStatus: () => notInBench('getSourceStatus'),
    testSource: () => notInBench('testSource'),
    useSource: () => notInBench('useSource'),
    getRemoteWriteStatus: () => notInBench('getRemoteWriteStatus'),
    addRemoteWrite: () => notInBench('addRemoteWrite'),
    removeRemoteWrite: () => notInBench('removeRemoteWrite'),
    watchPortHolder: () => notInBench('watchPortHolder'),
    on: () => () => undefined,
  };
}
