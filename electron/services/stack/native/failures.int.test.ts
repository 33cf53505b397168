// How the native runtime fails and recovers: a taken port, a config the real Prometheus rejects,
// a stand-in prometheus that never gets ready and ignores SIGTERM, a Grafana stand-in, and quit.
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StackProgress } from '../../../../shared/api';

import { PROMETHEUS_BIN, requireBinary, skipWithout } from '../../prometheus/testing';
import { SecretStore } from '../../secrets';
import { STACK_PATHS } from '../files';
import { NativeRuntime } from './native';
import {
  GRAFANA_TEST_PASSWORD,
  makeNativeStack,
  rejection,
  writeGrafanaStandIn,
  writeStandIn,
  type NativeStack,
} from './testing';
import { managedPrometheus, prometheusAuth } from '../runtime';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function stackWith(bins: Record<string, string>, patch = {}): Promise<NativeStack> {
  const stack = await makeNativeStack(patch, bins);
  cleanups.push(stack.cleanup);
  return stack;
}

function runtimeFor(
  stack: NativeStack,
  opts: { readyTimeoutMs?: number; stopTimeoutMs?: number } = {},
): NativeRuntime {
  const runtime = new NativeRuntime({
    env: stack.env,
    settings: () => stack.ctx.settings,
    ...opts,
  });
  cleanups.push(() => runtime.down(stack.ctx, () => undefined));
  return runtime;
}

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(skipWithout(PROMETHEUS_BIN))(
  'native start-up failures with the real prometheus',
  () => {
    it('refuses a taken Prometheus port before starting, naming the port', async () => {
      requireBinary(PROMETHEUS_BIN);
      const stack = await stackWith({ prometheus: PROMETHEUS_BIN });
      const blocker: Server = createServer();
      await new Promise<void>((r) =>
        blocker.listen(stack.ctx.settings.stack.prometheusPort, '127.0.0.1', r),
      );
      cleanups.push(() => new Promise<void>((r) => blocker.close(() => r())));
      const events: StackProgress[] = [];
      const err = await rejection(runtimeFor(stack).up(stack.ctx, (p) => events.push(p)));
      expect(err.code).toBe('port-in-use');
      expect(err.message).toContain(`Port ${stack.ctx.settings.stack.prometheusPort} is taken`);
      expect(err.fix).toMatch(/another Prometheus port in Settings/);
      expect(events.at(-1)).toMatchObject({ service: 'prometheus', phase: 'failed' });
    });

    it('reports a config Prometheus rejects with its exit code and log tail', async () => {
      requireBinary(PROMETHEUS_BIN);
      const stack = await stackWith({ prometheus: PROMETHEUS_BIN });
      await writeFile(
        join(stack.ctx.filesDir, STACK_PATHS.prometheusNativeConfig),
        'scrape_configs: [ {',
      );
      const runtime = runtimeFor(stack);
      const err = await rejection(runtime.up(stack.ctx, () => undefined));
      expect(err.code).toBe('prometheus-exited');
      expect(err.message).toMatch(/exited with code 2 during start-up/);
      expect(err.message).toMatch(/Error loading config/i);
      expect(err.fix).toMatch(/promtool check config/);
      expect((await runtime.status(stack.ctx))[0]).toMatchObject({ state: 'exited', exitCode: 2 });
    });

    it('starts a Grafana stand-in binary with the provisioning, password and port from the files', async () => {
      requireBinary(PROMETHEUS_BIN);
      const root = (await stackWith({})).root;
      const seen = join(root, 'grafana-env.json');
      // Serves /api/health where Grafana would, and records what it was started with.
      const { home, binary: grafana } = await writeGrafanaStandIn(
        root,
        `const http = require('node:http');
       const fs = require('node:fs');
       const e = process.env;
       fs.writeFileSync(${JSON.stringify(seen)}, JSON.stringify({ argv: process.argv.slice(2), e }));
       http.createServer((q, s) => { s.setHeader('content-type', 'application/json');
         s.end(JSON.stringify({ database: 'ok', version: '0.0.0-stand-in' })); })
         .listen(Number(e.GF_SERVER_HTTP_PORT), e.GF_SERVER_HTTP_ADDR);`,
      );
      const stack = await stackWith({ prometheus: PROMETHEUS_BIN, grafana });
      const runtime = runtimeFor(stack);
      // An existing source's credential, which Grafana's datasource reads from its environment.
      await new SecretStore(stack.ctx.dataDir).set('source-credential', 'Source-Cred.4nZ8');
      const events: StackProgress[] = [];
      await runtime.up(stack.ctx, (p) => events.push(p));
      expect(events.filter((p) => p.service === 'grafana').map((p) => p.phase)).toEqual([
        'starting',
        'started',
      ]);
      const { argv, e } = JSON.parse(await readFile(seen, 'utf8')) as {
        argv: string[];
        e: Record<string, string>;
      };
      expect(argv).toEqual([
        'server',
        '--homepath',
        home,
        `cfg:default.paths.data=${join(stack.ctx.dataDir, 'native', 'grafana')}`,
      ]);
      expect(e).toMatchObject({
        // What the provisioned datasource's $__env{…} reads: the Prometheus password.
        PEAK_WATCH_PROMETHEUS_PASSWORD: (await prometheusAuth(stack.ctx.dataDir)).password,
        PEAK_WATCH_SOURCE_CREDENTIAL: 'Source-Cred.4nZ8',
        GF_SECURITY_ADMIN_PASSWORD: GRAFANA_TEST_PASSWORD,
        GF_SERVER_HTTP_ADDR: '127.0.0.1',
        GF_SERVER_HTTP_PORT: String(stack.ctx.settings.stack.grafanaPort),
        GF_PATHS_PROVISIONING: join(stack.ctx.filesDir, 'grafana', 'provisioning-native'),
        GF_AUTH_ANONYMOUS_ENABLED: 'false',
        GF_ANALYTICS_REPORTING_ENABLED: 'false',
        GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
        GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES: 'false',
        GF_SECURITY_COOKIE_SAMESITE: 'strict',
      });
      const status = await runtime.status(stack.ctx);
      expect(status.map((s) => s.state)).toEqual(['running', 'running']);
      await runtime.down(stack.ctx, () => undefined);
      expect((await runtime.status(stack.ctx)).map((s) => s.state)).toEqual(['stopped', 'stopped']);
    });

    it('outlives the runtime that started it, and a new runtime adopts and stops it', async () => {
      requireBinary(PROMETHEUS_BIN);
      const stack = await stackWith({ prometheus: PROMETHEUS_BIN });
      const first = new NativeRuntime({ env: stack.env, settings: () => stack.ctx.settings });
      await first.up(stack.ctx, () => undefined);
      const pid = (await first.pid('prometheus', stack.ctx)) ?? 0;
      expect(pidAlive(pid)).toBe(true);
      // A second runtime (another app, the CLI) knows nothing in memory, only the state file.
      const second = runtimeFor(stack);
      expect((await second.status(stack.ctx))[0]).toMatchObject({ state: 'running' });
      const events: StackProgress[] = [];
      await second.up(stack.ctx, (p) => events.push(p));
      expect(events[0]?.message).toMatch(new RegExp(`pid ${pid}, started by`));
      await second.down(stack.ctx, () => undefined);
      expect(pidAlive(pid)).toBe(false);
      const client = managedPrometheus(stack.ctx);
      expect((await rejection(client.ready())).code).toBe('prometheus-unreachable');
      await client.close();
    });
  },
);

describe('a prometheus stand-in that never gets ready and ignores SIGTERM', () => {
  it('times out with its log tail, then is killed with SIGKILL', async () => {
    const root = (await stackWith({})).root;
    const standIn = await writeStandIn(
      join(root, 'hanging-prometheus'),
      `process.on('SIGTERM', () => console.error('stand-in: ignoring SIGTERM'));
       console.error('stand-in: loading a very large WAL');
       setInterval(() => {}, 1000);`,
    );
    const stack = await stackWith({ prometheus: standIn });
    const runtime = runtimeFor(stack, { readyTimeoutMs: 800, stopTimeoutMs: 300 });
    const started = Date.now();
    const err = await rejection(runtime.up(stack.ctx, () => undefined));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(err.code).toBe('prometheus-start-timeout');
    expect(err.message).toMatch(/did not become ready within 0.8 s/);
    expect(err.message).toContain('stand-in: loading a very large WAL');
    const logs = await runtime.logs(stack.ctx, 'prometheus', 20);
    expect(logs.join('\n')).toMatch(/sending SIGKILL/);
    expect((await runtime.status(stack.ctx))[0]).toMatchObject({ state: 'stopped' });
  });
});
