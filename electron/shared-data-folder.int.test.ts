// The app (`peak-watch headless`, a real child process) and the CLI at once on one data folder,
// as a person runs them side by side: no setting lost, every change seen by the running app.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, SettingsUpdateResult, SettingsView } from '../shared/api';
import type { Settings } from '../shared/settings';
import { startHeadlessConsole, type HeadlessConsole } from '../e2e/support/headless-console';
import { fetchMetrics, httpFamilies } from '../e2e/support/metrics';
import { buildOutput } from './build-output';

const root = join(import.meta.dirname, '..');
const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const client = join(root, 'electron', 'services', 'data-folder-testing.ts');

interface Child {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Node entry (a TypeScript one under tsx). `ready`: it printed "ready" (data-folder-testing.ts). */
function runTs(
  file: string,
  args: string[],
): { ready: Promise<void>; go(): void; done: Promise<Child> } {
  const entry = file.endsWith('.ts') ? [tsxCli, file] : [file];
  const child = spawn(process.execPath, [...entry, ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  child.stdout.on('data', (b: Buffer) => {
    stdout += b.toString();
    if (/^ready$/m.test(stdout)) markReady();
  });
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<Child>((resolve) =>
    child.on('exit', (code) => {
      markReady(); // a client that died before it was ready must not hang the others
      resolve({ code, stdout, stderr });
    }),
  );
  return { ready, go: () => child.stdin.end('go\n'), done };
}

const peakWatch = (dataDir: string, ...args: string[]) =>
  runTs(buildOutput.cli, [...args, '--data-dir', dataDir]).done; // the built CLI a user runs

/** Starts `count` clients and lets them all go at once, when every one of them has loaded. */
async function together(count: number, args: (i: number) => string[]): Promise<Child[]> {
  const runs = Array.from({ length: count }, (_, i) => runTs(client, args(i)));
  await Promise.all(runs.map((r) => r.ready));
  runs.forEach((r) => r.go());
  return Promise.all(runs.map((r) => r.done));
}

async function rpc<T>(app: HeadlessConsole, method: string, payload?: unknown): Promise<T> {
  const url = new URL(app.consoleUrl);
  const res = await fetch(new URL(`/rpc/${method}`, url.origin), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${url.searchParams.get('token') ?? ''}`,
      'x-peak-watch': '1',
      'content-type': 'application/json',
    },
    body: payload === undefined ? '' : JSON.stringify(payload),
  });
  const envelope = (await res.json()) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value;
}

const onDisk = async (dataDir: string) =>
  JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as Settings;

/** Polls until `check` passes or the deadline is over; returns whether it passed. */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the app and the CLI on one data folder', () => {
  let app: HeadlessConsole;
  beforeAll(async () => {
    app = await startHeadlessConsole();
  }, 90_000);
  afterAll(() => app?.stop());

  it('shows a CLI `settings set server.enabled true` in the running app’s /metrics within 2 s', async () => {
    expect(httpFamilies(await fetchMetrics(app.metricsUrl))).toEqual([]);
    const set = await peakWatch(app.dataDir, 'settings', 'set', 'server.enabled', 'true');
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('server.enabled = true');
    const seen = await within(2_000, async () =>
      httpFamilies(await fetchMetrics(app.metricsUrl)).includes(
        'peak_trade_http_in_flight_requests',
      ),
    );
    expect(seen, 'peak_trade_http_* in /metrics after the CLI turned instrumentation on').toBe(
      true,
    );
    const view = await rpc<SettingsView>(app, 'getSettings');
    expect(view.settings.server.enabled).toBe(true);
  });

  it('keeps the CLI’s change when the console saves right after it', async () => {
    const set = await peakWatch(app.dataDir, 'settings', 'set', 'ui.rangeMinutes', '45');
    expect(set.code, set.stderr).toBe(0);
    // At once, before the app may have noticed: its save merges onto the file as it is now.
    const saved = await rpc<SettingsUpdateResult>(app, 'updateSettings', {
      ui: { refreshSeconds: 9 },
    });
    expect(saved.settings.ui).toMatchObject({ rangeMinutes: 45, refreshSeconds: 9 });
    const file = await onDisk(app.dataDir);
    expect(file.ui).toMatchObject({ rangeMinutes: 45, refreshSeconds: 9 });
    expect(file.server.enabled).toBe(true);
  });

  it('keeps both changes of two writers at once, and the app follows both', async () => {
    const [a, b] = await together(2, (i) =>
      i === 0
        ? ['write', app.dataDir, 'stack.scrapeIntervalSeconds', '21', '60']
        : ['write', app.dataDir, 'ui.refreshSeconds', '101', '140'],
    );
    expect(a?.code, a?.stderr).toBe(0);
    expect(b?.code, b?.stderr).toBe(0);
    const file = await onDisk(app.dataDir);
    expect(file.stack.scrapeIntervalSeconds).toBe(60);
    expect(file.ui.refreshSeconds).toBe(140);
    const followed = await within(2_000, async () => {
      const { settings } = await rpc<SettingsView>(app, 'getSettings');
      return settings.stack.scrapeIntervalSeconds === 60 && settings.ui.refreshSeconds === 140;
    });
    expect(followed, 'the running app shows both writers’ last values').toBe(true);
  });
});

describe('a secret read for the first time by two processes at once', () => {
  it('is the same secret in both, so Grafana and the console agree on the password', async () => {
    for (let round = 0; round < 3; round++) {
      const dataDir = await mkdtemp(join(tmpdir(), 'pw-secret-'));
      try {
        const both = await together(2, () => ['secret', dataDir, 'grafana-admin-password']);
        expect(both.map((c) => c.code)).toEqual([0, 0]);
        const [a, b] = both.map((c) => c.stdout.replace('ready', '').trim());
        expect(a).toMatch(/^[\w-]{20,}$/);
        expect(b).toBe(a);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  });
});

describe('bad input from the CLI', () => {
  it('prints the Settings pane’s message for a control character, and exits 1', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pw-cli-'));
    const r = await peakWatch(dataDir, 'settings', 'set', 'server.host', 'a\x7fb');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('server.host: contains a control character (U+007F at position 2)');
    const notes = join(dataDir, 'notes.txt'); // a file, but not a program
    await writeFile(notes, 'prometheus lives elsewhere\n');
    const binary = await peakWatch(dataDir, 'settings', 'set', 'stack.prometheusBinary', notes);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toContain(
      `stack.prometheusBinary: ${notes} is not executable (chmod +x ${notes})`,
    );
    expect(binary.stderr).toMatch(/fix: .*absolute path of the prometheus executable/);
    await rm(dataDir, { recursive: true, force: true });
  });
});
