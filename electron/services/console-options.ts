// What a host gives createConsole (console.ts): a module of its own, since console.ts and the
// modules it builds from (console-services.ts, console-api.ts) all read it.
import type { MetricsServerOptions } from './metrics-server';
import type { DockerDriver, StackRuntimeDriver } from './stack/runtime';

export interface ConsoleOptions {
  dataDir: string;
  /** Environment whose flags set the settings at start (PEAK_TRADE_PROMETHEUS_ENABLED, ...). */
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
