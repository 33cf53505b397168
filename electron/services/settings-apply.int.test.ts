// What a settings change runs: the plan for each kind of change, and the real core (real
// embedded server on loopback) when its port is taken by another program.
import { createServer, type Server } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleError } from '../../shared/errors';
import type { PreflightReport } from '../../shared/api';
import { applySettingsPatch, defaultSettings, type SettingsPatch } from '../../shared/settings';
import { createConsole, type ConsoleCore } from './console';
import { planSettingsChange, type PlanContext } from './settings-plan';
import { SettingsStore } from './settings-store';
import { freePort, waitFor } from './prometheus/testing';

const serving: PlanContext = { serving: true, listening: true };
const plan = (patch: SettingsPatch, ctx: PlanContext = serving) =>
  planSettingsChange(defaultSettings(), applySettingsPatch(defaultSettings(), patch), ctx);

describe('what a settings change runs', () => {
  it('flips only the flags for the instrumentation switch: no rebind, no stack work', () => {
    expect(plan({ server: { enabled: true } })).toEqual({
      server: 'keep',
      serverFlags: { enabled: true },
      prometheusClient: false,
      stack: false,
    });
    expect(plan({ server: { strict: true } }).serverFlags).toEqual({ strict: true });
  });

  it('rebinds the server when its port or host changes, and rewrites the scrape target', () => {
    expect(plan({ server: { port: 8123 } })).toMatchObject({ server: 'rebind', stack: true });
    expect(plan({ server: { host: 'localhost' } })).toMatchObject({ server: 'rebind' });
  });

  it('rewrites the rules file (and reloads a running Prometheus) when an alert setting changes', () => {
    expect(plan({ alerts: { latencyP95Seconds: 0.5 } })).toMatchObject({
      server: 'keep',
      stack: true,
    });
    expect(plan({ alerts: { muted: ['PeakTradeTargetDown'] } }).stack).toBe(true);
  });

  it("rewrites the stack's files when the source changes (Grafana's datasource) or its job does (scrape configs, rules, dashboard)", () => {
    const existing = { kind: 'existing', url: 'http://127.0.0.1:8428', auth: 'none' } as const;
    expect(plan({ source: existing }).stack).toBe(true);
    expect(plan({ source: { job: 'peak_trade_uvicorn' } }).stack).toBe(true);
    expect(plan({ ui: { refreshSeconds: 5 } }).stack).toBe(false);
  });

  it('never binds the server in a process that does not serve (the CLI)', () => {
    const cli = { serving: false, listening: false, namesAddress: true };
    expect(plan({ server: { port: 8123 } }, cli).server).toBe('readdress');
    expect(plan({ stack: { runtime: 'native' } }, cli).server).toBe('keep');
  });

  it('tries the address again only when a change names it and the server is not listening', () => {
    const down = { serving: true, listening: false };
    expect(plan({ ui: { refreshSeconds: 5 } }, down).server).toBe('keep');
    expect(plan({ server: { enabled: true } }, down).server).toBe('keep');
    expect(plan({ server: { port: 8000 } }, { ...down, namesAddress: true }).server).toBe('rebind');
  });

  it('makes a new Prometheus client for a new Prometheus port, and hands stack fields to the stack', () => {
    expect(plan({ stack: { prometheusPort: 9099 } })).toMatchObject({
      prometheusClient: true,
      stack: true,
      server: 'keep',
    });
    expect(plan({ stack: { scrapeIntervalSeconds: 3 } })).toMatchObject({
      prometheusClient: false,
      stack: true,
    });
  });

  it('hands an alert threshold to the stack, which rewrites the rules file and reloads', () => {
    expect(plan({ alerts: { errorRatio: 0.2 } })).toMatchObject({ server: 'keep', stack: true });
  });

  it('runs nothing for a display-only change', () => {
    expect(plan({ ui: { rangeMinutes: 60 } })).toEqual({
      server: 'keep',
      serverFlags: null,
      prometheusClient: false,
      stack: false,
    });
  });
});

describe('a server port taken by another program', () => {
  let busy: Server;
  let core: ConsoleCore | undefined;
  let dataDir: string;

  async function takenPort(): Promise<number> {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    return (busy.address() as { port: number }).port;
  }

  async function consoleOn(port: number, serve: boolean): Promise<ConsoleCore> {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-apply-'));
    const store = new SettingsStore(dataDir);
    await store.load();
    await store.update({ server: { port }, stack: { runtime: 'native' } });
    core = await createConsole({ dataDir, serve });
    return core;
  }

  afterEach(async () => {
    await core?.close();
    core = undefined;
    busy?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('does not block unrelated changes: flags and display settings still save', async () => {
    const c = await consoleOn(await takenPort(), true);
    expect(c.server().status().listening).toBe(false);
    const result = await c.api.updateSettings({
      server: { enabled: true },
      ui: { refreshSeconds: 5 },
    });
    expect(result.applied).toEqual(['instrumentation on']);
    expect(result.settings.ui.refreshSeconds).toBe(5);
    expect(c.server().status().enabled).toBe(true);
  });

  it('refuses a move onto it, saving nothing of that change', async () => {
    const port = await takenPort();
    const c = await consoleOn(await freePort(), true);
    expect(c.server().status().listening).toBe(true);
    const before = await readFile(join(dataDir, 'settings.json'), 'utf8');
    const err = await c.api
      .updateSettings({ server: { port }, ui: { refreshSeconds: 7 } })
      .catch((e: unknown) => e);
    expect((err as ConsoleError).code).toBe('port-in-use');
    expect(await readFile(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
    expect(c.settings().ui.refreshSeconds).not.toBe(7);
    expect(c.server().status().listening).toBe(true);
  });

  it('lets the CLI (which serves nothing) change the runtime while another program holds the port', async () => {
    const c = await consoleOn(await takenPort(), false);
    await c.api.updateSettings({ stack: { runtime: 'docker' } });
    await c.api.updateSettings({ server: { port: (busy.address() as { port: number }).port } });
    expect(c.settings().stack.runtime).toBe('docker');
    expect(c.server().status().listening).toBe(false);
  });

  it('follows a port change another process wrote, and stays put with a warning when that port is taken', async () => {
    const c = await consoleOn(await freePort(), true);
    const elsewhere = new SettingsStore(dataDir);
    await elsewhere.load();
    const moved = await freePort();
    await elsewhere.update({ server: { port: moved } });
    await waitFor('the server to move', () =>
      Promise.resolve(
        c.server().status().listening && c.server().status().port === moved ? true : undefined,
      ),
    );
    const taken = await takenPort();
    await elsewhere.update({ server: { port: taken } });
    const view = await waitFor('a warning', async () => {
      const v = await c.api.getSettings();
      return v.warnings.length ? v : undefined;
    });
    expect(view.warnings[0]).toMatch(
      new RegExp(`moves the server to 127\\.0\\.0\\.1:${taken}, but .*${taken}`),
    );
    expect(view.warnings[0]).toContain(`keeps serving at http://127.0.0.1:${moved}`);
    expect(c.server().status()).toMatchObject({ listening: true, port: moved });
  });
});

describe('moving the server to another address on the same port', () => {
  let core: ConsoleCore | undefined;
  let other: Server | undefined;
  let dataDir: string;

  afterEach(async () => {
    await core?.close();
    core = undefined;
    other?.close();
    other = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  async function serveOn(port: number): Promise<ConsoleCore> {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-move-'));
    const store = new SettingsStore(dataDir);
    await store.load();
    await store.update({ server: { port }, stack: { runtime: 'native' } });
    core = await createConsole({ dataDir, serve: true });
    return core;
  }

  it('moves from 127.0.0.1 to 0.0.0.0 and back on one port without "already in use"', async () => {
    const port = await freePort();
    const c = await serveOn(port);
    expect(c.server().status()).toMatchObject({ listening: true, host: '127.0.0.1', port });
    const out = await c.api.updateSettings({ server: { host: '0.0.0.0' } });
    expect(out.applied).toContain(`server moved to ${c.server().status().url}`);
    expect(c.server().status()).toMatchObject({ listening: true, host: '0.0.0.0', port });
    await c.api.updateSettings({ server: { host: '127.0.0.1' } });
    expect(c.server().status()).toMatchObject({ listening: true, host: '127.0.0.1', port });
    const reply = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(reply.status).toBe(200);
  });

  it('keeps serving at the old address when another program holds the port at the new one', async () => {
    const port = await freePort();
    const c = await serveOn(port);
    // 127.0.0.2 and 127.0.0.1 can share a port; 0.0.0.0 cannot be bound while either is.
    other = createServer();
    await new Promise<void>((r) => other!.listen(port, '127.0.0.2', () => r()));
    const err = await c.api
      .updateSettings({ server: { host: '0.0.0.0' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsoleError);
    expect((err as ConsoleError).code).toBe('port-in-use');
    expect((err as ConsoleError).message).toContain(
      `Port ${port} on 0.0.0.0 is already in use; it keeps serving at http://127.0.0.1:${port}`,
    );
    expect(c.server().status()).toMatchObject({ listening: true, host: '127.0.0.1', port });
    expect(c.settings().server.host).toBe('127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
  });
});

describe('preflight after a settings change', () => {
  let core: ConsoleCore | undefined;
  let dataDir: string;

  afterEach(async () => {
    await core?.close();
    core = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('re-runs the prom-client check and pushes it when only server.strict changes', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-recheck-'));
    const store = new SettingsStore(dataDir);
    await store.load();
    await store.update({ server: { port: await freePort() }, stack: { runtime: 'native' } });
    // prom-client missing: strict turns the check from a warning into a failure.
    core = await createConsole({
      dataDir,
      serve: true,
      loadPromClient: () => Promise.reject(new Error('Cannot find module prom-client')),
    });
    const pushed = new Promise<PreflightReport>((resolve, reject) => {
      setTimeout(() => reject(new Error('no preflight event with prom-client in 10 s')), 10_000);
      core!.api.on('preflight', (report) => {
        if (report.checks.some((c) => c.id === 'prom-client')) resolve(report);
      });
    });
    await core.api.updateSettings({ server: { strict: true } });
    const report = await pushed;
    expect(report.checks.map((c) => c.id)).toEqual(['prom-client']);
    expect(report.checks[0]).toMatchObject({ status: 'fail' });
    expect(report.checks[0]?.observed).toContain('answers 503 (strict)');
  });
});
