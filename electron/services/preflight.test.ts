// Preflight checks that need no Docker: what the Grafana check says when the runtime cannot run
// Grafana at all, and that port checks never race the probes.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ServerStatus, ServiceStatus } from '../../shared/api';
import { defaultSettings } from '../../shared/settings';
import { runPreflight, type PreflightDeps } from './preflight';
import { ComposeRuntime } from './stack/compose';
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
  it('says Grafana needs Docker when the runtime cannot run it, not "start the stack"', async () => {
    const report = await runPreflight(await deps([unavailable]), 'grafana');
    const check = report.checks[0];
    expect(check?.status).toBe('warn');
    expect(check?.observed).toBe('Grafana needs Docker here: no grafana binary found');
    expect(check?.fix).toContain('Docker runtime');
    expect(check?.fix).not.toMatch(/^Start the stack/);
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
