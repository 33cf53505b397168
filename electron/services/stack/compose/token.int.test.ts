// The Docker stack with the embedded server off loopback (so Prometheus needs its token) and a
// Prometheus image that runs as uid/gid 65534, as upstream prom/prometheus does: the token file
// must be readable by that user. Then reloads by `docker kill --signal=HUP`, confirmed.
// Prerequisites: scripts/ci/docker-env.sh start && scripts/ci/make-test-images.sh.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_IMAGES,
  dockerTestPrerequisite,
  removeComposeProject,
  skipUnlessCi,
  uniqueProject,
} from '../../../../e2e/support/docker-stack';
import { SCRAPE_JOB } from '../../../../shared/dashboard';
import { applySettingsPatch, defaultSettings, type Settings } from '../../../../shared/settings';
import { MetricsServer } from '../../metrics-server';
import { PrometheusClient } from '../../prometheus';
import { freePort, rejection, waitFor } from '../../prometheus/testing';
import { ComposeRuntime } from './compose';
import { STACK_PATHS, writeStackFiles } from '../files';
import { managedPrometheus, prometheusAuth, type RuntimeContext } from '../runtime';

const missing = await dockerTestPrerequisite();
const skip = skipUnlessCi(missing, 'Docker token tests');
const TOKEN = 'pw-test-token-0123456789abcdef0123456789abcdef';

describe.skipIf(skip)('Docker on Linux, server off loopback, Prometheus as uid 65534', () => {
  const project = uniqueProject();
  const runtime = new ComposeRuntime({ project, settleMs: 1_000 });
  let metrics: MetricsServer;
  let ctx: RuntimeContext;
  let client: PrometheusClient;

  const write = async (settings: Settings, tokenGid: number | null) =>
    writeStackFiles(ctx.filesDir, {
      settings,
      platform: 'linux',
      grafanaPassword: 'test-only-password',
      prometheusPassword: (await prometheusAuth(ctx.dataDir)).password,
      serverToken: TOKEN,
      project,
      tokenGid,
    });

  const target = () =>
    client.targets().then((all) => all.find((t) => t.job === SCRAPE_JOB && t.health !== 'unknown'));

  beforeAll(async () => {
    if (missing) throw new Error(`Docker prerequisite missing on CI: ${missing}`);
    // Off loopback: the server wants the bearer token on /metrics.
    metrics = new MetricsServer({
      host: '0.0.0.0',
      port: await freePort(),
      enabled: true,
      strict: false,
      token: TOKEN,
    });
    await metrics.start();
    const settings = applySettingsPatch(defaultSettings(), {
      server: { host: '0.0.0.0', port: metrics.address?.port ?? 0 },
      stack: {
        prometheusImage: TEST_IMAGES.prometheusNobody,
        grafanaImage: TEST_IMAGES.grafana,
        prometheusPort: await freePort(),
        grafanaPort: await freePort(),
        scrapeIntervalSeconds: 1,
      },
    });
    const dir = await mkdtemp(join(tmpdir(), 'peak-watch-token-'));
    ctx = { filesDir: dir, dataDir: dir, settings };
    client = managedPrometheus(ctx);
  });

  afterAll(async () => {
    await runtime.down(ctx, () => undefined).catch(() => undefined);
    await removeComposeProject(project, [`${project}_prometheus-data`, `${project}_grafana-data`]);
    await client?.close();
    await metrics?.stop();
    if (ctx) await rm(ctx.filesDir, { recursive: true, force: true });
  }, 120_000);

  it('a 0600 token without the group grant leaves the target down: the test can fail', async () => {
    await write(ctx.settings, null);
    await chmod(join(ctx.filesDir, ...STACK_PATHS.serverToken.split('/')), 0o600);
    await runtime.up(ctx, () => undefined);
    const down = await waitFor('a scrape of the target', target, 30_000);
    expect(down.health).toBe('down');
    expect(down.lastError).toMatch(/permission denied/);
  }, 120_000);

  it('the token readable by the container user (0640 + group_add) brings the target UP', async () => {
    await write(ctx.settings, process.getgid?.() ?? 0);
    const compose = await readFile(join(ctx.filesDir, STACK_PATHS.compose), 'utf8');
    expect(compose).toContain('group_add:');
    await runtime.up(ctx, () => undefined);
    const up = await waitFor(
      'the target UP with the token',
      async () => ((await target())?.health === 'up' ? target() : undefined),
      30_000,
    );
    expect(up?.lastError).toBe('');
  }, 120_000);

  it('a scrape-interval change reaches /api/v1/status/config through docker kill --signal=HUP', async () => {
    const settings = applySettingsPatch(ctx.settings, { stack: { scrapeIntervalSeconds: 7 } });
    ctx = { ...ctx, settings };
    const written = await write(settings, process.getgid?.() ?? 0);
    expect(written.prometheusConfigChanged).toBe(true);
    expect(written.composeChanged).toBe(false);
    await runtime.reload(ctx);
    expect(await client.loadedConfig()).toMatch(/scrape_interval: 7s/);
  }, 60_000);

  it('a reload of a broken config is an error carrying Prometheus’s own message', async () => {
    const file = join(ctx.filesDir, ...STACK_PATHS.prometheusConfig.split('/'));
    const good = await readFile(file, 'utf8');
    await writeFile(file, 'scrape_configs: [ {job_name: ');
    try {
      const err = await rejection(runtime.reload(ctx));
      expect(err.code).toBe('prometheus-reload-failed');
      expect(err.message).toMatch(/couldn't load configuration|parsing YAML/);
    } finally {
      await writeFile(file, good);
    }
    await runtime.reload(ctx);
  }, 60_000);
});
