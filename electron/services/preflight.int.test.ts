// Preflight checks that need no Docker: what the Grafana check says when the runtime cannot run
// Grafana at all, and that port checks never race the probes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerStatus, ServiceStatus } from '../../shared/api';
import { defaultSettings } from '../../shared/settings';
import { runPreflight, type PreflightDeps } from './preflight';
import { PROMETHEUS_BIN, requireBinary } from './prometheus/testing';
import { ComposeRuntime } from './stack/compose/compose';
import { NativeRuntime } from './stack/native/native';
import type { DockerDriver } from './stack/runtime';

function driver(kind: 'docker' | 'native', services: ServiceStatus[]): DockerDriver {
  return {
    kind,
    detect: () => Promise.resolve(kind),
    up: () => Promise.resolve(),
    down: () => Promise.resolve(),
    status: () => Promise.resolve(services),
    logs: () => Promise.resolve([]),
    reload: () => Promise.resolve(),
    cliVersion: () => Promise.resolve('Docker version 28.0.0'),
    engineVersion: () => Promise.resolve('28.0.0'),
  };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function deps(services: ServiceStatus[]): Promise<PreflightDeps> {
  const settings = defaultSettings();
  settings.stack.runtime = 'native';
  settings.stack.grafanaPort = await closedPort();
  settings.stack.prometheusPort = await closedPort();
  return {
    settings,
    server: { listening: false } as ServerStatus,
    stack: { filesDir: '/nonexistent', dataDir: '/nonexistent' },
    drivers: { docker: driver('docker', []), native: driver('native', services) },
    prometheus: {
      ready: () => Promise.reject(new Error('not running')),
      targets: () => Promise.reject(new Error('not running')),
    },
    grafanaUrl: `http://127.0.0.1:${settings.stack.grafanaPort}`,
    loadPromClient: () => import('prom-client'),
  };
}

const unavailable: ServiceStatus = {
  name: 'grafana',
  state: 'unavailable',
  exitCode: null,
  url: 'http://127.0.0.1:3000',
  detail: 'Grafana needs Docker here: no grafana binary found',
};

describe('preflight grafana check', () => {
  it('asks nothing when the runtime cannot run Grafana, and points to the binary check instead of "start the stack"', async () => {
    const report = await runPreflight(await deps([unavailable]), 'grafana');
    const check = report.checks[0];
    // One missing binary is one warning (the grafana-binary check's), not two.
    expect(check?.status).toBe('skipped');
    expect(check?.observed).toBe(
      'Grafana needs Docker here: no grafana binary found (see Grafana binary)',
    );
    expect(check?.fix).not.toMatch(/Start the stack/);
  });

  it('probes Grafana when the runtime can run it', async () => {
    const report = await runPreflight(
      await deps([{ ...unavailable, state: 'stopped' }]),
      'grafana',
    );
    expect(report.checks[0]?.status).toBe('warn');
    expect(report.checks[0]?.observed).toMatch(/not reachable \(connection refused\)/);
  });
});

describe('preflight ordering', () => {
  it('runs port checks before the probes, so a probe sees "refused", never a reset', async () => {
    const d = await deps([{ ...unavailable, state: 'stopped' }]);
    for (let i = 0; i < 5; i++) {
      const report = await runPreflight(d);
      const grafana = report.checks.find((c) => c.id === 'grafana');
      expect(grafana?.observed).not.toContain('ECONNRESET');
      expect(report.checks.map((c) => c.id).slice(0, 3)).toEqual([
        'docker-cli',
        'compose',
        'docker-engine',
      ]);
    }
  });
});

describe('preflight finds Docker the way Start does', () => {
  it("asks the compose driver's own CLI: a driver pointed at a missing docker fails every Docker check", async () => {
    const d = await deps([]);
    d.settings.stack.runtime = 'docker';
    d.drivers.docker = new ComposeRuntime({ dockerPath: '/nonexistent/peak-watch/docker' });
    const report = await runPreflight(d, ['docker-cli', 'docker-engine']);
    for (const check of report.checks) {
      expect(check.status, check.id).toBe('fail');
      expect(check.observed).toContain('/nonexistent/peak-watch/docker');
      expect(check.fix).toMatch(/native runtime/);
    }
  });

  it('refuses an unknown check id with a ConsoleError', async () => {
    const err = await runPreflight(await deps([]), 'no-such-check').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid-request' });
    expect((err as Error).message).toMatch(/known: docker-cli/);
  });
});

describe('preflight names the binaries the native runtime would run', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  /** A folder for PATH holding a stand-in that prints a recorded version line. */
  async function pathWith(name: string, script: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'pw-bin-'));
    dirs.push(dir);
    await writeFile(join(dir, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    return dir;
  }

  async function native(path: string): Promise<PreflightDeps> {
    const d = await deps([]);
    d.settings.stack.prometheusBinary = PROMETHEUS_BIN;
    d.drivers.native = new NativeRuntime({ settings: () => d.settings, env: { PATH: path } });
    return d;
  }

  it('shows where the Prometheus binary is, with its version', async () => {
    requireBinary(PROMETHEUS_BIN);
    const report = await runPreflight(await native('/nonexistent'), 'prometheus-binary');
    expect(report.checks[0]).toMatchObject({ status: 'ok' });
    expect(report.checks[0]?.observed).toMatch(
      new RegExp(`^prometheus 2\\.\\d+\\.\\d+ at ${PROMETHEUS_BIN}$`),
    );
  });

  it('shows the grafana (or grafana-server -v) on PATH and its version', async () => {
    const grafana = await pathWith(
      'grafana',
      '[ "$1" = --version ] && echo "grafana version 11.2.0"',
    );
    let report = await runPreflight(await native(grafana), 'grafana-binary');
    expect(report.checks[0]).toMatchObject({
      status: 'ok',
      observed: `grafana 11.2.0 at ${join(grafana, 'grafana')}`,
    });
    const legacy = await pathWith(
      'grafana-server',
      '[ "$1" = -v ] && echo "Version 9.5.2 (commit: cfcea75916, branch: HEAD)"',
    );
    report = await runPreflight(await native(legacy), 'grafana-binary');
    expect(report.checks[0]?.observed).toBe(`grafana 9.5.2 at ${join(legacy, 'grafana-server')}`);
  });

  it('warns "not found — Grafana needs Docker here" without one', async () => {
    const report = await runPreflight(await native('/nonexistent'), 'grafana-binary');
    const check = report.checks[0];
    expect(check?.status).toBe('warn');
    expect(check?.observed).toMatch(/^not found — Grafana needs Docker here/);
    expect(check?.fix).toContain('Docker runtime');
  });
});

describe('preflight scrape-target check follows the job', () => {
  it('names and filters by settings.source.job, the job the managed stack scrapes', async () => {
    const d = await deps([]);
    d.settings.source.job = 'peak_trade_uvicorn';
    const target = (job: string, health: string) => ({
      job,
      instance: '127.0.0.1:8000',
      health,
      lastError: '',
    });
    d.prometheus = {
      ready: () => Promise.resolve(),
      targets: () =>
        Promise.resolve([target('peak_trade_web', 'down'), target('peak_trade_uvicorn', 'up')]),
    } as unknown as PreflightDeps['prometheus'];
    const check = (await runPreflight(d, 'scrape-target')).checks[0];
    expect(check?.title).toBe('Scrape target peak_trade_uvicorn UP');
    expect(check?.status).toBe('ok');
    expect(check?.observed).toBe('127.0.0.1:8000 up');
  });
});
