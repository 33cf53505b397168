// Every service of one console, made once from the settings, the secrets and the first server.
import type { PreflightCheckId } from '../../shared/preflight-ids';
import type { SettingsView, SourceStatus } from '../../shared/api';
import type { Settings } from '../../shared/settings';
import { AlertsService } from './alerts/alerts-service';
import type { ConsoleOptions } from './console-options';
import type { ConsoleServices, ManagedClient } from './console-api';
import { ConsoleEventBus } from './events';
import { MetricsServer, type MetricsServerOptions } from './metrics-server';
import { defaultPromClientLoader } from './metrics-server/prom-client';
import { runPreflight, type PreflightDeps } from './preflight';
import { QueryHistory } from './query-history';
import { RemoteWriteService } from './remote-write/service';
import type { SecretStore } from './secrets';
import { SettingsApplier, type SettingsApplierDeps } from './settings-apply';
import { checkSettingsOnDisk } from './settings-checks';
import type { SettingsStore } from './settings-store';
import { ComposeRuntime } from './stack/compose/compose';
import { NativeRuntime } from './stack/native/native';
import { grafanaUrl, managedPrometheus } from './stack/runtime';
import { StackService } from './stack/stack';
import type { PrometheusClient } from './prometheus';
import { SourceService, sourceClient } from './source';
import { ServerTelemetryExport } from './telemetry-export/follow-settings';
import { followTelemetrySettings, TelemetryService } from './telemetry/service';

export type ServerOptionsFor = (s: Settings) => Promise<MetricsServerOptions>;

/** What the services are built on: the settings, the secrets and the server already started. */
export interface ServiceBase {
  store: SettingsStore;
  secrets: SecretStore;
  serving: boolean;
  serverOptions: ServerOptionsFor;
  firstServer: MetricsServer;
}

/**
 * Makes every service once. They refer to one another (the stack reruns checks that read the
 * applier; the applier applies settings to the stack), so each reference to one made later is a
 * function, called only after this returns.
 */
/**
 * The server's span exporter and the OTLP receiver (docs/TELEMETRY.md). Only a process that
 * serves (the app, headless) traces its requests and listens for exports; a CLI command keeps an
 * idle store and reads a running app's through its read API.
 */
function telemetryServices(
  opts: ConsoleOptions,
  base: ServiceBase,
  events: ConsoleEventBus,
  settings: () => Settings,
) {
  const token = () => base.secrets.get('server-token');
  const tracing = base.serving
    ? new ServerTelemetryExport({ token, env: opts.env ?? {} })
    : undefined;
  const telemetry = new TelemetryService({ settings, token, events });
  if (base.serving) followTelemetrySettings(telemetry, events);
  return { tracing, telemetry };
}

export function buildServices(opts: ConsoleOptions, base: ServiceBase): ConsoleServices {
  const { store, secrets } = base;
  const events = new ConsoleEventBus();
  const settings = (): Settings => store.get();
  // Every number comes from the chosen source: the managed Prometheus (basic auth, its password
  // read from secrets/ per request) or an existing one with its own credential (docs/SOURCES.md).
  const makePrometheus = (s: Settings) => sourceClient(s, opts.dataDir);
  const client = opts.client ?? 'Peak Watch';
  const drivers = stackDrivers(opts.drivers, settings, client);
  // The source pages read through; its client is the settings applier's (`applier`, below).
  const source = new SourceService({
    dataDir: opts.dataDir,
    secrets,
    events,
    settings,
    client: () => applier.prometheus,
    save: (patch) => applier.update(patch),
  });
  const rerunChecks = (ids: PreflightCheckId[]): void =>
    void runPreflight(services.preflightDeps(), ids).then(
      (report) => events.emit('preflight', report),
      () => undefined,
    );
  const stack: StackService = new StackService({
    dataDir: opts.dataDir,
    platform: opts.platform ?? process.platform,
    secrets,
    settings,
    drivers,
    events,
    client,
    rerunChecks,
  });
  const alerts = new AlertsService({
    prometheus: () => applier.prometheus,
    settings,
    events,
    requireRules: () => source.ensureCapability('rules'),
  });
  const settingsView = (): SettingsView => ({
    settings: store.get(),
    dataDir: opts.dataDir,
    warnings: [...store.getWarnings(), ...applier.warnings()],
  });
  const { tracing, telemetry } = telemetryServices(opts, base, events, settings);
  const applier = buildApplier(base, {
    events,
    makePrometheus,
    stack,
    rerunChecks,
    settingsView,
    ...(tracing ? { telemetry: tracing } : {}),
  });
  const managed = managedClientPerPort(opts.dataDir);
  const remoteWrite = new RemoteWriteService({
    settings,
    update: (patch) => applier.update(patch),
    secrets,
    // What the managed Prometheus sends, asked of it whatever the source is.
    prometheus: () => managed.get(store.get()),
    logs: async (service, lines) => (await stack.logs(service, lines)).lines,
  });
  const history = new QueryHistory(opts.dataDir);
  const services: ConsoleServices = {
    store,
    secrets,
    events,
    history,
    stack,
    alerts,
    source,
    remoteWrite,
    telemetry,
    applier,
    managed,
    settingsView,
    openUrl: opts.openUrl,
    preflightDeps: () => preflightDeps(services, drivers, opts.loadPromClient),
  };
  return services;
}

/**
 * The stack's own checks ask the managed Prometheus even while pages read another source
 * ("scrapes here, writes there"); one client per port, closed with the console.
 */
function managedClientPerPort(dataDir: string): ManagedClient {
  let current: { port: number; client: PrometheusClient } | null = null;
  return {
    get(s) {
      if (current?.port !== s.stack.prometheusPort) {
        void current?.client.close();
        current = {
          port: s.stack.prometheusPort,
          client: managedPrometheus({ dataDir, settings: s }),
        };
      }
      return current.client;
    },
    close: async () => {
      await current?.client.close();
    },
  };
}

/** What one preflight report reads, as the services are now. */
function preflightDeps(
  services: ConsoleServices,
  drivers: PreflightDeps['drivers'],
  loadPromClient: ConsoleOptions['loadPromClient'],
): PreflightDeps {
  const { store, applier, source, managed } = services;
  // One probe of the source per report, shared by its five checks.
  let sourceStatus: Promise<SourceStatus> | null = null;
  const s = store.get();
  return {
    settings: store.get(),
    server: applier.server.status(),
    stack: services.stack,
    drivers,
    prometheus: applier.prometheus,
    grafanaUrl: grafanaUrl(store.get()),
    loadPromClient: loadPromClient ?? defaultPromClientLoader,
    secrets: services.secrets,
    remoteWrite: () => services.remoteWrite.status(),
    source: () => (sourceStatus ??= source.status()),
    ...(s.source.kind === 'existing' ? { managedPrometheus: managed.get(s) } : {}),
  };
}

function stackDrivers(
  given: ConsoleOptions['drivers'],
  settings: () => Settings,
  client: string,
): PreflightDeps['drivers'] {
  return {
    docker: given?.docker ?? new ComposeRuntime(),
    native: given?.native ?? new NativeRuntime({ settings, client }),
  };
}

/** Owns the server and the Prometheus client from here on: a settings change may replace them. */
function buildApplier(
  base: ServiceBase,
  deps: Pick<
    SettingsApplierDeps,
    'events' | 'makePrometheus' | 'stack' | 'rerunChecks' | 'telemetry'
  > & {
    settingsView: () => SettingsView;
  },
): SettingsApplier {
  const { settingsView, ...rest } = deps;
  return new SettingsApplier(
    {
      ...rest,
      store: base.store,
      serving: base.serving,
      makeServer: async (s) => new MetricsServer(await base.serverOptions(s)),
      checkOnDisk: checkSettingsOnDisk,
      view: settingsView,
    },
    base.firstServer,
    deps.makePrometheus(base.store.get()),
  );
}
