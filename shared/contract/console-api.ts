// The ConsoleApi interface: every method and event both hosts serve and the renderer uses. The
// method and event names are listed again in shared/methods.ts for code that iterates them.
import type { Envelope } from '../errors';
import type { SettingsPatch } from '../settings';
import type { AlertNotification, AlertsView, HealthStatus } from './alerts';
import type {
  GrafanaInfo,
  InstantQueryResult,
  Labels,
  MetricMetadata,
  QueryHistoryView,
  RangeQueryResult,
  ScrapeTarget,
  TrafficResult,
} from './prometheus';
import type {
  RemoteWriteAddRequest,
  RemoteWriteStatus,
  SourceStatus,
  SourceUseRequest,
} from './sources';
import type {
  PreflightReport,
  ServerStatus,
  ServiceName,
  SettingsUpdateResult,
  SettingsView,
  StackLogs,
  StackProgress,
  StackStatus,
} from './status';
import type {
  ExemplarSeries,
  LogRecordView,
  LogSearchRequest,
  TelemetryStatus,
  TraceSearchRequest,
  TraceSummary,
  TraceView,
} from './telemetry';

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
  /** The OTLP receiver: whether it listens, where, and how full its ring is. */
  getTelemetryStatus(): Promise<TelemetryStatus>;
  /** Kept traces matching the filters, newest first. */
  searchTraces(req?: TraceSearchRequest): Promise<TraceSummary[]>;
  /** One kept trace's spans and the log records that share its trace id ('not-found' if gone). */
  getTrace(req: { traceId: string }): Promise<TraceView>;
  /** Kept log records matching the filters (the newest `limit`, oldest first). */
  searchLogs(req?: LogSearchRequest): Promise<LogRecordView[]>;
  /** Prometheus's /api/v1/query_exemplars for a selector over [start, end] (unix seconds). */
  queryExemplars(req: { query: string; start: number; end: number }): Promise<ExemplarSeries[]>;
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
  /** The receiver's status, at most once a second while items arrive, and on every change. */
  telemetry: TelemetryStatus;
}

export type ConsoleMethod = Exclude<keyof ConsoleApi, 'on'>;
export type ConsoleEvent = keyof ConsoleEvents;

/** What a method resolves with. */
export type ConsoleResult<M extends ConsoleMethod> = Awaited<ReturnType<ConsoleApi[M]>>;

/**
 * The Electron preload's `window.api`: each method resolves with the Envelope itself, a plain
 * value that contextBridge copies whole (a thrown Error would cross with its message only).
 * renderer/src/api/bridge-client.ts unwraps it into a ConsoleApi.
 */
export type BridgeApi = {
  [M in ConsoleMethod]: (...args: Parameters<ConsoleApi[M]>) => Promise<Envelope<ConsoleResult<M>>>;
} & Pick<ConsoleApi, 'on'>;
