// Starts the real headless console (`peak-watch headless`, the built out/main/cli.js under plain
// Node) as a child process with its own data folder and free ports, and the native Prometheus
// runtime — the same process a user starts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildOutput } from '../../electron/build-output';
import { freePort } from '../../electron/services/prometheus/testing';
const cli = buildOutput.cli;

export interface HeadlessConsole {
  consoleUrl: string;
  metricsUrl: string;
  metricsPort: number;
  prometheusPort: number;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

export { freePort };

function peakWatch(dataDir: string, args: string[]): void {
  const r = spawnSync(process.execPath, [cli, ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
  });
  if (r.status !== 0)
    throw new Error(`peak-watch ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
}

/** The test's environment without the seed's flags (they would seed this run's settings);
 * a test that wants them passes them in `extra`. */
function consoleEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.PEAK_TRADE_PROMETHEUS_ENABLED;
  delete env.REQUIRE_PROMETHEUS_CLIENT;
  return { ...env, ...extra };
}

export async function startHeadlessConsole(
  opts: {
    scrapeIntervalSeconds?: number;
    env?: NodeJS.ProcessEnv;
    runtime?: 'docker' | 'native';
    /** More `settings set KEY VALUE` pairs before the console starts. */
    settings?: [string, string][];
  } = {},
): Promise<HeadlessConsole> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pw-e2e-'));
  const [metricsPort, prometheusPort, grafanaPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  peakWatch(dataDir, ['settings', 'set', 'stack.runtime', opts.runtime ?? 'native']);
  peakWatch(dataDir, ['settings', 'set', 'stack.prometheusPort', String(prometheusPort)]);
  peakWatch(dataDir, ['settings', 'set', 'stack.grafanaPort', String(grafanaPort)]);
  peakWatch(dataDir, ['settings', 'set', 'server.port', String(metricsPort)]);
  peakWatch(dataDir, [
    'settings',
    'set',
    'stack.scrapeIntervalSeconds',
    String(opts.scrapeIntervalSeconds ?? 2),
  ]);
  peakWatch(dataDir, [
    'settings',
    'set',
    'ui.refreshSeconds',
    String(opts.scrapeIntervalSeconds ?? 2),
  ]);

  for (const [key, value] of opts.settings ?? [])
    peakWatch(dataDir, ['settings', 'set', key, value]);

  const child: ChildProcess = spawn(
    process.execPath,
    [cli, 'headless', '--ui-port', '0', '--data-dir', dataDir],
    { env: consoleEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const consoleUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`headless console did not start:\n${out}`)),
      30_000,
    );
    const poll = setInterval(() => {
      const m = /^console: (\S+)$/m.exec(out);
      if (m?.[1] && /^metrics: /m.test(out)) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`headless console exited with ${code}:\n${out}`));
    });
  });
  return {
    consoleUrl,
    metricsUrl: /^metrics: (\S+)$/m.exec(out)?.[1] ?? '',
    metricsPort,
    prometheusPort,
    dataDir,
    output: () => out,
    // SIGTERM lets the console stop the stack (onQuit: stop) before it exits; the native
    // Prometheus is detached, so a console that had to be killed is followed by `stack down`.
    // Then its data folder goes, so test runs leave nothing behind in /tmp.
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        });
      }
      if (child.signalCode === 'SIGKILL') peakWatch(dataDir, ['stack', 'down']);
      await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
