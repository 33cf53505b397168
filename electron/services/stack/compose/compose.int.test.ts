// The compose driver against the real Docker engine, real compose, real Prometheus (Debian's, as
// a local image) and a Grafana STAND-IN image (Grafana is in no registry reachable here).
// Prerequisites: scripts/ci/docker-env.sh start && scripts/ci/make-test-images.sh.
// Missing prerequisites fail on CI and skip with a message elsewhere.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_IMAGES,
  dockerTestPrerequisite,
  removeComposeProject,
  skipUnlessCi,
  uniqueProject,
} from '../../../../e2e/support/docker-stack';
import { ConsoleError, type StackProgress } from '../../../../shared/api';
import { SCRAPE_JOB } from '../../../../shared/dashboard';
import { applySettingsPatch, defaultSettings, type Settings } from '../../../../shared/settings';
import { CommandError, runCommand } from '../../exec';
import { MetricsServer } from '../../metrics-server';
import { basicAuthHeader, freePort, waitFor } from '../../prometheus/testing';
import { ComposeRuntime, dockerEngineInfo, dockerSearchPath } from './compose';
import { writeStackFiles } from '../files';
import { prometheusAuth, type RuntimeContext } from '../runtime';

const missing = await dockerTestPrerequisite();
const skip = skipUnlessCi(missing, 'Docker compose tests');
const requirePrerequisites = (): void => {
  if (missing) throw new Error(`Docker prerequisite missing on CI: ${missing}`);
};

const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/peak-watch-test.sock' };

/** The error a promise rejects with, for asserting on its fields one by one. */
async function failure(promise: Promise<unknown>): Promise<ConsoleError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ConsoleError))
    throw new Error(`expected a ConsoleError, got ${String(err)}`);
  return err;
}

/** Asks the managed Prometheus (or Grafana) with the data folder's Prometheus credentials. */
let authorization = '';
const authed = (url: string): Promise<Response> =>
  fetch(url, { headers: { authorization }, signal: AbortSignal.timeout(5_000) });

async function json<T>(url: string): Promise<T> {
  const res = await authed(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

interface TargetsResponse {
  data: { activeTargets: { labels: Record<string, string>; health: string; lastError: string }[] };
}
interface QueryResponse {
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

async function stackSettings(serverPort: number): Promise<Settings> {
  return applySettingsPatch(defaultSettings(), {
    server: { host: '127.0.0.1', port: serverPort },
    stack: {
      prometheusImage: TEST_IMAGES.prometheus,
      grafanaImage: TEST_IMAGES.grafana,
      prometheusPort: await freePort(),
      grafanaPort: await freePort(),
      scrapeIntervalSeconds: 1,
    },
  });
}

async function contextFor(settings: Settings): Promise<RuntimeContext> {
  const filesDir = await mkdtemp(join(tmpdir(), 'peak-watch-compose-'));
  await writeStackFiles(filesDir, {
    settings,
    platform: 'linux',
    grafanaPassword: 'test-only-password',
    prometheusPassword: (await prometheusAuth(filesDir)).password,
    serverToken: null,
  });
  return { filesDir, dataDir: filesDir, settings };
}

describe.skipIf(skip)('ComposeRuntime on the real Docker engine (Grafana: stand-in image)', () => {
  const project = uniqueProject();
  const runtime = new ComposeRuntime({ project, settleMs: 1_000 });
  const metrics = new MetricsServer({
    host: '127.0.0.1',
    port: 0,
    enabled: true,
    strict: false,
    token: null,
  });
  let ctx: RuntimeContext;
  let promUrl = '';
  let firstRunTime = 0;

  beforeAll(async () => {
    requirePrerequisites();
    await metrics.start();
    const port = metrics.address?.port;
    if (!port) throw new Error('metrics server has no port');
    ctx = await contextFor(await stackSettings(port));
    promUrl = `http://127.0.0.1:${ctx.settings.stack.prometheusPort}`;
    authorization = basicAuthHeader(await prometheusAuth(ctx.dataDir));
  });

  afterAll(async () => {
    await runtime.down(ctx, () => undefined).catch(() => undefined);
    const problems = await removeComposeProject(project, [
      `${project}_prometheus-data`,
      `${project}_grafana-data`,
    ]);
    await metrics.stop();
    if (ctx) await rm(ctx.filesDir, { recursive: true, force: true });
    if (problems.length) console.warn(`clean-up of ${project}: ${problems.join('; ')}`);
  }, 120_000);

  it('detects which compose will run the stack', async () => {
    expect(await runtime.detect()).toMatch(/^(docker compose v2\.|docker-compose (1\.|v2\.))/);
    expect(await dockerEngineInfo()).toMatch(/^\d+\.\d+/);
  });

  it('starts both services, reporting progress per service, on the host network only', async () => {
    const events: StackProgress[] = [];
    await runtime.up(ctx, (p) => events.push(p));
    for (const service of ['prometheus', 'grafana'] as const) {
      expect(events.filter((e) => e.service === service).map((e) => e.phase)).toContain('started');
    }
    expect(events.some((e) => e.phase === 'failed')).toBe(false);
    const status = await runtime.status(ctx);
    expect(status.map((s) => [s.name, s.state])).toEqual([
      ['prometheus', 'running'],
      ['grafana', 'running'],
    ]);
    expect(status[0]?.url).toBe(promUrl);
    const networks = await runCommand('docker', [
      'network',
      'ls',
      '-q',
      '--filter',
      `label=com.docker.compose.project=${project}`,
    ]);
    expect(networks.stdout.trim()).toBe('');
  }, 120_000);

  it('serves Prometheus on the host port, scraping the embedded server with the target UP', async () => {
    await waitFor('Prometheus /-/ready', async () =>
      (await authed(`${promUrl}/-/ready`)).ok ? true : undefined,
    );
    const target = await waitFor(
      'scrape target UP',
      async () => {
        const t = await json<TargetsResponse>(`${promUrl}/api/v1/targets`);
        return t.data.activeTargets.find((a) => a.labels.job === SCRAPE_JOB && a.health === 'up');
      },
      30_000,
    );
    expect(target.lastError).toBe('');
    const health = await json<{ database: string; version: string }>(
      `http://127.0.0.1:${ctx.settings.stack.grafanaPort}/api/health`,
    );
    expect(health).toMatchObject({ database: 'ok', version: 'stand-in' });
    // A moment the first run has data for; after a restart it must still be there.
    await new Promise((r) => setTimeout(r, 2_500));
    firstRunTime = Date.now() / 1000;
    const q = await json<QueryResponse>(
      `${promUrl}/api/v1/query?query=up{job="${SCRAPE_JOB}"}&time=${firstRunTime}`,
    );
    expect(q.data.result[0]?.value[1]).toBe('1');
  }, 60_000);

  it('refuses a request without the password or with a rebinding Host (401); Grafana gets the password from compose, no file', async () => {
    const port = ctx.settings.stack.prometheusPort;
    const bare = await fetch(`${promUrl}/api/v1/status/config`);
    expect(bare.status).toBe(401);
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/v1/status/config' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.setHeader('host', `rebind.evil.example:${port}`);
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(401);
    expect((await authed(`${promUrl}/api/v1/status/config`)).status).toBe(200);
    const password = (await prometheusAuth(ctx.dataDir)).password;
    const grafana = await runCommand('docker', [
      'ps',
      '-q',
      '--filter',
      `label=com.docker.compose.project=${project}`,
      '--filter',
      'label=com.docker.compose.service=grafana',
    ]);
    const env = await runCommand('docker', [
      'inspect',
      '--format',
      '{{json .Config.Env}}',
      grafana.stdout.trim(),
    ]);
    expect(JSON.parse(env.stdout) as string[]).toContain(
      `PEAK_WATCH_PROMETHEUS_PASSWORD=${password}`,
    );
    const holding: string[] = [];
    for (const e of await readdir(ctx.dataDir, { recursive: true, withFileTypes: true })) {
      if (!e.isFile()) continue;
      const file = join(e.parentPath, e.name);
      if ((await readFile(file)).includes(password)) holding.push(relative(ctx.dataDir, file));
    }
    expect(holding.sort()).toEqual([
      join('prometheus', 'secrets', 'prometheus-password'),
      join('secrets', 'prometheus-password'),
    ]);
  });

  it('returns recent log lines of each service', async () => {
    const prom = await runtime.logs(ctx, 'prometheus', 50);
    expect(prom.some((l) => l.includes('Server is ready to receive web requests'))).toBe(true);
    expect(prom.length).toBeLessThanOrEqual(50);
    const grafana = await runtime.logs(ctx, 'grafana', 5);
    expect(grafana.some((l) => l.includes('Grafana stand-in listening'))).toBe(true);
  });

  it('stops both services and keeps their volumes', async () => {
    const events: StackProgress[] = [];
    await runtime.down(ctx, (p) => events.push(p));
    expect(events.some((e) => e.service === 'prometheus' && e.phase === 'stopped')).toBe(true);
    const status = await runtime.status(ctx);
    expect(status.map((s) => s.state)).toEqual(['stopped', 'stopped']);
    const volumes = await runCommand('docker', ['volume', 'ls', '-q']);
    expect(volumes.stdout).toContain(`${project}_prometheus-data`);
    expect(volumes.stdout).toContain(`${project}_grafana-data`);
  }, 120_000);

  it('starts again with the data of the first run still queryable', async () => {
    await runtime.up(ctx, () => undefined);
    await waitFor('Prometheus /-/ready again', async () =>
      (await authed(`${promUrl}/-/ready`)).ok ? true : undefined,
    );
    const q = await json<QueryResponse>(
      `${promUrl}/api/v1/query?query=up{job="${SCRAPE_JOB}"}&time=${firstRunTime}`,
    );
    expect(q.data.result).toHaveLength(1);
    expect(q.data.result[0]?.value[1]).toBe('1');
    // The stand-in counts its starts in Grafana's data volume.
    const health = await waitFor('Grafana stand-in again', () =>
      json<{ starts: number }>(`http://127.0.0.1:${ctx.settings.stack.grafanaPort}/api/health`),
    );
    expect(health.starts).toBe(2);
    await runtime.down(ctx, () => undefined);
  }, 120_000);
});

describe('ComposeRuntime faults, each a typed error', () => {
  it('says docker-missing when the docker CLI does not exist', async () => {
    const dockerPath = '/nonexistent/peak-watch/docker';
    const runtime = new ComposeRuntime({ dockerPath });
    expect((await failure(runtime.detect())).code).toBe('docker-missing');
    const err = await failure(dockerEngineInfo({ dockerPath }));
    expect(err.code).toBe('docker-missing');
    expect(err.message).toContain(dockerPath);
    expect(err.fix).toMatch(/Install Docker/);
    const settings = defaultSettings();
    const status = await runtime.status({ filesDir: tmpdir(), dataDir: tmpdir(), settings });
    expect(status.map((s) => s.state)).toEqual(['unavailable', 'unavailable']);
    expect(status[0]?.detail).toMatch(/docker CLI was not found/);
  });

  it('stops at once, as command-aborted, when the start is cancelled', async () => {
    const runtime = new ComposeRuntime({ project: uniqueProject() });
    const settings = defaultSettings();
    const signal = AbortSignal.abort();
    const err = await failure(
      runtime.up({ filesDir: tmpdir(), dataDir: tmpdir(), settings, signal }, () => undefined),
    );
    expect(err.code).toBe('command-aborted');
  });

  it.skipIf(skip)('says compose-missing when neither compose v2 nor v1 exists', async () => {
    requirePrerequisites();
    // The real docker CLI with an empty config folder (no user plugins) and no v1 binary.
    const env = { DOCKER_CONFIG: await mkdtemp(join(tmpdir(), 'peak-watch-dockercfg-')) };
    const plugin = await runCommand('docker', ['compose', 'version'], { env }).then(
      () => true,
      () => false,
    );
    // Where the v2 plugin is installed system-wide, compose cannot be made to look missing.
    if (plugin) return;
    const runtime = new ComposeRuntime({
      composePath: '/nonexistent/peak-watch/docker-compose',
      env,
    });
    const err = await failure(runtime.detect());
    expect(err.code).toBe('compose-missing');
    expect(err.message).toContain('/nonexistent/peak-watch/docker-compose: not found');
    expect(err.fix).toMatch(/docker-compose/);
  });

  it.skipIf(skip)('says docker-engine-unreachable when no engine answers', async () => {
    requirePrerequisites();
    const err = await failure(dockerEngineInfo({ env: NO_ENGINE }));
    expect(err.code).toBe('docker-engine-unreachable');
    expect(err.message).toContain('/nonexistent/peak-watch-test.sock');
    expect(err.fix).toMatch(/Start Docker Desktop/);
    const runtime = new ComposeRuntime({ project: uniqueProject(), env: NO_ENGINE });
    const ctx = await contextFor(await stackSettings(await freePort()));
    try {
      const up = await failure(runtime.up(ctx, () => undefined));
      expect(up.code).toBe('docker-engine-unreachable');
      expect(up.message).not.toMatch(/Traceback/);
      expect((await runtime.status(ctx)).map((s) => s.state)).toEqual([
        'unavailable',
        'unavailable',
      ]);
    } finally {
      await rm(ctx.filesDir, { recursive: true, force: true });
    }
  });

  describe.skipIf(skip)('on the real engine', () => {
    const project = uniqueProject();
    const runtime = new ComposeRuntime({ project, settleMs: 1_500 });
    const dirs: string[] = [];
    let blocker: Server | null = null;

    afterAll(async () => {
      await removeComposeProject(project);
      blocker?.close();
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    }, 120_000);

    async function ctxWithCompose(compose: string): Promise<RuntimeContext> {
      const filesDir = await mkdtemp(join(tmpdir(), 'peak-watch-compose-fault-'));
      dirs.push(filesDir);
      await writeFile(join(filesDir, 'compose.yml'), compose);
      return { filesDir, dataDir: filesDir, settings: defaultSettings() };
    }

    it('says image-missing, naming the image, when an image is neither local nor pullable', async () => {
      requirePrerequisites();
      const image = 'peak-watch-test/grafana-standin:no-such-tag';
      const ctx = await ctxWithCompose(
        `services:\n  grafana:\n    image: "${image}"\n    network_mode: host\n`,
      );
      const events: StackProgress[] = [];
      const err = await failure(runtime.up(ctx, (p) => events.push(p)));
      expect(err.code).toBe('image-missing');
      const lead = `image ${image} is not available locally and cannot be pulled: `;
      expect(err.message.startsWith(lead)).toBe(true);
      expect(err.message.length).toBeGreaterThan(lead.length);
      expect(err.message).not.toMatch(/Traceback|\n\s+at /);
      expect(err.fix).toContain(`docker pull ${image}`);
      expect(events.some((e) => e.service === 'grafana' && e.phase === 'pulling')).toBe(true);
      await runtime.down(ctx, () => undefined);
    }, 60_000);

    it('says compose-up-failed with the stderr tail when a container cannot start', async () => {
      requirePrerequisites();
      const ctx = await ctxWithCompose(
        `services:\n  prometheus:\n    image: "${TEST_IMAGES.prometheus}"\n    network_mode: host\n    entrypoint: ["/bin/peak-watch-no-such-binary"]\n`,
      );
      const events: StackProgress[] = [];
      const err = await failure(runtime.up(ctx, (p) => events.push(p)));
      expect(err.code).toBe('compose-up-failed');
      expect(err).toBeInstanceOf(CommandError);
      expect((err as CommandError).stderrTail).toContain('peak-watch-no-such-binary');
      expect(err.message).toMatch(/^Starting the stack failed: .*peak-watch-no-such-binary/);
      expect(events.some((e) => e.service === 'prometheus' && e.phase === 'failed')).toBe(true);
      const [prom] = await runtime.status(ctx);
      expect(prom).toMatchObject({ name: 'prometheus', state: 'exited', exitCode: 127 });
      await runtime.down(ctx, () => undefined);
    }, 60_000);

    it("says compose-up-failed with Prometheus's own log line when its port is taken", async () => {
      requirePrerequisites();
      const port = await freePort();
      const server = createServer();
      blocker = server;
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
      const ctx = await ctxWithCompose(
        `services:\n  prometheus:\n    image: "${TEST_IMAGES.prometheus}"\n    network_mode: host\n    command: ["--config.file=/etc/prometheus/prometheus.yml", "--web.listen-address=127.0.0.1:${port}"]\n`,
      );
      const events: StackProgress[] = [];
      const err = await failure(runtime.up(ctx, (p) => events.push(p)));
      expect(err.code).toBe('compose-up-failed');
      expect(err.message).toMatch(
        /did not stay up: prometheus exited with code 1: .*address already in use/,
      );
      expect(events.at(-1)).toMatchObject({ service: 'prometheus', phase: 'failed' });
      await runtime.down(ctx, () => undefined);
    }, 60_000);
  });
});

describe('dockerSearchPath', () => {
  it('adds the Docker Desktop and Homebrew folders on macOS only, once', () => {
    expect(dockerSearchPath('darwin', '/usr/bin:/bin:/usr/local/bin')).toBe(
      '/usr/bin:/bin:/usr/local/bin:/opt/homebrew/bin:/Applications/Docker.app/Contents/Resources/bin',
    );
    expect(dockerSearchPath('linux', '/usr/bin')).toBe('/usr/bin');
    expect(dockerSearchPath('win32', undefined)).toBeUndefined();
  });
});
