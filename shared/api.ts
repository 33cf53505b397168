// The ConsoleApi contract: every method and event both hosts serve and the renderer uses.
// Pure types + zod request schemas; no electron, no node:*, no React.
import { z } from 'zod';
import type { ConsoleErrorInfo } from './errors';
import type { PreflightCheckId } from './preflight-ids';
import { CONSOLE_EVENTS, CONSOLE_METHODS } from './methods';
import {
  isAbsolutePath,
  isSourceUrl,
  publicSettingsPatchSchema,
  type Settings,
  type SettingsPatch,
} from './settings';

// ---------------------------------------------------------------- embedded server

export interface ServerStatus {
  /** Whether the embedded server is listening. */
  listening: boolean;
  /** e.g. http://127.0.0.1:8000 — empty when not listening. */
  url: string;
  host: string;
  port: number;
  enabled: boolean;
  strict: boolean;
  /** Whether prom-client could be loaded (false means /metrics serves the fallback or 503). */
  promClientAvailable: boolean;
  promClientVersion: string | null;
  /** Requests served since start (all routes, counted whether or not instrumentation is on). */
  requestsServed: number;
  startedAt: string | null;
  /** Off loopback the server requires a bearer token for /metrics and /api/. */
  requiresToken: boolean;
  /** Why the server is not listening (port taken, bad address), with what to do. */
  error: string | null;
  /** Who holds the server's port when it is taken; null when the server listens or failed for
   * another reason. */
  portHolder: PortHolderInfo | null;
}

/** What answers on the embedded server's taken port (probed once, on loopback, at listen). */
export interface PortHolderInfo {
  /** host:port as Prometheus would scrape it, e.g. 127.0.0.1:8000. */
  target: string;
  /** Its /metrics carries peak_trade_* families: the watched app (or another embedded server). */
  looksLikeApp: boolean;
  /** A free port the server can move to (watchPortHolder's choice); null when not the app. */
  suggestedPort: number | null;
}

// ---------------------------------------------------------------- settings

export interface SettingsView {
  settings: Settings;
  /** Where settings and the stack live. */
  dataDir: string;
  /** e.g. "settings.json was corrupt; moved to settings.json.corrupt-2026…; defaults loaded". */
  warnings: string[];
}

export interface SettingsUpdateResult extends SettingsView {
  /** What the change caused, in the user's words: "server restarted on :8001", "Prometheus reloaded". */
  applied: string[];
}

// ---------------------------------------------------------------- stack

export type StackRuntime = 'docker' | 'native';
export type ServiceName = 'prometheus' | 'grafana';
export type ServiceState =
  'running' | 'starting' | 'restarting' | 'exited' | 'stopped' | 'unavailable' | 'unknown';

export interface ServiceStatus {
  name: ServiceName;
  state: ServiceState;
  exitCode: number | null;
  /** e.g. http://127.0.0.1:9091 */
  url: string;
  /** Why it is not running, when known: "Grafana needs Docker; no grafana binary found". */
  detail: string | null;
}

/** Whether Start can work now, decided in the core so every Start control agrees. */
export interface StackStartGate {
  ok: boolean;
  /** Why not: "Already running", "The Docker engine is not reachable: …", "being started by peak-watch CLI, pid 4242". */
  reason: string | null;
  fix: string | null;
  /** Docker is not usable here but a prometheus binary is: the native runtime would work. */
  nativeAvailable: boolean;
}

export interface StackStatus {
  runtime: StackRuntime;
  /** 'docker compose' | 'docker-compose' | 'prometheus binary' | null when nothing usable. */
  driver: string | null;
  /** The compose project this data folder's stack runs as (docker); null for native. */
  project: string | null;
  services: ServiceStatus[];
  /** Where the generated compose file, prometheus.yml and provisioning live. */
  filesDir: string;
  /** What this or another process (app, CLI) is doing to the stack right now. */
  busy: 'starting' | 'stopping' | null;
  /** Who is doing it when that is another process: "peak-watch CLI, pid 4242". */
  busyBy: string | null;
  canStart: StackStartGate;
  lastError: string | null;
}

export interface StackProgress {
  service: ServiceName;
  phase: 'pulling' | 'creating' | 'starting' | 'started' | 'stopping' | 'stopped' | 'failed';
  message: string;
}

export interface StackLogs {
  service: ServiceName;
  lines: string[];
}

// ---------------------------------------------------------------- preflight

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export interface PreflightCheck {
  id: PreflightCheckId;
  title: string;
  status: CheckStatus;
  /** What the check saw: "Docker 28.2.2", "port 9091 held by prometheus (pid 4242)". */
  observed: string;
  /** How to fix it; empty when ok. */
  fix: string;
}

export interface PreflightReport {
  checks: PreflightCheck[];
  ranAt: string;
  summary: Record<CheckStatus, number>;
}

// ---------------------------------------------------------------- Prometheus

export type Labels = Record<string, string>;

export interface InstantSample {
  metric: Labels;
  value: [number, string];
}

/**
 * One series of a range result: its labels and one value per entry of the result's `times`, in a
 * Float64Array — Prometheus's NaN and ±Inf as themselves, and NaN too where the series has no
 * sample at that time (`missing` tells the two apart). Typed arrays cross Electron's IPC as one
 * copy of their bytes and the web host's RPC as raw bytes (shared/columns-wire.ts), so the
 * renderer neither parses nor collects ~100,000 numbers per dashboard refresh.
 */
export interface RangeSeries {
  metric: Labels;
  values: Float64Array;
  /** 1 at each time the series has no sample; absent when it has one at every time. */
  missing?: Uint8Array;
}

/** An instant query's answer: a range selector (`up[5m]`) answers with a matrix, in columns. */
export type InstantQueryResult =
  | { resultType: 'vector'; result: InstantSample[] }
  | { resultType: 'scalar'; result: [number, string] }
  | { resultType: 'string'; result: [number, string] }
  | RangeQueryResult;

/**
 * A range result in columns, shaped in the core (electron/services/prometheus/columns.ts): one
 * time axis for every series instead of [timestamp, "value"] pairs per series.
 */
export interface RangeQueryResult {
  resultType: 'matrix';
  /** Every time (unix ms, ascending) at which any series has a sample. */
  times: Float64Array;
  series: RangeSeries[];
}

/** The series' sample at `times[i]`: its value, or null where it has none. */
export function sampleAt(series: RangeSeries, i: number): number | null {
  if (i < 0 || i >= series.values.length || series.missing?.[i]) return null;
  return series.values[i] ?? null;
}

/** A sample value as Prometheus writes it: 'NaN', '+Inf', '-Inf', or the number. */
export function sampleText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/**
 * A range result from samples written out (tests, fixtures): per series one entry per time, a
 * number or null where it has no sample.
 */
export function rangeResult(
  times: readonly number[],
  series: readonly { metric: Labels; values: readonly (number | null)[] }[],
): RangeQueryResult {
  return {
    resultType: 'matrix',
    times: Float64Array.from(times),
    series: series.map(({ metric, values }) => {
      const column = new Float64Array(times.length).fill(Number.NaN);
      const missing = new Uint8Array(times.length).fill(1);
      values.forEach((v, i) => {
        if (v === null || i >= times.length) return;
        column[i] = v;
        missing[i] = 0;
      });
      return missing.includes(1) ? { metric, values: column, missing } : { metric, values: column };
    }),
  };
}

/** What Prometheus's /api/v1/metadata says of one metric name. */
export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

export interface QueryHistoryEntry {
  query: string;
  /** ISO time of the latest run. */
  lastRunAt: string;
}

/** The history with what is wrong with its file (kept aside, not readable), for Explore to show. */
export interface QueryHistoryView {
  entries: QueryHistoryEntry[];
  warnings: string[];
}

export interface ScrapeTarget {
  job: string;
  instance: string;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastScrape: string;
  lastScrapeDurationSeconds: number;
  lastError: string;
  labels: Labels;
}

/**
 * The one user the managed Prometheus admits (its --web.config.file); the password is a secret in
 * the data folder, copied to the clipboard on request like Grafana's admin password.
 */
export const MANAGED_PROMETHEUS_USER = 'peak-watch';

export interface GrafanaInfo {
  url: string;
  user: string;
  /** Grafana's /api/health when reachable. */
  health: { version: string; database: string } | null;
  healthError: string | null;
}

export interface TrafficResult {
  sent: number;
  byStatus: Record<string, number>;
  durationMs: number;
}

// ---------------------------------------------------------------- alerts

export type AlertState = 'inactive' | 'pending' | 'firing';

/** One active alert of a rule (a label set for which the expression returns a sample). */
export interface ActiveAlert {
  labels: Labels;
  annotations: Labels;
  state: 'pending' | 'firing';
  /** ISO time of the first evaluation that returned this label set. */
  activeAt: string | null;
  /** The expression's value that tripped it, as Prometheus printed it. */
  value: string;
}

/** A rule from the one alert definition (shared/alerts.ts) with what Prometheus says of it. */
export interface AlertRuleStatus {
  name: string;
  severity: 'critical' | 'warning';
  /** The worst state of its alerts; 'inactive' when Prometheus has not loaded the rule. */
  state: AlertState;
  /** The alerting expression as the rules file holds it (value, comparison, threshold). */
  expr: string;
  /** The watched value without the comparison (what the backtest draws). */
  valueExpr: string;
  op: '>' | '==';
  threshold: number;
  unit: 'ratio' | 'seconds' | 'bool' | 'count';
  forSeconds: number;
  summary: string;
  description: string;
  fix: string;
  /** The dashboard panel that shows the same value, if any. */
  panel: string | null;
  alerts: ActiveAlert[];
  /** Prometheus's health of the rule: 'err' with lastError when its evaluation failed. */
  health: 'ok' | 'err' | 'unknown';
  lastError: string;
  lastEvaluation: string | null;
  evaluationSeconds: number;
  /** Whether the person muted this rule's notifications (alerts.muted). */
  muted: boolean;
  /** false while Prometheus has not loaded this rule (an old rules file, or none). */
  loaded: boolean;
}

/**
 * The tray's health, computed in the core so both hosts show the same:
 * 'stack-down' — Prometheus unreachable (the stack is stopped or died);
 * 'firing' — an unmuted rule is firing;
 * 'warning' — a rule is pending, a muted rule is firing, or a rule fails to evaluate;
 * 'ok' — otherwise.
 */
export type TrayHealth = 'ok' | 'warning' | 'firing' | 'stack-down';

export interface HealthStatus {
  health: TrayHealth;
  /** A line for the tray's tooltip: "PeakTradeTargetDown firing", "Prometheus not reachable". */
  detail: string;
  firing: number;
}

export interface AlertsView {
  rules: AlertRuleStatus[];
  /** Rules firing / pending right now (muted ones included; the badge counts them). */
  firing: number;
  pending: number;
  health: HealthStatus;
  /** Why the states are unknown (Prometheus unreachable), with what to do; null when fresh. */
  error: string | null;
  /** When the core last asked Prometheus (ISO). */
  checkedAt: string;
  /** With an existing source (docs/SOURCES.md): what it holds of alerting; absent or null while
   * the source is the managed Prometheus, which loads our rules itself. */
  source?: SourceAlerting | null;
}

/** One alerting rule an existing source evaluates itself, shown read-only. */
export interface SourceAlertRule {
  group: string;
  name: string;
  state: AlertState;
  query: string;
  health: 'ok' | 'err' | 'unknown';
  lastError: string;
  /** Alerts pending or firing now. */
  active: number;
  /** The rule's summary annotation, when it has one. */
  summary: string;
}

export interface SourceAlerting {
  url: string;
  /** The source's own alerting rules (ours excluded); null when it has no rules API. */
  rules: SourceAlertRule[] | null;
  /** Why there are no rules (the capability's note), or null. */
  note: string | null;
  /** Whether the source evaluates our rules (their group is loaded there). */
  oursLoaded: boolean;
}

/**
 * A rule started firing or resolved: at most one firing notification per rule per
 * alerts.notifyEveryMinutes, and a resolved one only after a notified firing; none for a
 * muted rule. Hosts show it as a desktop notification whose click opens the Alerts page
 * (`#/alerts`, or `#/alerts?rule=<rule>`).
 */
export interface AlertNotification {
  rule: string;
  state: 'firing' | 'resolved';
  severity: 'critical' | 'warning';
  /** The notification's title: "PeakTradeTargetDown is firing". */
  title: string;
  /** The first alert's expanded summary, or the rule's. */
  summary: string;
  fix: string;
  at: string;
}

// ---------------------------------------------------------------- sources (docs/SOURCES.md)

export type SourceKind = 'managed' | 'existing';
export type SourceAuthKind = 'none' | 'basic' | 'bearer';

/** An optional API of a source: whether it answered, and if not, what that means for a person. */
export interface SourceCapability {
  available: boolean;
  /** Why not, in a person's words: "VictoriaMetrics serves no rules without vmalert". */
  note: string;
}

export interface SourceStatus {
  kind: SourceKind;
  /** The base URL every query goes to (a path prefix included). */
  url: string;
  /** The source's own web UI where it has one (Prometheus's /graph, VictoriaMetrics' /vmui). */
  uiUrl: string | null;
  /** What the page may see of the credentials: "basic auth as alice", "bearer token", "none". */
  auth: string;
  authKind: SourceAuthKind;
  /** The basic-auth user, never a password or token. */
  user: string;
  caFile: string;
  /** Certificates are not checked: every view of the source shows a warning. */
  skipTlsVerify: boolean;
  /** up; down (unreachable); unauthorized (401); forbidden (403); incompatible (not a Prometheus API). */
  health: 'up' | 'down' | 'unauthorized' | 'forbidden' | 'incompatible' | 'unknown';
  /** Why it is not up, with its fix; never a credential. */
  error: ConsoleErrorInfo | null;
  /** "Prometheus 3.5.0", "VictoriaMetrics v1.x", or null when the source does not say. */
  product: string | null;
  /** Optional APIs, detected once per source (and again after it comes back). */
  capabilities: {
    targets: SourceCapability;
    rules: SourceCapability;
    metadata: SourceCapability;
    buildinfo: SourceCapability;
  };
  /** The watched app's job: what Settings names, what the source carries, and what is used. */
  job: {
    configured: string;
    /** Jobs whose series carry peak_trade_http_requests_total or peak_trade_metrics_fallback. */
    detected: string[];
    effective: string;
    /** "detected from the source", "set in Settings", "none found: …". */
    note: string;
  };
  /** The source's scrape interval in seconds when it says (Prometheus's config), else null. */
  scrapeIntervalSeconds: number | null;
  checkedAt: string | null;
}

/** Switch the source. A secret is never read back: omitted, the current one is kept only when
 * the URL's origin and the user are unchanged (else auth must be given again). */
export type SourceUseRequest =
  | { kind: 'managed' }
  | {
      kind: 'existing';
      url: string;
      auth: SourceAuthKind;
      user?: string;
      /** The basic-auth password or the bearer token; stored in secrets/, never in settings. */
      secret?: string;
      caFile?: string;
      skipTlsVerify?: boolean;
    };

export interface RemoteWriteStatus {
  id: string;
  url: string;
  auth: string;
  /** From the managed Prometheus's prometheus_remote_storage_* metrics; null when unknown. */
  samplesPending: number | null;
  samplesFailedTotal: number | null;
  samplesSentTotal: number | null;
  /** ISO time of the newest sample sent, or null. */
  lastSendAt: string | null;
  health: 'ok' | 'failing' | 'behind' | 'unknown' | 'stack-down';
  /** What is wrong and what to do, when not ok. */
  detail: string | null;
}

export interface RemoteWriteAddRequest {
  url: string;
  auth: SourceAuthKind;
  user?: string;
  secret?: string;
}

// ---------------------------------------------------------------- the API

export interface ConsoleApi {
  /** Live status of the embedded watch-only metrics server. */
  getServerStatus(): Promise<ServerStatus>;
  /** Current settings, where they are stored, and any warning from loading them. */
  getSettings(): Promise<SettingsView>;
  /** Validates and applies a partial update at once (flags live, ports rebind, stack files rewritten). */
  updateSettings(patch: SettingsPatch): Promise<SettingsUpdateResult>;
  /** State of Prometheus and Grafana under the chosen runtime. */
  getStackStatus(): Promise<StackStatus>;
  /** Writes the stack files and starts Prometheus + Grafana; progress arrives as `stackProgress`. */
  startStack(): Promise<StackStatus>;
  /** Stops the stack, keeping its data. */
  stopStack(): Promise<StackStatus>;
  /** Recent log lines of one service. */
  getStackLogs(req: { service: ServiceName; lines?: number }): Promise<StackLogs>;
  /** Runs every preflight check, or only the one named. */
  runPreflight(req?: { only?: string }): Promise<PreflightReport>;
  /** A PromQL instant query against the stack's Prometheus. */
  query(req: { query: string; time?: number }): Promise<InstantQueryResult>;
  /** A PromQL range query (times in unix seconds, step in seconds). */
  queryRange(req: {
    query: string;
    start: number;
    end: number;
    step: number;
  }): Promise<RangeQueryResult>;
  /** Prometheus's active scrape targets. */
  getTargets(): Promise<ScrapeTarget[]>;
  /** Values of one label, optionally restricted by a series selector. */
  getLabelValues(req: { label: string; match?: string }): Promise<string[]>;
  /** Label names on series of the last 12 h, optionally only those matching a selector. */
  getLabelNames(req?: { match?: string }): Promise<string[]>;
  /** Label sets of the series (last 12 h) matching a selector; at most 1,000. */
  getSeries(req: { match: string }): Promise<Labels[]>;
  /** Type, help and unit per metric name, as Prometheus's /api/v1/metadata. */
  getMetricMetadata(req?: { metric?: string }): Promise<Record<string, MetricMetadata[]>>;
  /** Explore's past queries, newest first; `search` keeps those containing it. */
  getQueryHistory(req?: { search?: string }): Promise<QueryHistoryView>;
  /** Records a query Explore ran (in the data folder, capped); returns the history. */
  addQueryHistory(req: { query: string }): Promise<QueryHistoryView>;
  /** Grafana's URL, admin user and health (never the password). */
  getGrafanaInfo(): Promise<GrafanaInfo>;
  /** The Grafana admin password, for the clipboard only. */
  revealGrafanaPassword(): Promise<string>;
  /** The managed Prometheus's password (user MANAGED_PROMETHEUS_USER), for the clipboard only. */
  revealPrometheusPassword(): Promise<string>;
  /** Opens the configured Grafana or Prometheus URL outside the app. */
  openExternal(req: { target: 'grafana' | 'prometheus' }): Promise<{ url: string }>;
  /** Sends a bounded burst of watch-only requests to the embedded server. */
  sendTraffic(req?: { requests?: number }): Promise<TrafficResult>;
  /** Every alert rule with its state from Prometheus's /api/v1/rules (read-only). */
  getAlerts(): Promise<AlertsView>;
  /** Where the numbers come from, its health and what it can answer (never a credential). */
  getSourceStatus(): Promise<SourceStatus>;
  /** Checks a source without switching to it (Grafana's "Test"). */
  testSource(req: SourceUseRequest): Promise<SourceStatus>;
  /** Switches the source (saving its credential in secrets/) and returns its status. */
  useSource(req: SourceUseRequest): Promise<SourceStatus>;
  /** Each remote-write receiver's health from the managed Prometheus's own metrics. */
  getRemoteWriteStatus(): Promise<RemoteWriteStatus[]>;
  addRemoteWrite(req: RemoteWriteAddRequest): Promise<RemoteWriteStatus[]>;
  removeRemoteWrite(req: { url: string }): Promise<RemoteWriteStatus[]>;
  /**
   * When the embedded server's port is held by something that answers like the watched app:
   * watch it as an instance and move the embedded server to a free port, in one step.
   */
  watchPortHolder(): Promise<SettingsUpdateResult>;
  /** Subscribes to an event; returns the unsubscribe. */
  on<E extends keyof ConsoleEvents>(
    event: E,
    listener: (payload: ConsoleEvents[E]) => void,
  ): () => void;
}

export interface ConsoleEvents {
  serverStatus: ServerStatus;
  settings: SettingsView;
  stackStatus: StackStatus;
  stackProgress: StackProgress;
  /** Checks re-run by the core after a settings change that affects them (merge into the report). */
  preflight: PreflightReport;
  /** The Alerts page's data, pushed when a rule's state, alerts or health change. */
  alerts: AlertsView;
  /** A rule started firing or resolved (rate-limited, mute honoured); see AlertNotification. */
  alertNotification: AlertNotification;
  /** The tray's health changed (emitted on change only). */
  health: HealthStatus;
  /** The source changed or its health / capabilities did. */
  source: SourceStatus;
}

export type ConsoleMethod = Exclude<keyof ConsoleApi, 'on'>;
export type ConsoleEvent = keyof ConsoleEvents;

const noArgs = z.undefined().or(z.object({}).strict());
const serviceName = z.enum(['prometheus', 'grafana']);
const promql = z.string().trim().min(1, 'a query is required').max(20_000);
const unixTime = z.number().finite().nonnegative();
const selector = z.string().trim().min(1, 'a series selector is required').max(2000);

const sourceAuthKind = z.enum(['none', 'basic', 'bearer']);
/** A password or token: one line, no control characters (it goes into an HTTP header). */
const secretText = z
  .string()
  .min(1, 'empty')
  .max(4096)
  // eslint-disable-next-line no-control-regex
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'one line without control characters');
const sourceUseRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('managed') }).strict(),
  z
    .object({
      kind: z.literal('existing'),
      url: z
        .string()
        .max(2000)
        .refine(isSourceUrl, 'an http:// or https:// URL, no credentials, query or fragment in it'),
      auth: sourceAuthKind,
      user: z.string().max(200).optional(),
      secret: secretText.optional(),
      caFile: z
        .string()
        .max(4096)
        .refine((v) => v === '' || isAbsolutePath(v), 'an absolute path to a PEM file')
        .optional(),
      skipTlsVerify: z.boolean().optional(),
    })
    .strict(),
]);

/** Payload schema for every method: both hosts validate what crosses the boundary. */
export const requestSchemas = {
  getServerStatus: noArgs,
  getSettings: noArgs,
  updateSettings: publicSettingsPatchSchema,
  getStackStatus: noArgs,
  startStack: noArgs,
  stopStack: noArgs,
  getStackLogs: z
    .object({ service: serviceName, lines: z.number().int().min(1).max(5000).optional() })
    .strict(),
  runPreflight: z
    .object({ only: z.string().min(1).max(100).optional() })
    .strict()
    .optional(),
  query: z.object({ query: promql, time: unixTime.optional() }).strict(),
  queryRange: z
    .object({
      query: promql,
      start: unixTime,
      end: unixTime,
      step: z.number().finite().positive().max(86_400),
    })
    .strict()
    .refine((r) => r.end >= r.start, 'end must not be before start')
    .refine((r) => (r.end - r.start) / r.step <= 11_000, 'too many points: raise the step'),
  getTargets: noArgs,
  getLabelValues: z
    .object({
      label: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'not a label name'),
      match: z.string().max(2000).optional(),
    })
    .strict(),
  getLabelNames: z.object({ match: selector.optional() }).strict().optional(),
  getSeries: z.object({ match: selector }).strict(),
  getMetricMetadata: z
    .object({
      metric: z
        .string()
        .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'not a metric name')
        .optional(),
    })
    .strict()
    .optional(),
  getQueryHistory: z
    .object({ search: z.string().max(200).optional() })
    .strict()
    .optional(),
  addQueryHistory: z.object({ query: promql }).strict(),
  getGrafanaInfo: noArgs,
  revealGrafanaPassword: noArgs,
  revealPrometheusPassword: noArgs,
  openExternal: z.object({ target: z.enum(['grafana', 'prometheus']) }).strict(),
  sendTraffic: z
    .object({ requests: z.number().int().min(1).max(2000).optional() })
    .strict()
    .optional(),
  getAlerts: noArgs,
  getSourceStatus: noArgs,
  testSource: sourceUseRequest,
  useSource: sourceUseRequest,
  getRemoteWriteStatus: noArgs,
  addRemoteWrite: z
    .object({
      url: z
        .string()
        .max(2000)
        .refine(isSourceUrl, 'an http:// or https:// URL, no credentials in it'),
      auth: sourceAuthKind,
      user: z.string().max(200).optional(),
      secret: secretText.optional(),
    })
    .strict(),
  removeRemoteWrite: z.object({ url: z.string().min(1).max(2000) }).strict(),
  watchPortHolder: noArgs,
} satisfies Record<ConsoleMethod, z.ZodType>;

// Every method and event has its name in methods.ts, and every method a schema here; a name
// missing from either list fails to compile.
type Unlisted<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const everyMethodListed: Unlisted<ConsoleMethod, (typeof CONSOLE_METHODS)[number]> = true;
const everyEventListed: Unlisted<ConsoleEvent, (typeof CONSOLE_EVENTS)[number]> = true;
void everyMethodListed;
void everyEventListed;

export { CONSOLE_EVENTS, CONSOLE_METHODS };

export type { Settings, SettingsPatch };

export {
  ConsoleError,
  decodeBridgeError,
  encodeBridgeError,
  unwrap,
  type ConsoleErrorInfo,
  type Envelope,
} from './errors';
export { toErrorInfo } from './error-info';
