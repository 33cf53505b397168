// One data folder, one native stack, many clients — all real processes: the headless console
// (the app without a window) holds the server port while the peak-watch CLI starts, reads and
// stops the stack; Debian's prometheus runs detached and outlives whoever started it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsUpdateResult, StackStatus } from '../shared/api';
import {
  nativePrometheusPid,
  nativeStackSettings,
  peakWatch,
  prometheusOf,
  startHeadless,
  type HeadlessApp,
} from './clients-testing';
import { pidAlive } from './services/stack/process-identity';
import {
  fetchManaged,
  PROMETHEUS_BIN,
  requireBinary,
  skipWithout,
  waitFor,
} from './services/prometheus/testing';

describe.skipIf(skipWithout(PROMETHEUS_BIN))('the app and the CLI on one data folder', () => {
  let dataDir: string;
  let app: HeadlessApp | null = null;
  let prom = '';
  /** Every app and Prometheus pid this file started: none may outlive it. */
  const started = new Set<number>();
  const headless = async (): Promise<HeadlessApp> => {
    const next = await startHeadless(dataDir);
    started.add(next.pid);
    return next;
  };
  const cli = (...args: string[]) => peakWatch([...args, '--data-dir', dataDir]);
  const ready = () =>
    fetchManaged(dataDir, `${prom}/-/ready`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
  const statePid = () => nativePrometheusPid(dataDir);

  beforeAll(async () => {
    requireBinary(PROMETHEUS_BIN);
    dataDir = await mkdtemp(join(tmpdir(), 'pw-clients-'));
    // Native from the start: the app picking up a runtime the CLI changes is the settings
    // store's job (settings-store tests), tested there; here the stack is under test.
    const prometheusPort = await nativeStackSettings(dataDir, {
      server: { enabled: true },
      stack: { scrapeIntervalSeconds: 1, onQuit: 'leave' },
    });
    prom = `http://127.0.0.1:${prometheusPort}`;
    app = await headless();
  }, 90_000);

  afterAll(async () => {
    await app?.kill();
    cli('stack', 'down');
    for (const pid of started) {
      if (await pidAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('stack up --runtime native works while the app holds the server port, and outlives the CLI', async () => {
    const shown = app!.nextEvent(
      'stackStatus',
      (s) => prometheusOf(s)?.state === 'running',
      30_000,
    );
    const up = cli('stack', 'up', '--runtime', 'native');
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/prometheus: started/);
    started.add(await statePid());
    // The CLI has exited; the Prometheus it started has not.
    expect(await ready()).toBe(true);
    // The app was told, without anyone asking it.
    const status = await shown;
    expect(status.runtime).toBe('native');
    expect(status.canStart).toMatchObject({ ok: false, reason: 'Already running' });
  }, 90_000);

  it('a second CLI call sees it running', () => {
    const status = cli('stack', 'status');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/prometheus +running/);
  });

  it('a cross-site POST /-/quit leaves Prometheus up (no password, and no lifecycle API)', async () => {
    const quit: RequestInit = {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
      body: 'bye',
    };
    // A page cannot know the password: refused before any handler runs.
    expect((await fetch(`${prom}/-/quit`, quit)).status).toBe(401);
    // Even with it, the lifecycle API is off.
    expect((await fetchManaged(dataDir, `${prom}/-/quit`, quit)).status).toBe(403);
    expect(await ready()).toBe(true);
  });

  it('gives a foreign origin no Access-Control-Allow-Origin on /api/v1/query', async () => {
    const res = await fetchManaged(dataDir, `${prom}/api/v1/query?query=up`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a scrape-interval change in the app reaches /api/v1/status/config (SIGHUP, confirmed)', async () => {
    const result = await app!.call<SettingsUpdateResult>('updateSettings', {
      stack: { scrapeIntervalSeconds: 3 },
    });
    expect(result.applied).toContain('Prometheus reloaded its scrape config');
    const config = (await (await fetchManaged(dataDir, `${prom}/api/v1/status/config`)).json()) as {
      data: { yaml: string };
    };
    expect(config.data.yaml).toMatch(/scrape_interval: 3s/);
  }, 30_000);

  it('the app killed with SIGKILL: the next app adopts the running Prometheus', async () => {
    const pid = await statePid();
    started.add(pid);
    const killed = app!;
    await killed.kill('SIGKILL');
    // The app itself is gone (not only a wrapper): its pid and its console are.
    expect(await pidAlive(killed.pid)).toBe(false);
    const gone = await fetch(killed.base, { signal: AbortSignal.timeout(2_000) }).then(
      () => false,
      () => true,
    );
    expect(gone).toBe(true);
    expect(await ready()).toBe(true);
    app = await headless();
    const status = await app.call<StackStatus>('getStackStatus');
    expect(prometheusOf(status)?.state).toBe('running');
    expect(await statePid()).toBe(pid);
    // The server port the killed app held is free again: the next app serves on it.
    const server = await app.call<{ listening: boolean }>('getServerStatus');
    expect(server.listening).toBe(true);
  }, 90_000);

  it('a second Start while one runs fails fast, naming who holds the stack', async () => {
    const holder = spawn('sleep', ['30']);
    try {
      await writeFile(
        join(dataDir, 'stack.lock'),
        JSON.stringify({
          pid: holder.pid,
          client: 'peak-watch CLI',
          action: 'starting',
          since: new Date().toISOString(),
        }),
      );
      const second = cli('stack', 'up');
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`being started by peak-watch CLI, pid ${holder.pid}`);
    } finally {
      holder.kill();
      await rm(join(dataDir, 'stack.lock'), { force: true });
    }
  }, 30_000);

  it('stack down from the CLI ends it, and the app shows it stopped', async () => {
    const pid = await statePid();
    const shown = app!.nextEvent(
      'stackStatus',
      (s) => prometheusOf(s)?.state === 'stopped',
      30_000,
    );
    const down = cli('stack', 'down');
    expect(down.code, down.stderr).toBe(0);
    expect(await pidAlive(pid)).toBe(false);
    expect(await ready()).toBe(false);
    expect((await shown).canStart.ok).toBe(true);
  }, 60_000);

  it('a stale state file (dead pid, or a pid of another program) is never adopted nor signalled', async () => {
    const file = join(dataDir, 'native', 'prometheus.state.json');
    const other = spawn('sleep', ['30']);
    const dead = spawn('true');
    await new Promise((r) => dead.once('exit', r));
    try {
      for (const pid of [dead.pid, other.pid]) {
        await writeFile(
          file,
          JSON.stringify({
            pid,
            port: 1,
            startedAt: new Date().toISOString(),
            configHash: '',
            binary: PROMETHEUS_BIN,
            args: [`--config.file=${join(dataDir, 'stack', 'prometheus.native.yml')}`],
            startedBy: { client: 'peak-watch CLI', pid: 1 },
          }),
        );
        const status = cli('stack', 'status');
        expect(status.stdout).toMatch(/prometheus +stopped/);
        expect(cli('stack', 'down').code).toBe(0);
      }
      expect(other.exitCode).toBeNull(); // the other program was not killed
      const up = cli('stack', 'up');
      expect(up.code, up.stderr).toBe(0);
      started.add(await statePid());
      expect(await statePid()).not.toBe(other.pid);
      await waitFor('prometheus ready', async () => ((await ready()) ? true : undefined));
    } finally {
      other.kill();
    }
  }, 90_000);
});

describe.skipIf(skipWithout(PROMETHEUS_BIN))('peak-watch settings set with no app running', () => {
  let dataDir: string;
  let prom = '';
  let pid = 0;
  const cli = (...args: string[]) => peakWatch([...args, '--data-dir', dataDir]);

  beforeAll(async () => {
    requireBinary(PROMETHEUS_BIN);
    dataDir = await mkdtemp(join(tmpdir(), 'pw-cli-apply-'));
    const prometheusPort = await nativeStackSettings(dataDir, {
      stack: { scrapeIntervalSeconds: 1 },
    });
    prom = `http://127.0.0.1:${prometheusPort}`;
  });

  afterAll(async () => {
    cli('stack', 'down');
    if (pid && (await pidAlive(pid))) process.kill(pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('reloads the running Prometheus with the new scrape interval, and says so', async () => {
    const up = cli('stack', 'up');
    expect(up.code, up.stderr).toBe(0);
    pid = await nativePrometheusPid(dataDir);
    const set = cli('settings', 'set', 'stack.scrapeIntervalSeconds', '4');
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('stack.scrapeIntervalSeconds = 4');
    expect(set.stdout).toContain('applied: Prometheus reloaded its scrape config');
    const config = (await (await fetchManaged(dataDir, `${prom}/api/v1/status/config`)).json()) as {
      data: { yaml: string };
    };
    expect(config.data.yaml).toMatch(/scrape_interval: 4s/);
  }, 90_000);
});
