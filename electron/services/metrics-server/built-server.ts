// The metrics server a user runs: `peak-watch headless` from the build (out/main/cli.js under
// plain Node, as bin/peak-watch.mjs starts it), on free loopback ports with its own data folder
// and PEAK_TRADE_PROMETHEUS_ENABLED=1, so peak_trade_http_requests_total — what
// PeakTradeHighErrorRate reads — records every request. For tests and the build's parity check.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOutput } from '../../build-output';

export interface BuiltServer {
  port: number;
  base: string;
  /** Everything the console printed so far (stdout and stderr). */
  output: () => string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface BuiltServerOptions {
  /** Written to the data folder's settings.json before start (e.g. a telemetry section). */
  settings?: Record<string, unknown>;
  /** Added to the child's environment. */
  env?: NodeJS.ProcessEnv;
}

export async function startBuiltServer(opts: BuiltServerOptions = {}): Promise<BuiltServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pw-built-server-'));
  if (opts.settings) {
    await writeFile(
      join(dataDir, 'settings.json'),
      JSON.stringify({ version: 1, ...opts.settings }),
    );
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PEAK_TRADE_PROMETHEUS_ENABLED: '1',
    ...opts.env,
  };
  delete env.REQUIRE_PROMETHEUS_CLIENT;
  const child = spawn(
    process.execPath,
    [buildOutput.cli, 'headless', '--metrics-port', '0', '--ui-port', '0', '--data-dir', dataDir],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`peak-watch headless printed no metrics URL in 30 s:\n${out}`));
      }, START_TIMEOUT_MS);
      const poll = setInterval(() => {
        const m = /^metrics: http:\/\/127\.0\.0\.1:(\d+)\/metrics$/m.exec(out);
        if (m?.[1]) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(Number(m[1]));
        } else if (/^metrics: not serving/m.test(out)) {
          clearInterval(poll);
          clearTimeout(timer);
          reject(new Error(`the built metrics server did not start:\n${out}`));
        }
      }, 25);
      void exited.then(() => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`peak-watch headless exited (${child.exitCode}):\n${out}`));
      });
    });
    return { port, base: `http://127.0.0.1:${port}`, output: () => out, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
