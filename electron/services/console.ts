// The one core behind both hosts: builds every service from a data folder and exposes them as a
// ConsoleApi. Hosts (Electron IPC, the loopback web host, the CLI) only wire this to a transport.
import type { PreflightCheckId } from '../../shared/preflight-ids';
import {
  ConsoleError,
  type ConsoleApi,
  type ConsoleEvent,
  type ConsoleEvents,
  type GrafanaInfo,
  type SettingsView,
  type SourceStatus,
  type SettingsUpdateResult,
} from '../../shared/api';
import {
  diffSettings,
  isLoopbackHost,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { AlertsService } from './alerts/alerts-service';
import { ConsoleEventBus } from './events';
import { probeGrafana } from './grafana';
import { MetricsServer, type MetricsServerOptions } from './metrics-server';
import { defaultPromClientLoader } from './metrics-server/prom-client';
import { runPreflight, type PreflightDeps } from './preflight';
import { QueryHistory } from './query-history';
import { RemoteWriteService } from './remote-write/service';
import { SecretStore } from './secrets';
import { SettingsApplier } from './settings-apply';
import { checkSettingsOnDisk } from './settings-checks';
import { SettingsStore, type SettingsEdit } from './settings-store';
import { ComposeRuntime } from './stack/compose/compose';
import { NativeRuntime } from './stack/native/native';
import {
  grafanaUrl,
  managedPrometheus,
  prometheusRunning,
  type DockerDriver,
  type StackRuntimeDriver,
} from './stack/runtime';
import { StackService } from './stack/stack';
import type { PrometheusClient } from './prometheus';
import { SourceService, sourceClient } from './source';
import { sendTraffic } from './traffic';
import { watchPortHolder } from './watch-port-holder';

/**
 * Calls `refresh` for each settings change that changes an alert setting (a mute or a threshold,
 * made here or by another client), given the settings as they are now.
 */
export function onAlertSettingsChange(
  current: Settings,
  refresh: () => void,
): (next: Settings) => void {
  let last = current;
  return (next) => {
    const changed = diffSettings(last, next).has('alerts');
    last = next;
    if (changed) refresh();
  };
}

export interface ConsoleOptions {
  dataDir: string;
  /** Environment whose flags seed the settings at start (PEAK_TRADE_PROMETHEUS_ENABLED, ...). */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Override the metrics server's port for this run (e.g. --metrics-port); not saved. */
  metricsPort?: number;
  loadPromClient?: MetricsServerOptions['loadPromClient'];
  drivers?: { docker?: DockerDriver; native?: StackRuntimeDriver };
  /** Start the embedded metrics server (the CLI's stack and doctor commands do not). */
  serve?: boolean;
  /** Who this process is, for the stack lock and state files: 'Peak Watch app', 'peak-watch CLI'. */
  client?: string;
  /** Poll the stack and push `stackStatus` on every change; default: when serving. */
  watchStack?: boolean;
  /** Electron opens URLs itself; the web host leaves it to the browser. */
  openUrl?: (url: string) => Promise<void>;
}

export interface ConsoleCore {
  api: ConsoleApi;
  events: ConsoleEventBus;
  stack: StackService;
  alerts: AlertsService;
  source: SourceService;
  server: () => MetricsServer;
  settings: () => Settings;
  /**
   * A settings change made from the file as it is under the data folder's lock: for the CLI's
   * list edits, where a change computed from an earlier read would drop another process's.
   * Not on the ConsoleApi: a function does not cross the web host.
   */
  updateSettingsFrom: (edit: SettingsEdit) => Promise<SettingsUpdateResult>;
  dataDir: string;
  /** Stops the server and, if asked, the stack (whoever started it: one stack per data folder). */
  close(opts?: { stopStack?: boolean }): Promise<void>;
}

/**
 * The watched app's own switches (PEAK_TRADE_PROMETHEUS_ENABLED, REQUIRE_PROMETHEUS_CLIENT) set
 * the server's flags for this run, unsaved.
 */
export function envFlags(env: NodeJS.ProcessEnv): SettingsPatch {
  const server: NonNullable<SettingsPatch['server']> = {};
  if (env.PEAK_TRADE_PROMETHEUS_ENABLED !== undefined)
    server.enabled = env.PEAK_TRADE_PROMETHEUS_ENABLED === '1';
  if (env.REQUIRE_PROMETHEUS_CLIENT !== undefined)
    server.strict = env.REQUIRE_PROMETHEUS_CLIENT === '1';
  return Object.keys(server).length ? { server } : {};
}

export async function createConsole(opts: ConsoleOptions): Promise<ConsoleCore> {
  const platform = opts.platform ?? process.platform;
  const store = new SettingsStore(opts.dataDir);
  await store.load();
  store.overlay(envFlags(opts.env ?? {}));
  // Port 0 (tests, "any free port") is resolved to the bound port below, before anything uses it.
  if (opts.metricsPort) store.overlay({ server: { port: opts.metricsPort } });
  // A hand-edited server.host that is not this machine is not used: the server and the stack's
  // Prometheus config (which carries the bearer token) use the default host, with the reason.
  const refusedHost = await checkSettingsOnDisk(store.get());
  if (refusedHost) {
    store.overlay(refusedHost.patch);
    store.warn(refusedHost.warning);
  }
  const secrets = new SecretStore(opts.dataDir);
  const events = new ConsoleEventBus();
  const history = new QueryHistory(opts.dataDir);

  const serverOptions = async (s: Settings): Promise<MetricsServerOptions> => ({
    host: s.server.host,
    port: s.server.port,
    enabled: s.server.enabled,
    strict: s.server.strict,
    token: isLoopbackHost(s.server.host) ? null : await secrets.get('server-token'),
    reservedPorts: [s.stack.prometheusPort, s.stack.grafanaPort],
    ...(opts.loadPromClient ? { loadPromClient: opts.loadPromClient } : {}),
  });
  const serving = opts.serve !== false;
  const firstServer = new MetricsServer({
    ...(await serverOptions(store.get())),
    ...(opts.metricsPort === 0 ? { port: 0 } : {}),
  });
  // A taken port must not stop the console: the status carries the error and Settings can fix it.
  if (serving) await firstServer.start().catch(() => undefined);
  if (opts.metricsPort === 0 && firstServer.address) {
    store.overlay({ server: { port: firstServer.address.port } });
  }

  // Every number comes from the chosen source: the managed Prometheus (basic auth, its password
  // read from secrets/ per request) or an existing one with its own credential (docs/SOURCES.md).
  const makePrometheus = (s: Settings) => sourceClient(s, opts.dataDir);
  const client = opts.client ?? 'Peak Watch';
  const drivers = {
    docker: opts.drivers?.docker ?? new ComposeRuntime(),
    native: opts.drivers?.native ?? new NativeRuntime({ settings: () => store.get(), client }),
  };
  // The source pages read through; its client is the settings applier's (`live`, below).
  const source = new SourceService({
    dataDir: opts.dataDir,
    secrets,
    events,
    settings: () => store.get(),
    client: () => applier.prometheus,
    save: (patch) => applier.update(patch),
  });
  // The stack's own checks ask the managed Prometheus even while pages read another source
  // ("scrapes here, writes there"); one client per port, closed with the console.
  let stackClient: { port: number; client: PrometheusClient } | null = null;
  const managedForChecks = (s: Settings): PrometheusClient => {
    if (stackClient?.port !== s.stack.prometheusPort) {
      void stackClient?.client.close();
      stackClient = {
        port: s.stack.prometheusPort,
        client: managedPrometheus({ dataDir: opts.dataDir, settings: s }),
      };
    }
    return stackClient.client;
  };
  const preflightDeps = (): PreflightDeps => {
    // One probe of the source per report, shared by its five checks.
    let sourceStatus: Promise<SourceStatus> | null = null;
    const s = store.get();
    return {
      ...preflightBase(),
      source: () => (sourceStatus ??= source.status()),
      ...(s.source.kind === 'existing' ? { managedPrometheus: managedForChecks(s) } : {}),
    };
  };
  const preflightBase = (): PreflightDeps => ({
    settings: store.get(),
    server: applier.server.status(),
    stack,
    drivers,
    prometheus: applier.prometheus,
    grafanaUrl: grafanaUrl(store.get()),
    loadPromClient: opts.loadPromClient ?? defaultPromClientLoader,
    secrets,
    remoteWrite: () => remoteWrite.status(),
  });
  const rerunChecks = (ids: PreflightCheckId[]): void =>
    void runPreflight(preflightDeps(), ids).then(
      (report) => events.emit('preflight', report),
      () => undefined,
    );
  const stack: StackService = new StackService({
    dataDir: opts.dataDir,
    platform,
    secrets,
    settings: () => store.get(),
    drivers,
    events,
    client,
    rerunChecks,
  });

  const alerts = new AlertsService({
    prometheus: () => applier.prometheus,
    settings: () => store.get(),
    events,
    requireRules: () => source.ensureCapability('rules'),
  });

  const settingsView = (): SettingsView => ({
    settings: store.get(),
    dataDir: opts.dataDir,
    warnings: [...store.getWarnings(), ...applier.warnings()],
  });
  // Owns the server and the Prometheus client from here on: a settings change may replace them.
  const applier: SettingsApplier = new SettingsApplier(
    {
      store,
      events,
      serving,
      makeServer: async (s) => new MetricsServer(await serverOptions(s)),
      makePrometheus,
      stack,
      rerunChecks,
      checkOnDisk: checkSettingsOnDisk,
      view: settingsView,
    },
    firstServer,
    makePrometheus(store.get()),
  );
  // A process that serves is the one others expect to follow their changes to settings.json.
  if (serving) applier.watch();
  // ...and pushes the source's health as it changes (a source that dies or comes back).
  if (serving) source.start();
  if (opts.watchStack ?? serving) stack.watch();
  // Only a serving console watches alerts (the app, the web host); one-shot CLI commands ask once.
  if (serving) alerts.start();
  // A new source, or one found to lack its rules API, changes what the Alerts page shows.
  events.on('source', () => void alerts.refresh());
  // A mute or a new threshold — here or from another client — shows on the Alerts page at once.
  const alertsFollow = onAlertSettingsChange(store.get(), () => void alerts.refresh());
  events.on('settings', (view) => alertsFollow(view.settings));

  const remoteWrite = new RemoteWriteService({
    settings: () => store.get(),
    update: (patch) => applier.update(patch),
    secrets,
    // What the managed Prometheus sends, asked of it whatever the source is.
    prometheus: () => managedForChecks(store.get()),
    logs: async (service, lines) => (await stack.logs(service, lines)).lines,
  });

  const api = buildApi({
    store,
    secrets,
    events,
    history,
    stack,
    alerts,
    source,
    remoteWrite,
    applier,
    preflightDeps,
    settingsView,
    openUrl: opts.openUrl,
  });

  return {
    api,
    events,
    stack,
    alerts,
    source,
    server: () => applier.server,
    settings: () => store.get(),
    updateSettingsFrom: (edit) => applier.update(edit),
    dataDir: opts.dataDir,
    async close(closeOpts) {
      alerts.stop();
      source.stop();
      stack.unwatch();
      // The native runtime is detached too: without stopStack it keeps running for the next app.
      if (closeOpts?.stopStack && (await stack.isUp())) await stack.stop().catch(() => undefined);
      await applier.close();
      await stackClient?.client.close();
    },
  };
}

/** What the API object is built from: the services createConsole makes, once. */
interface ConsoleServices {
  store: SettingsStore;
  secrets: SecretStore;
  events: ConsoleEventBus;
  history: QueryHistory;
  stack: StackService;
  alerts: AlertsService;
  source: SourceService;
  remoteWrite: RemoteWriteService;
  /** The settings applier: it holds the current server and Prometheus client, which a change
   * replaces, so every method asks it for them per call. */
  applier: SettingsApplier;
  preflightDeps: () => PreflightDeps;
  settingsView: () => SettingsView;
  openUrl: ConsoleOptions['openUrl'];
}

/** The ConsoleApi every host exposes: each method delegates to the service that owns it. */
function buildApi(s: ConsoleServices): ConsoleApi {
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
