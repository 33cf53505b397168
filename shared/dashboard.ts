// The dashboard, one source: the five variables and the live panels. The renderer draws its live panels from this
// definition and the Grafana dashboard JSON is generated from it (see grafana-dashboard.ts), so
// the two cannot drift apart.

export const DASHBOARD_TITLE = 'Peak_Trade — Watch-Only (Prometheus)';
export const DASHBOARD_UID = 'peak-trade-watch-only-prom';
export const DATASOURCE_UID = 'peak-watch-prometheus';
/**
 * The dashboard's default range and refresh, one source: the settings' `ui` defaults, the live
 * dashboard before settings load, and the Grafana JSON's `time` and `refresh` all come from here.
 */
export const DASHBOARD_DEFAULTS = { rangeMinutes: 30, refreshSeconds: 10 } as const;
export const DASHBOARD_REFRESH = `${DASHBOARD_DEFAULTS.refreshSeconds}s`;
export const DASHBOARD_RANGE = {
  from: `now-${DASHBOARD_DEFAULTS.rangeMinutes}m`,
  to: 'now',
} as const;
/** The managed stack's job for the watched app when settings.source.job names none. */
export const SCRAPE_JOB = 'peak_trade_web';

/**
 * The watched app's job as the settings choose it: `source.job`, or the managed stack's own.
 * The core's SourceStatus.job.effective refines this with what the source detects; the stack's
 * files (prometheus.yml, the rules, the Grafana dashboard) use this one, which they can know
 * without asking a running source.
 */
export function configuredJob(source: { job: string } | undefined): string {
  return source?.job.trim() || SCRAPE_JOB;
}

/**
 * The job every view uses: the core's SourceStatus.job.effective (detected from the source, or
 * set in Settings), else the settings' choice — while the source cannot say (it is down, or the
 * core has no source status), the dashboard and the rules still name a job.
 */
export async function effectiveJob(
  api: { getSourceStatus(): Promise<{ job: { effective: string } }> },
  source: { job: string } | undefined,
): Promise<string> {
  const status = await api.getSourceStatus().catch(() => null);
  return status?.job.effective.trim() || configuredJob(source);
}

export type VariableName =
  'job' | 'instance' | 'route' | 'method' | 'status_class' | 'quantile' | 'window';

interface VariableBase {
  name: VariableName;
  label: string;
  multi: boolean;
  includeAll: boolean;
}

/** Filled from Prometheus: label_values(<metric>, <label>). */
export interface QueryVariable extends VariableBase {
  kind: 'query';
  /** A series selector; may hold `$job` (interpolated before the label values are asked for). */
  metric: string;
  labelName: string;
  /** What "All" becomes in a regex matcher. */
  allValue: string;
}

export interface CustomVariable extends VariableBase {
  kind: 'custom';
  options: string[];
  default: string;
}

/**
 * Set by the console, not picked on the dashboard: the watched app's job. Grafana gets it as a
 * hidden constant with the value the settings chose.
 */
export interface ConstantVariable extends VariableBase {
  kind: 'constant';
  default: string;
}

export type DashboardVariable = QueryVariable | CustomVariable | ConstantVariable;

/** Every series of the watched app's job: the query variables' label values come from it. */
const APP_SERIES = 'peak_trade_http_requests_total{job="$job"}';

export const VARIABLES: readonly DashboardVariable[] = [
  {
    kind: 'constant',
    name: 'job',
    label: 'Job',
    default: SCRAPE_JOB,
    multi: false,
    includeAll: false,
  },
  {
    // One app, several hosts (Grafana dashboards of multi-instance services have the same).
    kind: 'query',
    name: 'instance',
    label: 'Instance',
    metric: APP_SERIES,
    labelName: 'instance',
    multi: true,
    includeAll: true,
    allValue: '.*',
  },
  {
    kind: 'query',
    name: 'route',
    label: 'Route',
    metric: APP_SERIES,
    labelName: 'route',
    multi: true,
    includeAll: true,
    allValue: '.*',
  },
  {
    kind: 'query',
    name: 'method',
    label: 'Method',
    metric: APP_SERIES,
    labelName: 'method',
    multi: true,
    includeAll: true,
    allValue: '.*',
  },
  {
    kind: 'custom',
    name: 'status_class',
    label: 'Status class',
    options: ['2..', '3..', '4..', '5..'],
    default: '5..',
    multi: false,
    includeAll: false,
  },
  {
    kind: 'custom',
    name: 'quantile',
    label: 'Quantile',
    options: ['0.5', '0.9', '0.95', '0.99'],
    default: '0.95',
    multi: false,
    includeAll: false,
  },
  {
    kind: 'custom',
    name: 'window',
    label: 'Window',
    options: ['1m', '5m', '15m', '1h'],
    default: '5m',
    multi: false,
    includeAll: false,
  },
];

export type PanelUnit = 'reqps' | 'percentunit' | 'short' | 'seconds';

export interface PanelDefinition {
  id: number;
  /** Stable key for the renderer. */
  key:
    | 'rps_total'
    | 'rps_by_route'
    | 'error_rate'
    | 'in_flight'
    | 'latency_quantiles'
    | 'top_routes_p95'
    | 'latency_heatmap';
  title: string;
  description: string;
  /**
   * PromQL with Grafana variables ($job, $instance, $route, $method, $status_class, $quantile,
   * $window).
   */
  expr: string;
  /** Series legend, Grafana syntax: {{route}}. */
  legendFormat: string;
  unit: PanelUnit;
  /**
   * timeseries over a range; bar: the latest value per series, sorted; heatmap: `expr` answers
   * cumulative bucket rates by `le` (one row per bucket), `unit` is the cells' unit.
   */
  kind: 'timeseries' | 'bar' | 'heatmap';
  /** heatmap only: a line drawn over the cells (the latency quantile), in seconds. */
  overlay?: { expr: string; legendFormat: string };
  gridPos: { x: number; y: number; w: number; h: number };
}

/** Every panel reads the watched app's job on the chosen instances only. */
const app = 'job="$job", instance=~"$instance"';
const sel = `${app}, route=~"$route", method=~"$method"`;

export const PANELS: readonly PanelDefinition[] = [
  {
    id: 1,
    key: 'rps_total',
    title: 'RPS (total)',
    description: 'Requests per second over all selected routes and methods.',
    expr: `sum(rate(peak_trade_http_requests_total{${sel}}[$window]))`,
    legendFormat: 'rps',
    unit: 'reqps',
    kind: 'timeseries',
    gridPos: { x: 0, y: 0, w: 12, h: 8 },
  },
  {
    id: 2,
    key: 'rps_by_route',
    title: 'RPS per route',
    description: 'Requests per second, one series per route template.',
    expr: `sum by (route) (rate(peak_trade_http_requests_total{${sel}}[$window]))`,
    legendFormat: '{{route}}',
    unit: 'reqps',
    kind: 'timeseries',
    gridPos: { x: 12, y: 0, w: 12, h: 8 },
  },
  {
    id: 3,
    key: 'error_rate',
    title: 'Error rate ($status_class share)',
    description: 'Share of requests whose status code is in the chosen class.',
    expr:
      `sum(rate(peak_trade_http_requests_total{status_code=~"$status_class", ${sel}}[$window]))` +
      ` / sum(rate(peak_trade_http_requests_total{${sel}}[$window]))`,
    legendFormat: '$status_class share',
    unit: 'percentunit',
    kind: 'timeseries',
    gridPos: { x: 0, y: 8, w: 12, h: 8 },
  },
  {
    id: 4,
    key: 'in_flight',
    title: 'In-flight requests',
    description: 'Requests being served at scrape time.',
    expr: `max(peak_trade_http_in_flight_requests{${app}})`,
    legendFormat: 'in flight',
    unit: 'short',
    kind: 'timeseries',
    gridPos: { x: 12, y: 8, w: 12, h: 8 },
  },
  {
    id: 5,
    key: 'latency_quantiles',
    title: 'Latency p($quantile) per route',
    description: 'Latency quantile per route from the duration histogram.',
    expr:
      'histogram_quantile($quantile, sum by (le, route) ' +
      `(rate(peak_trade_http_request_duration_seconds_bucket{${sel}}[$window])))`,
    legendFormat: '{{route}}',
    unit: 'seconds',
    kind: 'timeseries',
    gridPos: { x: 0, y: 16, w: 12, h: 8 },
  },
  {
    id: 6,
    key: 'top_routes_p95',
    title: 'Top routes by latency (p95)',
    description: 'The ten slowest route templates by p95 latency (unmatched paths excluded).',
    expr:
      'topk(10, histogram_quantile(0.95, sum by (le, route) ' +
      `(rate(peak_trade_http_request_duration_seconds_bucket{${app}, route!="__unknown__", method=~"$method"}[$window]))))`,
    legendFormat: '{{route}}',
    unit: 'seconds',
    kind: 'bar',
    gridPos: { x: 12, y: 16, w: 12, h: 8 },
  },
  {
    // Whether a latency change is every request or a few.
    id: 7,
    key: 'latency_heatmap',
    title: 'Latency heatmap (requests/s per bucket, p($quantile) line)',
    description:
      'Requests per second in each duration bucket over time (all selected routes), with the ' +
      'p($quantile) latency over them: a band that moves up is every request getting slower, a ' +
      'few bright cells high up are a few slow ones.',
    expr: `sum by (le) (rate(peak_trade_http_request_duration_seconds_bucket{${sel}}[$window]))`,
    legendFormat: '{{le}}',
    unit: 'reqps',
    kind: 'heatmap',
    overlay: {
      expr:
        'histogram_quantile($quantile, sum by (le) ' +
        `(rate(peak_trade_http_request_duration_seconds_bucket{${sel}}[$window])))`,
      legendFormat: 'p($quantile)',
    },
    gridPos: { x: 0, y: 24, w: 24, h: 9 },
  },
];

/** A chosen value per variable: a list for multi-value variables; ['$__all'] means All. */
export type VariableValues = Record<VariableName, string[]>;

export const ALL = '$__all';

export function defaultVariableValues(): VariableValues {
  const values = {} as VariableValues;
  for (const v of VARIABLES) values[v.name] = v.kind === 'query' ? [ALL] : [v.default];
  return values;
}

/** The default values with the watched app's job set (what the rules and the console use). */
export function variableValuesFor(job: string): VariableValues {
  return { ...defaultVariableValues(), job: [job] };
}
