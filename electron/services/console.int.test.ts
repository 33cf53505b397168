// The whole core as the app uses it: real embedded server, real Prometheus (native runtime,
// Debian's binary), settings changes applied to a running stack, and a Prometheus that dies.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeStackSettings } from '../clients-testing';
import { ConsoleError, type StackProgress } from '../../shared/api';
import { NativeRuntime } from './stack/native/native';
import { createConsole, envFlags, type ConsoleCore } from './console';
import { fetchManaged, PROMETHEUS_BIN, skipWithout, waitFor } from './prometheus/testing';

const skip = skipWithout(PROMETHEUS_BIN);

describe.skipIf(skip)('the console core with a native Prometheus', () => {
  let core: ConsoleCore;
  let dataDir: string;
  let native: NativeRuntime;
  const progress: StackProgress[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-core-'));
    await nativeStackSettings(dataDir, {
      server: { enabled: true },
      stack: { scrapeIntervalSeconds: 1 },
    });
    native = new NativeRuntime({ settings: () => core.settings() });
    core = await createConsole({ dataDir, drivers: { native } });
    core.api.on('stackProgress', (p) => progress.push(p));
  });

  afterAll(async () => {
    await core?.close({ stopStack: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts the stack, reports progress, and the scrape target turns UP', async () => {
    const status = await core.api.startStack();
    expect(status.services.find((s) => s.name === 'prometheus')?.state).toBe('running');
    // Grafana has no binary here: the status says so instead of pretending.
    const grafana = status.services.find((s) => s.name === 'grafana');
    expect(grafana?.state).toBe('unavailable');
    expect(grafana?.detail).toMatch(/Grafana needs Docker/);
    expect(progress.some((p) => p.service === 'prometheus' && p.phase === 'started')).toBe(true);
    const up = await waitFor('peak_trade_web UP', async () => {
      const targets = await core.api.getTargets();
      return targets.find((t) => t.job === 'peak_trade_web' && t.health === 'up');
    });
    expect(up.scrapeUrl).toContain(`:${core.settings().server.port}/metrics`);
  });

  it('reloads Prometheus when the scrape interval changes, and says so', async () => {
    const result = await core.api.updateSettings({ stack: { scrapeIntervalSeconds: 2 } });
    expect(result.applied).toContain('Prometheus reloaded its scrape config');
    const config = await fetchManaged(
      core.dataDir,
      `http://127.0.0.1:${core.settings().stack.prometheusPort}/api/v1/status/config`,
    ).then((r) => r.json() as Promise<{ data: { yaml: string } }>);
    expect(config.data.yaml).toMatch(/scrape_interval: 2s/);
  });

  it('serves queries, then fails them clearly when Prometheus dies, then recovers on start', async () => {
    await core.api.sendTraffic({ requests: 50 });
    await waitFor('peak_trade_http_requests_total in Prometheus', async () => {
      const r = await core.api.query({ query: 'sum(peak_trade_http_requests_total)' });
      return r.resultType === 'vector' && r.result.length ? r : undefined;
    });

    const pid = await native.pid('prometheus', {
      filesDir: core.stack.filesDir,
      dataDir,
      settings: core.settings(),
    });
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL');

    const err = await waitFor('queries to fail', async () => {
      const e = await core.api.query({ query: 'up' }).then(
        () => undefined,
        (x: unknown) => x,
      );
      return e;
    });
    expect(err).toBeInstanceOf(ConsoleError);
    expect((err as ConsoleError).code).toBe('prometheus-unreachable');
    expect((err as ConsoleError).fix).toBeTruthy();
    // The console keeps serving: the embedded server still answers.
    expect((await core.api.getServerStatus()).listening).toBe(true);
    const down = await waitFor('the stack status to notice', async () => {
      const s = await core.api.getStackStatus();
      const prom = s.services.find((x) => x.name === 'prometheus');
      return prom && prom.state !== 'running' ? prom : undefined;
    });
    expect(down.state).toBe('exited');

    await core.api.startStack();
    const back = await waitFor('queries to work again', async () => {
      const r = await core.api.query({ query: 'sum(peak_trade_http_requests_total)' });
      return r.resultType === 'vector' && r.result.length ? r : undefined;
    });
    expect(back.resultType).toBe('vector');
  });

  it('refuses a second start while one is running, with a reason', async () => {
    const first = core.api.stopStack();
    const second = await core.api.startStack().catch((e: unknown) => e);
    await first;
    expect((second as ConsoleError).code).toBe('stack-busy');
  });

  it('keeps serving when asked to move the server to a taken port, and says which port', async () => {
    const busy = await import('node:net').then(
      (net) =>
        new Promise<{ port: number; close: () => void }>((resolve) => {
          const s = net
            .createServer()
            .listen(0, '127.0.0.1', () =>
              resolve({ port: (s.address() as { port: number }).port, close: () => s.close() }),
            );
        }),
    );
    try {
      const before = core.settings().server.port;
      const err = await core.api
        .updateSettings({ server: { port: busy.port } })
        .catch((e: unknown) => e);
      expect((err as ConsoleError).code).toBe('port-in-use');
      expect((err as ConsoleError).message).toContain(String(busy.port));
      expect(core.settings().server.port).toBe(before);
      expect((await core.api.getServerStatus()).listening).toBe(true);
    } finally {
      busy.close();
    }
  });
});

describe('environment flags', () => {
  it('sets enabled and strict from PEAK_TRADE_PROMETHEUS_ENABLED and REQUIRE_PROMETHEUS_CLIENT (1 means on)', () => {
    expect(
      envFlags({ PEAK_TRADE_PROMETHEUS_ENABLED: '1', REQUIRE_PROMETHEUS_CLIENT: '1' }),
    ).toEqual({
      server: { enabled: true, strict: true },
    });
    expect(envFlags({ PEAK_TRADE_PROMETHEUS_ENABLED: '0' })).toEqual({
      server: { enabled: false },
    });
    expect(envFlags({})).toEqual({});
  });
});
