// Test support: a real Prometheus child process on a free loopback port, and the rule for
// binaries a test needs (missing on CI → the test fails; missing locally → skipped, and says so).
import { ConsoleError, MANAGED_PROMETHEUS_USER } from '../../../shared/api';
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMETHEUS_BIN = process.env.PEAK_WATCH_TEST_PROMETHEUS ?? '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.PEAK_WATCH_TEST_PROMTOOL ?? '/usr/bin/promtool';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a test needing `file` should be skipped: never on CI (the test runs and fails with
 * `binaryMissing`), and locally only with a message saying why.
 */
export function skipWithout(file: string): boolean {
  if (executable(file)) return false;
  if (process.env.CI === 'true') return false;
  console.warn(`SKIPPED: ${file} is missing (apt-get install -y prometheus); CI fails instead.`);
  return true;
}

/** Call first in a test that needs `file`: on CI a missing binary is a failure, not a skip. */
export function requireBinary(file: string): void {
  if (!executable(file)) throw new Error(`${file} is missing: apt-get install -y prometheus`);
}

/** A port nothing listens on right now (bind port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Thrown from a waitFor probe to stop waiting at once (the thing waited for cannot happen). */
export class GiveUp extends Error {}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      if (err instanceof GiveUp) throw err;
      last = err;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface TestPrometheus {
  url: string;
  port: number;
  dir: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts /usr/bin/prometheus with `config` in a temp folder and waits for /-/ready. */
export async function startTestPrometheus(config: string): Promise<TestPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'peak-watch-prom-'));
  await writeFile(join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`Prometheus on ${url}`, async () => {
      if (child.exitCode !== null) throw new GiveUp(`prometheus exited:\n${output.slice(-2000)}`);
      const res = await fetch(`${url}/-/ready`);
      return res.ok ? true : undefined;
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, dir, child, output: () => output, stop };
}

/** The ConsoleError a promise rejects with; fails the test when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<ConsoleError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConsoleError) return err;
    throw err;
  }
  throw new Error('expected a ConsoleError, got a result');
}

/** The Authorization header of HTTP basic auth, for tests that ask the managed Prometheus directly. */
export function basicAuthHeader(auth: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

/**
 * fetch() to the managed Prometheus of a data folder, with its credentials (user peak-watch, the
 * password from <dataDir>/secrets/prometheus-password): what a test that asks it directly uses.
 */
export async function fetchManaged(
  dataDir: string,
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  const password = (await readFile(join(dataDir, 'secrets', 'prometheus-password'), 'utf8')).trim();
  const headers = new Headers(init.headers);
  headers.set('authorization', basicAuthHeader({ username: MANAGED_PROMETHEUS_USER, password }));
  return fetch(url, { ...init, headers });
}
