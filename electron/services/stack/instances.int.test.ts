// Two instances of the watched app in one job, on real parts: the real /usr/bin/prometheus (native
// runtime) scrapes one embedded MetricsServer from prometheus.yml and a second one added as an
// instance through instances.json, with no reload. The dashboard's instance variable then lists
// both and a panel query with one instance chosen answers for that instance only.
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PANELS,
  SCRAPE_JOB,
  VARIABLES,
  defaultVariableValues,
  type VariableValues,
} from '../../../shared/dashboard';
import { interpolateQuery } from '../../../shared/interpolate';
import { applySettingsPatch } from '../../../shared/settings';
import { MetricsServer } from '../metrics-server';
import type { PrometheusClient } from '../prometheus';
import { PROMETHEUS_BIN, requireBinary, skipWithout, waitFor } from '../prometheus/testing';
import { STACK_PATHS, writeStackFiles } from './files';
import { NativeRuntime } from './native/native';
import { GRAFANA_TEST_PASSWORD, makeNativeStack, type NativeStack } from './native/testing';
import { managedPrometheus, prometheusAuth } from './runtime';

const SCRAPE_SECONDS = 1;

function startServer(): Promise<MetricsServer> {
  const server = new MetricsServer({
    host: '127.0.0.1',
    port: 0,
    enabled: true,
    strict: false,
    token: null,
  });
  return server.start().then(() => server);
}

const targetOf = (server: MetricsServer): string => `127.0.0.1:${server.address?.port ?? 0}`;

async function send(base: string, path: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await (await fetch(base + path)).arrayBuffer();
}

describe.skipIf(skipWithout(PROMETHEUS_BIN))('two instances of the app in one job', () => {
  let first: MetricsServer;
  let second: MetricsServer;
  let stack: NativeStack;
  let runtime: NativeRuntime;
  let client: PrometheusClient;
  const configLoads = async (): Promise<number> =>
    (await runtime.logs(stack.ctx, 'prometheus', 5000)).filter((l) =>
      l.includes('Completed loading of configuration file'),
    ).length;

  beforeAll(async () => {
    requireBinary(PROMETHEUS_BIN);
    first = await startServer();
    second = await startServer();
    stack = await makeNativeStack(
      {
        server: { port: first.address?.port ?? 0, enabled: true },
        stack: { scrapeIntervalSeconds: SCRAPE_SECONDS },
      },
      { prometheus: PROMETHEUS_BIN },
    );
    runtime = new NativeRuntime({
      env: stack.env,
      settings: () => stack.ctx.settings,
      stopTimeoutMs: 5_000,
    });
    client = managedPrometheus(stack.ctx);
    await runtime.up(stack.ctx, () => undefined);
  });

  let guarded: Server | undefined;

  afterAll(async () => {
    await new Promise((r) => (guarded ? guarded.close(r) : r(null)));
    await runtime?.down(stack.ctx, () => undefined);
    await client?.close();
    await first?.stop();
    await second?.stop();
    await stack?.cleanup();
  });

  it('an instance added to instances.json is scraped in the app job without a reload', async () => {
    await waitFor('the embedded server UP', async () =>
      (await client.targets()).find((t) => t.job === SCRAPE_JOB && t.health === 'up'),
    );
    const loadsBefore = await configLoads();
    expect(loadsBefore).toBeGreaterThan(0);

    stack.ctx.settings = applySettingsPatch(stack.ctx.settings, {
      stack: { instances: [{ target: targetOf(second), tokenFile: '' }] },
    });
    const written = await writeStackFiles(stack.ctx.filesDir, {
      settings: stack.ctx.settings,
      platform: process.platform,
      grafanaPassword: GRAFANA_TEST_PASSWORD,
      prometheusPassword: (await prometheusAuth(stack.ctx.dataDir)).password,
      serverToken: null,
    });
    // Only the target files changed: nothing tells Prometheus to reload.
    expect(written.changed.sort()).toEqual([STACK_PATHS.instancesNative, STACK_PATHS.instances]);
    expect(written.prometheusConfigChanged).toBe(false);

    const both = await waitFor('both instances UP in the app job', async () => {
      const mine = (await client.targets()).filter(
        (t) => t.job === SCRAPE_JOB && t.health === 'up',
      );
      return mine.length === 2 ? mine : undefined;
    });
    expect(both.map((t) => t.instance).sort()).toEqual([targetOf(first), targetOf(second)].sort());
    // Prometheus found the second one by itself: it loaded its configuration no further time.
    expect(await configLoads()).toBe(loadsBefore);
  });

  it('the instance variable lists both; one chosen, a panel answers for that instance only', async () => {
    // /api/status only on the first, /api/runs only on the second, a scrape apart, twice.
    for (let i = 0; i < 3; i++) {
      await send(`http://${targetOf(first)}`, '/api/status', 5);
      await send(`http://${targetOf(second)}`, '/api/runs', 5);
      await new Promise((r) => setTimeout(r, SCRAPE_SECONDS * 1000 + 200));
    }
    const values = (over: Partial<VariableValues>): VariableValues => ({
      ...defaultVariableValues(),
      window: ['1m'],
      ...over,
    });
    const instanceVar = VARIABLES.find((v) => v.name === 'instance');
    if (instanceVar?.kind !== 'query') throw new Error('no instance query variable');
    const listed = await waitFor('both instances in the label values', async () => {
      const found = await client.labelValues(
        instanceVar.labelName,
        interpolateQuery(instanceVar.metric, values({})),
      );
      return found.length === 2 ? found : undefined;
    });
    expect(listed.sort()).toEqual([targetOf(first), targetOf(second)].sort());

    const byRoute = PANELS.find((p) => p.key === 'rps_by_route');
    if (!byRoute) throw new Error('no rps_by_route panel');
    const routes = async (instance: string[]): Promise<string[]> => {
      const end = Date.now() / 1000;
      const result = await client.queryRange(
        interpolateQuery(byRoute.expr, values({ instance })),
        end - 60,
        end,
        SCRAPE_SECONDS,
      );
      return result.series.map((s) => s.metric.route ?? '').sort();
    };
    const all = await routes(['$__all']);
    expect(all).toEqual(expect.arrayContaining(['/api/status', '/api/runs']));
    const onlyFirst = await routes([targetOf(first)]);
    expect(onlyFirst).toContain('/api/status');
    expect(onlyFirst).not.toContain('/api/runs');
    const onlySecond = await routes([targetOf(second)]);
    expect(onlySecond).toContain('/api/runs');
    expect(onlySecond).not.toContain('/api/status');
  });

  it('an instance with a token file: Prometheus reloads, sends the file as a bearer token, and scrapes it in the app job', async () => {
    // A /metrics that answers only the right bearer token (the embedded server checks one only
    // off loopback, which a test may not bind).
    const TOKEN = 'instance-token-5f2c9a';
    const seen: string[] = [];
    guarded = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end('peak_trade_http_requests_total{method="GET",route="/x",status_code="200"} 1\n');
    });
    await new Promise<void>((r) => guarded?.listen(0, '127.0.0.1', r));
    const address = guarded.address();
    const target = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const tokenFile = join(stack.root, 'guarded.token');
    await writeFile(tokenFile, `${TOKEN}\n`, { mode: 0o600 });

    stack.ctx.settings = applySettingsPatch(stack.ctx.settings, {
      stack: { instances: [...stack.ctx.settings.stack.instances, { target, tokenFile }] },
    });
    const written = await writeStackFiles(stack.ctx.filesDir, {
      settings: stack.ctx.settings,
      platform: process.platform,
      grafanaPassword: GRAFANA_TEST_PASSWORD,
      prometheusPassword: (await prometheusAuth(stack.ctx.dataDir)).password,
      serverToken: null,
    });
    // A new scrape config: this change is the one that needs a reload.
    expect(written.prometheusConfigChanged).toBe(true);
    await runtime.reload(stack.ctx);
    const up = await waitFor('the token instance UP in the app job', async () =>
      (await client.targets()).find(
        (t) => t.job === SCRAPE_JOB && t.instance === target && t.health === 'up',
      ),
    );
    expect(up.lastError).toBe('');
    expect(seen).toContain(`Bearer ${TOKEN}`);
  });
});
