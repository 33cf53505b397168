// Preflight's source checks on real sources: Debian's victoria-metrics scraping the console's
// embedded server (every check ok, what it lacks named), Debian's prometheus behind basic auth
// given a wrong password (source-auth names the 401), and a source that is gone (reachable fails).
// The managed source keeps today's checks and skips these.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreflightCheck } from '../../../shared/api';
import { SCRAPE_JOB } from '../../../shared/dashboard';
import { createConsole, type ConsoleCore } from '../console';
import { PROMETHEUS_BIN, skipWithout, waitFor } from '../prometheus/testing';
import { SettingsStore } from '../settings-store';
import {
  startSourcePrometheus,
  startVictoriaMetrics,
  VICTORIA_METRICS_BIN,
  type RunningSource,
} from './testing';

const SOURCE_CHECKS = [
  'source-reachable',
  'source-auth',
  'source-api',
  'source-app-metrics',
  'source-scrape-interval',
];
const skip = skipWithout(PROMETHEUS_BIN) || skipWithout(VICTORIA_METRICS_BIN);

describe.skipIf(skip)('preflight for sources', () => {
  let core: ConsoleCore;
  let dataDir: string;
  let vm: RunningSource;
  let prom: RunningSource;

  const checks = async (): Promise<Record<string, PreflightCheck>> => {
    const report = await core.api.runPreflight();
    return Object.fromEntries(
      report.checks.filter((c) => SOURCE_CHECKS.includes(c.id)).map((c) => [c.id, c]),
    );
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-src-preflight-'));
    const store = new SettingsStore(dataDir);
    await store.load();
    await store.update({ server: { enabled: true } });
    core = await createConsole({ dataDir, metricsPort: 0, watchStack: false });
    const server = core.server().status().url;
    vm = await startVictoriaMetrics({
      jobs: [{ job: SCRAPE_JOB, targets: [new URL(server).host] }],
    });
    prom = await startSourcePrometheus({ user: 'alice', password: 'right-one', jobs: [] });
    for (let i = 0; i < 3; i++) await fetch(`${server}/health`);
  });

  afterAll(async () => {
    await core?.close();
    await vm?.stop();
    await prom?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('managed: the source checks are skipped, pointing at the stack’s own checks', async () => {
    const found = await checks();
    expect(Object.keys(found).sort()).toEqual([...SOURCE_CHECKS].sort());
    for (const c of Object.values(found)) expect(c.status).toBe('skipped');
    expect(found['source-reachable']?.observed).toMatch(/Prometheus ready/);
  });

  it('VictoriaMetrics: reachable, no auth, the query API with what it lacks, the app’s job, its interval', async () => {
    await core.api.useSource({ kind: 'existing', url: vm.url, auth: 'none' });
    const found = await waitFor('the app’s metrics in VictoriaMetrics', async () => {
      const c = await checks();
      return c['source-app-metrics']?.status === 'ok' ? c : undefined;
    });
    expect(found['source-reachable']).toMatchObject({ status: 'ok' });
    expect(found['source-reachable']?.observed).toContain(vm.url);
    expect(found['source-auth']).toMatchObject({ status: 'ok', observed: 'no auth needed' });
    expect(found['source-api']?.status).toBe('ok');
    expect(found['source-api']?.observed).toMatch(/VictoriaMetrics/);
    expect(found['source-api']?.observed).toMatch(/without: rules, metadata, buildinfo/);
    expect(found['source-app-metrics']?.observed).toContain(SCRAPE_JOB);
    expect(found['source-scrape-interval']).toMatchObject({ status: 'ok', observed: 'every 1 s' });
  });

  it('a wrong password: source-auth fails naming the 401 and the fix; the rest wait for it', async () => {
    await core.api.useSource({
      kind: 'existing',
      url: prom.url,
      auth: 'basic',
      user: 'alice',
      secret: 'wrong-one',
    });
    const found = await checks();
    expect(found['source-reachable']?.status).toBe('ok');
    expect(found['source-auth']).toMatchObject({
      status: 'fail',
      observed: `The source at ${prom.url} refused the credentials for alice (HTTP 401).`,
    });
    expect(found['source-auth']?.fix).toContain('--password-stdin');
    expect(found['source-api']?.status).toBe('skipped');
    expect(found['source-app-metrics']?.status).toBe('skipped');
  });

  it('a source that is gone: source-reachable fails with what to do', async () => {
    await core.api.useSource({ kind: 'existing', url: vm.url, auth: 'none' });
    await vm.kill();
    const found = await checks();
    expect(found['source-reachable']).toMatchObject({
      status: 'fail',
      observed: `The source at ${vm.url} is not reachable (connection refused).`,
    });
    expect(found['source-reachable']?.fix).toContain(`peak-watch source use ${vm.url}`);
    expect(found['source-auth']?.status).toBe('skipped');
  });
});
