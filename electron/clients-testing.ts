// Test support for "many clients, one data folder": the peak-watch CLI and the headless console
// as real child processes, the console's RPC over its loopback web host, and its SSE events.
// Both run the built CLI under plain Node (as a user does): the child's pid is the app's pid, so
// a SIGKILL kills the app — tsx would put a wrapper in between and the app would live on.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConsoleEvents, Envelope, ServiceStatus, StackStatus } from '../shared/api';
import type { SettingsPatch } from '../shared/settings';
import { buildOutput } from './build-output';
import { freePort, PROMETHEUS_BIN } from './services/prometheus/testing';
import { SettingsStore } from './services/settings-store';

const cliJs = buildOutput.cli;
const userBin = join(buildOutput.root, 'bin', 'peak-watch.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One `peak-watch …` run to its end, as a user runs it in a terminal. */
export function peakWatch(args: string[]): CliResult {
  const r = spawnSync(process.execPath, [cliJs, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface CliRun extends CliResult {
  /** stdout and stderr interleaved as they came. */
  out: string;
}

/**
 * One `peak-watch …` run through bin/peak-watch.mjs (the command a user types), with `stdin` as
 * its standard input: how a password or token reaches `--password-stdin` / `--token-stdin`.
 */
export function peakWatchWithStdin(args: string[], stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [userBin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      out += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      out += b.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, out }));
    child.stdin.end(stdin);
  });
}

export interface HeadlessApp {
  child: ChildProcess;
  /** The app's own pid (no wrapper process). */
  pid: number;
  base: string;
  token: string;
  output: () => string;
  call: <T>(method: string, payload?: unknown) => Promise<T>;
  /** Resolves with the first event of that name whose payload passes `match`. */
  nextEvent: <E extends keyof ConsoleEvents>(
    event: E,
    match: (p: ConsoleEvents[E]) => boolean,
    timeoutMs?: number,
  ) => Promise<ConsoleEvents[E]>;
  /** Everything the app pushes from now on (resolves once subscribed), until `stop()`. */
  record: () => Promise<EventLog>;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

export interface EventLog {
  /** Each event as it came, in order. */
  events: { event: keyof ConsoleEvents; payload: unknown }[];
  of: <E extends keyof ConsoleEvents>(event: E) => ConsoleEvents[E][];
  stop: () => Promise<void>;
}

/**
 * `peak-watch headless` (the app without a window) on a data folder, ready to be called; `args`
 * adds flags, e.g. `--metrics-port 0` for a second console beside the first.
 */
export async function startHeadless(dataDir: string, args: string[] = []): Promise<HeadlessApp> {
  const child = spawn(process.execPath, [cliJs, 'headless', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`headless did not start:\n${output}`)), 60_000);
    const look = (): void => {
      const m = /console: (\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(new URL(m[1]));
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', () => reject(new Error(`headless exited:\n${output}`)));
  });
  const token = url.searchParams.get('token') ?? '';
  const base = url.origin;
  const headers = { authorization: `Bearer ${token}`, 'x-peak-watch': '1' };

  async function call<T>(method: string, payload?: unknown): Promise<T> {
    const res = await fetch(`${base}/rpc/${method}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: payload === undefined ? '' : JSON.stringify(payload),
    });
    const envelope = (await res.json()) as Envelope<T>;
    if (!envelope.ok)
      throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value;
  }

  async function nextEvent<E extends keyof ConsoleEvents>(
    event: E,
    match: (p: ConsoleEvents[E]) => boolean,
    timeoutMs = 15_000,
  ): Promise<ConsoleEvents[E]> {
    const abort = AbortSignal.timeout(timeoutMs);
    const res = await fetch(`${base}/events`, { headers, signal: abort });
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) throw new Error('no event stream');
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`event stream ended before a matching ${event}`);
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name !== event || data === undefined) continue;
          const payload = JSON.parse(data) as ConsoleEvents[E];
          if (match(payload)) return payload;
        }
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }

  async function record(): Promise<EventLog> {
    const stopped = new AbortController();
    const res = await fetch(`${base}/events`, { headers, signal: stopped.signal });
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) throw new Error('no event stream');
    const events: EventLog['events'] = [];
    let buffer = '';
    let markConnected!: () => void;
    const connected = new Promise<void>((r) => (markConnected = r));
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(': connected')) markConnected();
          const name = /^event: (.*)$/m.exec(block)?.[1] as keyof ConsoleEvents | undefined;
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data !== undefined) events.push({ event: name, payload: JSON.parse(data) });
        }
      }
    })().catch(() => undefined);
    // The host writes ': connected' once it has subscribed: nothing pushed after it is missed.
    await connected;
    return {
      events,
      of: <E extends keyof ConsoleEvents>(event: E) =>
        events.filter((e) => e.event === event).map((e) => e.payload as ConsoleEvents[E]),
      stop: async () => {
        stopped.abort();
        await reading;
      },
    };
  }

  return {
    child,
    pid: child.pid ?? 0,
    base,
    token,
    output: () => output,
    call,
    nextEvent,
    record,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * Settings for the native runtime on a data folder, on free ports, before any client starts:
 * Debian's prometheus unless `patch` names another binary. The Prometheus port, for its URL.
 */
export async function nativeStackSettings(
  dataDir: string,
  patch: SettingsPatch = {},
): Promise<number> {
  const store = new SettingsStore(dataDir);
  await store.load();
  const prometheusPort = patch.stack?.prometheusPort ?? (await freePort());
  await store.update({
    ...patch,
    server: { port: await freePort(), ...patch.server },
    stack: {
      runtime: 'native',
      prometheusBinary: PROMETHEUS_BIN,
      prometheusPort,
      grafanaPort: await freePort(),
      ...patch.stack,
    },
  });
  return prometheusPort;
}

/** The pid of the detached Prometheus, from the native runtime's state file. */
export async function nativePrometheusPid(dataDir: string): Promise<number> {
  const file = join(dataDir, 'native', 'prometheus.state.json');
  return (JSON.parse(await readFile(file, 'utf8')) as { pid: number }).pid;
}

/** Prometheus's entry in a stack status (its state and URL), as the app reports it. */
export function prometheusOf(status: StackStatus): ServiceStatus | undefined {
  return status.services.find((s) => s.name === 'prometheus');
}
