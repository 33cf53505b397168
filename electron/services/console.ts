// The one core behind both hosts: builds every service from a data folder and exposes them as a
// ConsoleApi. Hosts (Electron IPC, the loopback web host, the CLI) only wire this to a transport.
import {
  ConsoleError,
  type ConsoleApi,
  type ConsoleEvent,
  type ConsoleEvents,
  type GrafanaInfo,
  type SettingsUpdateResult,
  type SettingsView,
} from '../../shared/api';
import {
  applySettingsPatch,
  isLoopbackHost,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { ConsoleEventBus } from './events';
import { probeGrafana } from './grafana';
import { MetricsServer, type MetricsServerOptions } from './metrics-server';
import { defaultPromClientLoader } from './metrics-server/prom-client';
import { runPreflight } from './preflight';
import { PrometheusClient } from './prometheus';
import { QueryHistory } from './query-history';
import { SecretStore } from './secrets';
import { SettingsStore } from './settings-store';
import { ComposeRuntime } from './stack/compose';
import { NativeRuntime } from './stack/native';
import { grafanaUrl, prometheusUrl, type StackRuntimeDriver } from './stack/runtime';
import { StackService } from './stack/stack';
import { sendTraffic } from './traffic';

export interface ConsoleOptions {
  dataDir: string;
  /** Environment whose flags seed the settings at start (PEAK_TRADE_PROMETHEUS_ENABLED, ...). */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Override the metrics server's port for this run (e.g. --metrics-port); not saved. */
  metricsPort?: number;
  loadPromClient?: MetricsServerOptions['loadPromClient'];
  drivers?: Partial<Record<'docker' | 'native', StackRuntimeDriver>>;
  /** Start the embedded metrics server (the CLI's stack and doctor commands do not). */
  serve?: boolean;
  /** Electron opens URLs itself; the web host leaves it to the browser. */
  openUrl?: (url: string) => Promise<void>;
}

export interface ConsoleCore {
  api: ConsoleApi;
  events: ConsoleEventBus;
  stack: StackService;
  server: () => MetricsServer;
  settings: () => Settings;
  dataDir: string;
  /** Stops the server and, if asked, the stack this process started. */
  close(opts?: { stopStack?: boolean }): Promise<void>;
}

/** Environment flags seed the settings for this run, as the seed's PEAK_TRADE_* flags did. */
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
  const secrets = new SecretStore(opts.dataDir);
  const events = new ConsoleEventBus();
  const history = new QueryHistory(opts.dataDir);

  const serverOptions = async (s: Settings): Promise<MetricsServerOptions> => ({
    host: s.server.host,
    port: s.server.port,
    enabled: s.server.enabled,
    strict: s.server.strict,
    token: isLoopbackHost(s.server.host) ? null : await secrets.get('server-token'),
    ...(opts.loadPromClient ? { loadPromClient: opts.loadPromClient } : {}),
  });
  let server = new MetricsServer({
    ...(await serverOptions(store.get())),
    ...(opts.metricsPort === 0 ? { port: 0 } : {}),
  });
  let detachServer = server.onStatusChange((s) => events.emit('serverStatus', s));
  // A taken port must not stop the console: the status carries the error and Settings can fix it.
  if (opts.serve !== false) await server.start().catch(() => undefined);
  if (opts.metricsPort === 0 && server.address) {
    store.overlay({ server: { port: server.address.port } });
  }

  let prometheus = new PrometheusClient({ baseUrl: prometheusUrl(store.get()) });
  const drivers: Record<'docker' | 'native', StackRuntimeDriver> = {
    docker: opts.drivers?.docker ?? new ComposeRuntime(),
    native: opts.drivers?.native ?? new NativeRuntime({ settings: () => store.get() }),
  };
  const stack = new StackService({
    dataDir: opts.dataDir,
    platform,
    secrets,
    settings: () => store.get(),
    drivers,
    events,
    reloadPrometheus: () => prometheus.reload(),
  });

  const settingsView = (): SettingsView => ({
    settings: store.get(),
    dataDir: opts.dataDir,
    warnings: store.getWarnings(),
  });

  async function rebindServer(next: Settings): Promise<string> {
    const replacement = new MetricsServer(await serverOptions(next));
    await replacement.start(); // throws port-in-use etc. before anything is saved
    detachServer();
    await server.stop();
    server = replacement;
    detachServer = server.onStatusChange((s) => events.emit('serverStatus', s));
    events.emit('serverStatus', server.status());
    return `server moved to ${server.status().url}`;
  }

  async function updateSettings(patch: SettingsPatch): Promise<SettingsUpdateResult> {
    const previous = store.get();
    const candidate = (() => {
      try {
        return applySettingsPatch(previous, patch);
      } catch {
        return null; // store.update reports the validation error in the user's words
      }
    })();
    const applied: string[] = [];
    if (
      candidate &&
      (candidate.server.host !== previous.server.host ||
        candidate.server.port !== previous.server.port ||
        !server.status().listening)
    ) {
      applied.push(await rebindServer(candidate));
    }
    const next = await store.update(patch);
    if (
      next.server.enabled !== previous.server.enabled ||
      next.server.strict !== previous.server.strict
    ) {
      server.setFlags({ enabled: next.server.enabled, strict: next.server.strict });
      if (next.server.enabled !== previous.server.enabled)
        applied.push(`instrumentation ${next.server.enabled ? 'on' : 'off'}`);
      if (next.server.strict !== previous.server.strict)
        applied.push(`strict mode ${next.server.strict ? 'on' : 'off'}`);
    }
    if (next.stack.prometheusPort !== previous.stack.prometheusPort) {
      await prometheus.close();
      prometheus = new PrometheusClient({ baseUrl: prometheusUrl(next) });
    }
    applied.push(...(await stack.applySettings(previous)));
    events.emit('settings', settingsView());
    return { ...settingsView(), applied };
  }

  async function grafanaInfo(): Promise<GrafanaInfo> {
    const url = grafanaUrl(store.get());
    try {
      const health = await probeGrafana(url);
      return { url, user: 'admin', health, healthError: null };
    } catch (err) {
      return { url, user: 'admin', health: null, healthError: (err as Error).message };
    }
  }

  const api: ConsoleApi = {
    getServerStatus: () => Promise.resolve(server.status()),
    getSettings: () => Promise.resolve(settingsView()),
    updateSettings,
    getStackStatus: () => stack.status(),
    startStack: () => stack.start(),
    stopStack: () => stack.stop(),
    getStackLogs: (req) => stack.logs(req.service, req.lines ?? 200),
    runPreflight: (req) =>
      runPreflight(
        {
          settings: store.get(),
          server: server.status(),
          stack,
          drivers,
          prometheus,
          grafanaUrl: grafanaUrl(store.get()),
          loadPromClient: opts.loadPromClient ?? defaultPromClientLoader,
        },
        req?.only,
      ),
    query: (req) => prometheus.query(req.query, req.time),
    queryRange: (req) => prometheus.queryRange(req.query, req.start, req.end, req.step),
    getTargets: () => prometheus.targets(),
    getLabelValues: (req) => prometheus.labelValues(req.label, req.match),
    getLabelNames: (req) => prometheus.labelNames(req?.match),
    getSeries: (req) => prometheus.series(req.match),
    getMetricMetadata: (req) => prometheus.metadata(req?.metric),
    getQueryHistory: (req) => history.list(req?.search),
    addQueryHistory: (req) => history.add(req.query),
    getGrafanaInfo: grafanaInfo,
    revealGrafanaPassword: () => secrets.get('grafana-admin-password'),
    openExternal: async (req) => {
      const url = req.target === 'grafana' ? grafanaUrl(store.get()) : prometheusUrl(store.get());
      if (opts.openUrl) await opts.openUrl(url);
      return { url };
    },
    sendTraffic: async (req) => {
      const status = server.status();
      if (!status.listening) {
        throw new ConsoleError({
          code: 'server-not-listening',
          message: status.error ?? 'The embedded server is not listening.',
          fix: 'Choose a free port in Settings → Server port.',
        });
      }
      const token = status.requiresToken ? await secrets.get('server-token') : null;
      // While Prometheus scrapes, let it see every new series once before the burst grows it.
      const scraping = (await stack.status()).services.some(
        (s) => s.name === 'prometheus' && s.state === 'running',
      );
      const settleMs = scraping ? (store.get().stack.scrapeIntervalSeconds + 1) * 1000 : 0;
      return sendTraffic(status.url, { requests: req?.requests, token, settleMs });
    },
    on: <E extends ConsoleEvent>(event: E, listener: (p: ConsoleEvents[E]) => void) =>
      events.on(event, listener),
  };

  return {
    api,
    events,
    stack,
    server: () => server,
    settings: () => store.get(),
    dataDir: opts.dataDir,
    async close(closeOpts) {
      if (closeOpts?.stopStack && stack.startedHere) await stack.stop().catch(() => undefined);
      for (const driver of Object.values(drivers)) driver.dispose?.();
      detachServer();
      await server.stop();
      await prometheus.close();
    },
  };
}
