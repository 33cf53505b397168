// The Alerts page's data with an existing source, on real parts: Debian's prometheus evaluating a
// team's own rule file (shown read-only, ours reported as not loaded there), and Debian's
// victoria-metrics, which has no rules API without vmalert — explained by its note and, once
// detected, not asked again at every evaluation (counted by VictoriaMetrics' own /metrics).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleCore } from '../console';
import { PROMETHEUS_BIN, skipWithout, waitFor } from '../prometheus/testing';
import { SettingsStore } from '../settings-store';
import {
  startSourcePrometheus,
  startVictoriaMetrics,
  VICTORIA_METRICS_BIN,
  type RunningSource,
} from '../source/testing';

const skip = skipWithout(PROMETHEUS_BIN) || skipWithout(VICTORIA_METRICS_BIN);
const JOB = 'peak_trade_uvicorn';
const TEAM_RULES = `groups:
  - name: team-rules
    rules:
      - alert: TeamScrapeSeen
        expr: up{job="${JOB}"} == 1
        annotations:
          summary: Fires while the app is scraped
`;

/** How often VictoriaMetrics was asked for /api/v1/rules, from its own metrics. */
async function rulesRequests(vm: RunningSource): Promise<number> {
  const text = await (await fetch(`${vm.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => /^vm_http_requests_total\{path="\/api\/v1\/rules"\}/.test(l));
  return Number(line?.split(' ').pop() ?? 0);
}

describe.skipIf(skip)('Alerts with an existing source', () => {
  let core: ConsoleCore;
  let dataDir: string;
  let prom: RunningSource;
  let vm: RunningSource;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-alerts-src-'));
    const store = new SettingsStore(dataDir);
    await store.load();
    await store.update({ server: { enabled: true } });
    core = await createConsole({ dataDir, metricsPort: 0, watchStack: false, serve: true });
    const target = new URL(core.server().status().url).host;
    [prom, vm] = await Promise.all([
      startSourcePrometheus({ jobs: [{ job: JOB, targets: [target] }], rules: TEAM_RULES }),
      startVictoriaMetrics({ jobs: [{ job: JOB, targets: [target] }] }),
    ]);
  });

  afterAll(async () => {
    await core?.close();
    await Promise.all([prom?.stop(), vm?.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows a Prometheus source’s own rules read-only, and ours as not loaded there', async () => {
    const status = await core.api.useSource({ kind: 'existing', url: prom.url, auth: 'none' });
    expect(status.health, JSON.stringify(status.error)).toBe('up');
    const view = await waitFor('the team rule firing on the source', async () => {
      const v = await core.api.getAlerts();
      const rule = v.source?.rules?.find((r) => r.name === 'TeamScrapeSeen');
      return rule?.state === 'firing' ? v : undefined;
    });
    expect(view.error).toBeNull();
    expect(view.source).toMatchObject({ url: prom.url, note: null, oursLoaded: false });
    expect(view.source?.rules).toEqual([
      expect.objectContaining({
        group: 'team-rules',
        name: 'TeamScrapeSeen',
        query: `up{job="${JOB}"} == 1`,
        health: 'ok',
        summary: 'Fires while the app is scraped',
      }),
    ]);
    // Ours are still listed (their backtest is only queries), none of them loaded there.
    expect(view.rules.length).toBeGreaterThan(0);
    expect(view.rules.every((r) => !r.loaded)).toBe(true);
  });

  it('explains VictoriaMetrics’ missing rules API and does not ask it again', async () => {
    const status = await core.api.useSource({ kind: 'existing', url: vm.url, auth: 'none' });
    expect(status.capabilities.rules.available).toBe(false);
    const view = await core.api.getAlerts();
    expect(view.error).toBeNull();
    expect(view.source?.rules).toBeNull();
    expect(view.source?.note).toMatch(/vmalert/);
    expect(view.source?.note).toMatch(/peak-watch alerts export/);
    const before = await rulesRequests(vm);
    // The detection asked once: the counter is real, so an unchanged count means "not asked".
    expect(before).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await core.api.getAlerts();
    expect(await rulesRequests(vm)).toBe(before);
  });
});
