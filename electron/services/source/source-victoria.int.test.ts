// Debian's victoria-metrics as an existing source, on real parts: it scrapes the console's own
// embedded server in the app's job; Targets, a dashboard panel's PromQL and Explore's completion
// come through the console, the APIs it lacks are explained once, and when it dies mid-session and
// comes back (even as another program on the same port) the status follows.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../../shared/api';
import { PANELS, SCRAPE_JOB, defaultVariableValues } from '../../../shared/dashboard';
import { interpolateQuery } from '../../../shared/interpolate';
import { createConsole, type ConsoleCore } from '../console';
import { rejection, skipWithout, waitFor } from '../prometheus/testing';
import { SecretStore } from '../secrets';
import { SettingsStore } from '../settings-store';
import {
  startSourcePrometheus,
  startVictoriaMetrics,
  VICTORIA_METRICS_BIN,
  type RunningSource,
} from './testing';

const skip = skipWithout(VICTORIA_METRICS_BIN);

describe.skipIf(skip)('VictoriaMetrics as an existing source', () => {
  let core: ConsoleCore;
  let dataDir: string;
  let vm: RunningSource;
  let serverUrl: string;
  const pushed: SourceStatus[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-src-vm-'));
    const store = new SettingsStore(dataDir);
    await store.load();
    await store.update({ server: { enabled: true } });
    core = await createConsole({ dataDir, metricsPort: 0, watchStack: false });
    core.api.on('source', (s) => pushed.push(s));
    serverUrl = core.server().status().url;
    vm = await startVictoriaMetrics({
      jobs: [{ job: SCRAPE_JOB, targets: [new URL(serverUrl).host] }],
    });
    for (let i = 0; i < 5; i++) await fetch(`${serverUrl}/health`);
  });

  afterAll(async () => {
    await core?.close();
    await vm?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is up without auth; what VictoriaMetrics lacks is explained in the capabilities', async () => {
    const status = await core.api.useSource({ kind: 'existing', url: vm.url, auth: 'none' });
    expect(status.health, JSON.stringify(status.error)).toBe('up');
    expect(status.auth).toBe('none');
    expect(status.product).toBe('VictoriaMetrics');
    expect(status.capabilities.targets).toEqual({ available: true, note: '' });
    expect(status.capabilities.rules.available).toBe(false);
    expect(status.capabilities.rules.note).toMatch(/vmalert/);
    expect(status.capabilities.rules.note).toMatch(/peak-watch alerts export/);
    expect(status.capabilities.buildinfo.available).toBe(false);
    expect(status.capabilities.buildinfo.note).toMatch(/without a version/);
    expect(status.capabilities.metadata.available).toBe(false);
    expect(status.capabilities.metadata.note).toMatch(/Explore completes/);
    // Debian's build serves no /vmui/; "Open Prometheus" says so instead of opening a 404.
    expect(status.uiUrl).toBeNull();
    const open = await rejection(core.api.openExternal({ target: 'prometheus' }));
    expect(open.code).toBe('source-no-ui');
    expect(open.message).toContain(vm.url);
    // Its -promscrape.config has the job's own interval.
    expect(status.scrapeIntervalSeconds).toBe(1);
  });

  it('keeps no exemplars: the capability says so, and queryExemplars refuses in those words', async () => {
    const status = await core.api.useSource({ kind: 'existing', url: vm.url, auth: 'none' });
    // VictoriaMetrics answers /api/v1/query_exemplars with an empty success: not a sign of storage.
    expect(status.capabilities.exemplars.available).toBe(false);
    expect(status.capabilities.exemplars.note).toMatch(/stores no exemplars/);
    const refused = await rejection(
      core.api.queryExemplars({
        query: 'up',
        start: Date.now() / 1000 - 60,
        end: Date.now() / 1000,
      }),
    );
    expect(refused.code).toBe('source-no-exemplars');
    expect(refused.message).toBe(status.capabilities.exemplars.note);
  });

  it('Targets lists the app’s job from VictoriaMetrics’ /api/v1/targets', async () => {
    const up = await waitFor('the app target up in VictoriaMetrics', async () => {
      const targets = await core.api.getTargets();
      return targets.find((t) => t.job === SCRAPE_JOB && t.health === 'up');
    });
    expect(up.scrapeUrl).toBe(`${serverUrl}/metrics`);
  });

  it('the job is detected, and a dashboard panel’s PromQL answers through queryRange', async () => {
    const status = await waitFor('the job detected', async () => {
      const s = await core.api.getSourceStatus();
      return s.job.detected.length ? s : undefined;
    });
    expect(status.job).toMatchObject({ detected: [SCRAPE_JOB], effective: SCRAPE_JOB });
    const panel = PANELS.find((p) => p.expr.startsWith('sum by (route)'));
    expect(panel).toBeDefined();
    const expr = interpolateQuery(panel?.expr ?? '', {
      ...defaultVariableValues(),
      window: ['1m'],
    });
    const end = Math.floor(Date.now() / 1000) + 5;
    const series = await waitFor('the panel’s series', async () => {
      await fetch(`${serverUrl}/health`);
      const r = await core.api.queryRange({ query: expr, start: end - 300, end, step: 1 });
      // A rate needs two scrapes with requests between them.
      return r.series.find(
        (s) => s.metric.route === '/health' && Array.from(s.values).some((v) => v > 0),
      );
    });
    expect(series.metric).toEqual({ route: '/health' });
  });

  it('Explore completes from VictoriaMetrics’ label APIs', async () => {
    const names = await core.api.getLabelNames({ match: 'peak_trade_http_requests_total' });
    expect(names).toEqual(expect.arrayContaining(['__name__', 'job', 'instance', 'route']));
    const routes = await core.api.getLabelValues({
      label: 'route',
      match: `peak_trade_http_requests_total{job="${SCRAPE_JOB}"}`,
    });
    expect(routes).toContain('/health');
    // Metadata it does not keep: an empty answer, not an error on every keystroke.
    expect(await core.api.getMetricMetadata({ metric: 'peak_trade_http_requests_total' })).toEqual(
      {},
    );
  });

  it('a source without /api/v1/targets (Mimir stand-in): explained once, and Targets is refused with that note without asking it again', async () => {
    // Grafana Mimir is not installed here: a stand-in on loopback serves what Mimir's HTTP API
    // documents under /prometheus (https://grafana.com/docs/mimir/latest/references/http-api/),
    // passing those calls to the real VictoriaMetrics, and answers 404 to the rest as Mimir does.
    const served =
      /^\/prometheus(\/api\/v1\/(query|query_range|series|labels|label\/[^/]+\/values|metadata|rules|status\/buildinfo))(\?.*)?$/;
    const asked: string[] = [];
    const mimir = createServer((req, res) => {
      asked.push(req.url ?? '');
      const m = served.exec(req.url ?? '');
      if (!m) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
        return;
      }
      const upstream = httpRequest(
        `${vm.url}${m[1]}${m[3] ?? ''}`,
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => mimir.listen(0, '127.0.0.1', resolve));
    const { port } = mimir.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/prometheus`;
    try {
      const status = await core.api.useSource({ kind: 'existing', url, auth: 'none' });
      expect(status.health, JSON.stringify(status.error)).toBe('up');
      expect(status.capabilities.targets.available).toBe(false);
      expect(status.capabilities.targets.note).toMatch(/Mimir/);
      for (let i = 0; i < 3; i++) {
        const refused = await rejection(core.api.getTargets());
        expect(refused.code).toBe('source-no-targets');
        expect(refused.message).toBe(status.capabilities.targets.note);
      }
      // Asked once, by the detection; the three refreshes did not reach it.
      expect(asked.filter((u) => u.includes('/api/v1/targets'))).toHaveLength(1);
      // Everything else a page needs still comes through the prefix.
      const answer = await core.api.query({ query: 'vector(5)' });
      expect(answer.resultType === 'vector' && answer.result[0]?.value[1]).toBe('5');
    } finally {
      await new Promise<void>((resolve) => mimir.close(() => resolve()));
      await core.api.useSource({ kind: 'existing', url: vm.url, auth: 'none' });
    }
  });

  it('bearer auth (a token-checking proxy stand-in): the token is read fresh from secrets/ per request, a refused one is named', async () => {
    // A reverse proxy that admits one bearer token (as oauth2-proxy or Grafana Cloud's gateway
    // do, RFC 6750: 401 otherwise), in front of the real VictoriaMetrics.
    let accepted = 'token-one-5d2c';
    const proxy = createServer((req, res) => {
      if (req.headers.authorization !== `Bearer ${accepted}`) {
        res.writeHead(401, { 'www-authenticate': 'Bearer' }).end('unauthorized\n');
        return;
      }
      const upstream = httpRequest(
        `${vm.url}${req.url ?? '/'}`,
        { method: req.method, headers: { ...req.headers, authorization: '' } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const status = await core.api.useSource({
        kind: 'existing',
        url,
        auth: 'bearer',
        secret: accepted,
      });
      expect(status.health, JSON.stringify(status.error)).toBe('up');
      expect(status.auth).toBe('bearer token');
      // Another client replaces the token (and the proxy now wants that one): no new client needed.
      accepted = 'token-two-8e1f';
      await new SecretStore(dataDir).set('source-credential', accepted);
      expect((await core.source.refresh()).health).toBe('up');
      accepted = 'token-three-not-given';
      const refused = await core.source.refresh();
      expect(refused.health).toBe('unauthorized');
      expect(refused.error?.message).toBe(
        `The source at ${url} refused the bearer token (HTTP 401).`,
      );
      expect(refused.error?.fix).toContain(`peak-watch source use ${url} --token-stdin`);
      expect(JSON.stringify(refused)).not.toContain('token-two');
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await core.api.useSource({ kind: 'existing', url: vm.url, auth: 'none' });
    }
  });

  it('dies mid-session: health down with a clear error; back on the same port: up, and re-detected', async () => {
    await vm.kill();
    const down = await core.source.refresh();
    expect(down.health).toBe('down');
    expect(down.error?.message).toBe(
      `The source at ${vm.url} is not reachable (connection refused).`,
    );
    expect(down.error?.fix).toContain(`peak-watch source use ${vm.url}`);
    expect(pushed.at(-1)?.health).toBe('down');
    const query = await rejection(core.api.query({ query: 'up' }));
    expect(query.code).toBe('prometheus-unreachable');

    await vm.restart();
    const back = await core.source.refresh();
    expect(back.health).toBe('up');
    expect(back.error).toBeNull();
    expect(back.product).toBe('VictoriaMetrics');
    expect(pushed.at(-1)?.health).toBe('up');

    // Back as another program on the same port: what it can answer is asked again, not kept.
    await vm.kill();
    expect((await core.source.refresh()).health).toBe('down');
    const prom = await startSourcePrometheus({
      jobs: [{ job: SCRAPE_JOB, targets: [new URL(serverUrl).host] }],
      port: vm.port,
    });
    try {
      const other = await core.source.refresh();
      expect(other.health).toBe('up');
      expect(other.product).toMatch(/^Prometheus 2\./);
      expect(other.capabilities.rules).toEqual({ available: true, note: '' });
      expect(other.capabilities.buildinfo).toEqual({ available: true, note: '' });
      await prom.kill();
      expect((await core.source.refresh()).health).toBe('down');
    } finally {
      await prom.stop();
    }
    await vm.restart();
    const again = await core.source.refresh();
    expect(again.health).toBe('up');
    expect(again.product).toBe('VictoriaMetrics');
    expect(again.capabilities.rules.available).toBe(false);
  });
});
