// The ConsoleApi object every host exposes, built from the services createConsole makes.
import {
  ConsoleError,
  type ConsoleApi,
  type ConsoleEvent,
  type ConsoleEvents,
  type GrafanaInfo,
  type SettingsView,
} from '../../shared/api';
import type { Settings } from '../../shared/settings';
import type { AlertsService } from './alerts/alerts-service';
import type { ConsoleOptions } from './console-options';
import type { ConsoleEventBus } from './events';
import { probeGrafana } from './grafana';
import { runPreflight, type PreflightDeps } from './preflight';
import type { PrometheusClient } from './prometheus';
import type { QueryHistory } from './query-history';
import type { RemoteWriteService } from './remote-write/service';
import type { SecretStore } from './secrets';
import type { SettingsApplier } from './settings-apply';
import type { SettingsStore } from './settings-store';
import { grafanaUrl, prometheusRunning } from './stack/runtime';
import type { StackService } from './stack/stack';
import type { SourceService } from './source';
import type { TelemetryService } from './telemetry/service';
import { sendTraffic } from './traffic';
import { watchPortHolder } from './watch-port-holder';

/** The managed Prometheus's client for the settings given; closed with the console. */
export interface ManagedClient {
  get(s: Settings): PrometheusClient;
  close(): Promise<void>;
}

/** What the API object is built from: the services createConsole makes, once. */
export interface ConsoleServices {
  store: SettingsStore;
  secrets: SecretStore;
  events: ConsoleEventBus;
  history: QueryHistory;
  stack: StackService;
  alerts: AlertsService;
  source: SourceService;
  remoteWrite: RemoteWriteService;
  /** The OTLP receiver and what it keeps (docs/TELEMETRY.md). */
  telemetry: TelemetryService;
  /** The settings applier: it holds the current server and Prometheus client, which a change
   * replaces, so every method asks it for them per call. */
  applier: SettingsApplier;
  /** The managed Prometheus, for the checks and remote write whatever the source is. */
  managed: ManagedClient;
  preflightDeps: () => PreflightDeps;
  settingsView: () => SettingsView;
  openUrl: ConsoleOptions['openUrl'];
}

function notYet(): Promise<never> {
  return Promise.reject(
    new ConsoleError({ code: 'telemetry-off', message: 'The OTLP receiver is not built yet.' }),
  );
}

/** The ConsoleApi every host exposes: each method delegates to the service that owns it. */
export function buildApi(s: ConsoleServices): ConsoleApi {
  const { store, secrets, events, history, stack, alerts, source, remoteWrite, applier } = s;
  async function grafanaInfo(): Promise<GrafanaInfo> {
    const url = grafanaUrl(store.get());
    try {
      const health = await probeGrafana(url);
      return { url, user: 'admin', health, healthError: null };
    } catch (err) {
      return { url, user: 'admin', health: null, healthError: (err as Error).message };
    }
  }

  return {
    getServerStatus: () => Promise.resolve(applier.server.status()),
    getSettings: () => Promise.resolve(s.settingsView()),
    updateSettings: (patch) => applier.update(patch),
    getStackStatus: () => stack.status(),
    startStack: () => stack.start(),
    stopStack: () => stack.stop(),
    getStackLogs: (req) => stack.logs(req.service, req.lines ?? 200),
    runPreflight: (req) => runPreflight(s.preflightDeps(), req?.only),
    query: (req) => applier.prometheus.query(req.query, req.time),
    queryRange: (req) => applier.prometheus.queryRange(req.query, req.start, req.end, req.step),
    getTargets: async () => {
      source.ensureCapability('targets');
      return applier.prometheus.targets();
    },
    getLabelValues: (req) => applier.prometheus.labelValues(req.label, req.match),
    getLabelNames: (req) => applier.prometheus.labelNames(req?.match),
    getSeries: (req) => applier.prometheus.series(req.match),
    getMetricMetadata: (req) => applier.prometheus.metadata(req?.metric),
    getQueryHistory: (req) => history.list(req?.search),
    addQueryHistory: (req) => history.add(req.query),
    getGrafanaInfo: grafanaInfo,
    revealGrafanaPassword: () => secrets.get('grafana-admin-password'),
    revealPrometheusPassword: () => secrets.get('prometheus-password'),
    openExternal: async (req) => {
      const url = req.target === 'grafana' ? grafanaUrl(store.get()) : await source.uiUrl();
      if (s.openUrl) await s.openUrl(url);
      return { url };
    },
    sendTraffic: async (req) => {
      const status = applier.server.status();
      if (!status.listening) {
        throw new ConsoleError({
          code: 'server-not-listening',
          message: status.error ?? 'The embedded server is not listening.',
          fix: 'Choose a free port in Settings → Server port.',
        });
      }
      const token = status.requiresToken ? await secrets.get('server-token') : null;
      // While Prometheus scrapes, let it see every new series once before the burst grows it.
      const scraping = prometheusRunning((await stack.status()).services);
      const settleMs = scraping ? (store.get().stack.scrapeIntervalSeconds + 1) * 1000 : 0;
      return sendTraffic(status.url, { requests: req?.requests, token, settleMs });
    },
    getAlerts: () => alerts.refresh(),
    // Sources, remote write and the port holder: docs/SOURCES.md.
    getSourceStatus: () => source.status(),
    testSource: (req) => source.test(req),
    useSource: (req) => source.use(req),
    getRemoteWriteStatus: () => remoteWrite.status(),
    addRemoteWrite: (req) => remoteWrite.add(req),
    removeRemoteWrite: (req) => remoteWrite.remove(req),
    // The OTLP receiver's store (docs/TELEMETRY.md).
    getTelemetryStatus: () => Promise.resolve(s.telemetry.status()),
    searchTraces: (req) => Promise.resolve(s.telemetry.searchTraces(req)),
    getTrace: (req) => Promise.resolve().then(() => s.telemetry.getTrace(req.traceId)),
    searchLogs: (req) => Promise.resolve(s.telemetry.searchLogs(req)),
    // A placeholder while exemplars are built: it says so to the caller.
    queryExemplars: () => notYet(),
    watchPortHolder: () =>
      watchPortHolder({
        server: () => applier.server,
        settings: () => store.get(),
        update: (patch) => applier.update(patch),
      }),
    on: <E extends ConsoleEvent>(event: E, listener: (p: ConsoleEvents[E]) => void) =>
      events.on(event, listener),
  };
}
