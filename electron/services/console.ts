// The one core behind both hosts: builds every service from a data folder and exposes them as a
// ConsoleApi. Hosts (Electron IPC, the loopback web host, the CLI) only wire this to a transport.
import type { ConsoleApi, SettingsUpdateResult } from '../../shared/api';
import {
  diffSettings,
  isLoopbackHost,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import type { AlertsService } from './alerts/alerts-service';
import { buildApi, type ConsoleServices } from './console-api';
import { buildServices, type ServerOptionsFor } from './console-services';
import type { ConsoleEventBus } from './events';
import { MetricsServer, type MetricsServerOptions } from './metrics-server';
import { SecretStore } from './secrets';
import { checkSettingsOnDisk } from './settings-checks';
import { SettingsStore, type SettingsEdit } from './settings-store';
import type { StackService } from './stack/stack';
import type { SourceService } from './source';

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

import type { ConsoleOptions } from './console-options';

export type { ConsoleOptions };

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
  const store = await openSettings(opts);
  const secrets = new SecretStore(opts.dataDir);
  const serving = opts.serve !== false;
  const serverOptions = metricsServerOptions(secrets, opts.loadPromClient);
  const firstServer = await startFirstServer(opts, store, serverOptions(store.get()), serving);
  const services = buildServices(opts, { store, secrets, serving, serverOptions, firstServer });
  startFollowing(services, opts.watchStack ?? serving, serving);
  const { events, stack, alerts, source, applier } = services;
  return {
    api: buildApi(services),
    events,
    stack,
    alerts,
    source,
    server: () => applier.server,
    settings: () => store.get(),
    updateSettingsFrom: (edit) => applier.update(edit),
    dataDir: opts.dataDir,
    close: (closeOpts) => closeConsole(services, closeOpts),
  };
}

/** The settings as this run uses them: the file, then the run's own flags and port on top. */
async function openSettings(opts: ConsoleOptions): Promise<SettingsStore> {
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
  return store;
}

/** The metrics server's options for given settings (a server off this machine needs the token). */
function metricsServerOptions(
  secrets: SecretStore,
  loadPromClient: ConsoleOptions['loadPromClient'],
): ServerOptionsFor {
  return async (s) => ({
    host: s.server.host,
    port: s.server.port,
    enabled: s.server.enabled,
    strict: s.server.strict,
    token: isLoopbackHost(s.server.host) ? null : await secrets.get('server-token'),
    reservedPorts: [s.stack.prometheusPort, s.stack.grafanaPort],
    ...(loadPromClient ? { loadPromClient } : {}),
  });
}

/** The server the applier starts with; with --metrics-port 0 the store learns the bound port. */
async function startFirstServer(
  opts: ConsoleOptions,
  store: SettingsStore,
  options: Promise<MetricsServerOptions>,
  serving: boolean,
): Promise<MetricsServer> {
  const server = new MetricsServer({
    ...(await options),
    ...(opts.metricsPort === 0 ? { port: 0 } : {}),
  });
  // A taken port must not stop the console: the status carries the error and Settings can fix it.
  if (serving) await server.start().catch(() => undefined);
  if (opts.metricsPort === 0 && server.address) {
    store.overlay({ server: { port: server.address.port } });
  }
  return server;
}

/** What a console follows once built: settings made elsewhere, the source, the stack, alerts. */
function startFollowing(services: ConsoleServices, watchStack: boolean, serving: boolean): void {
  const { store, events, stack, alerts, source, applier } = services;
  // A process that serves is the one others expect to follow their changes to settings.json.
  if (serving) applier.watch();
  // ...and pushes the source's health as it changes (a source that dies or comes back).
  if (serving) source.start();
  if (watchStack) stack.watch();
  // Only a serving console watches alerts (the app, the web host); one-shot CLI commands ask once.
  if (serving) alerts.start();
  // A new source, or one found to lack its rules API, changes what the Alerts page shows.
  events.on('source', () => void alerts.refresh());
  // A mute or a new threshold — here or from another client — shows on the Alerts page at once.
  const alertsFollow = onAlertSettingsChange(store.get(), () => void alerts.refresh());
  events.on('settings', (view) => alertsFollow(view.settings));
}

/** Stops the watchers, the stack if asked, then the server and the Prometheus clients. */
async function closeConsole(
  services: ConsoleServices,
  opts: { stopStack?: boolean } | undefined,
): Promise<void> {
  const { stack, alerts, source, applier, managed, telemetry } = services;
  alerts.stop();
  await telemetry.close();
  source.stop();
  stack.unwatch();
  // The native runtime is detached too: without stopStack it keeps running for the next app.
  if (opts?.stopStack && (await stack.isUp())) await stack.stop().catch(() => undefined);
  await applier.close();
  await managed.close();
}
