// Alerts end to end in the core, on Debian's prometheus (native runtime, 1 s evaluation through
// settings): the app's target fails the way a user's would — strict mode with prom-client
// missing (503), then the server stopped — and the target-down alert goes pending, firing, and
// resolved after recovery, notifying once; a threshold change rewrites the rules and reloads.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeStackSettings } from '../../clients-testing';
import type { AlertNotification, AlertState, HealthStatus } from '../../../shared/api';
import { createConsole, type ConsoleCore } from '../console';
import { missingPromClient } from '../metrics-server/testing';
import {
  fetchManaged,
  PROMETHEUS_BIN,
  requireBinary,
  skipWithout,
  waitFor,
} from '../prometheus/testing';
import { NativeRuntime } from '../stack/native/native';

const skip = skipWithout(PROMETHEUS_BIN);
const RULE = 'PeakTradeTargetDown';

describe.skipIf(skip)('alerts on a native Prometheus', () => {
  let core: ConsoleCore;
  let dataDir: string;
  const notifications: AlertNotification[] = [];
  const states: AlertState[] = [];
  const health: HealthStatus['health'][] = [];

  const ruleState = async () =>
    (await core.api.getAlerts()).rules.find((r) => r.name === RULE)?.state;
  const until = (state: AlertState) =>
    waitFor(
      `${RULE} ${state}`,
      async () => ((await ruleState()) === state ? state : undefined),
      30_000,
    );

  beforeAll(async () => {
    requireBinary(PROMETHEUS_BIN);
    dataDir = await mkdtemp(join(tmpdir(), 'pw-alerts-'));
    await nativeStackSettings(dataDir, {
      server: { enabled: true, strict: false },
      stack: { scrapeIntervalSeconds: 1 },
      alerts: { evaluationIntervalSeconds: 1, targetDownForSeconds: 3 },
    });
    const native: NativeRuntime = new NativeRuntime({ settings: () => core.settings() });
    core = await createConsole({ dataDir, drivers: { native }, loadPromClient: missingPromClient });
    core.api.on('alertNotification', (n) => notifications.push(n));
    core.api.on('health', (h) => health.push(h.health));
    core.api.on('alerts', (v) => {
      const s = v.rules.find((r) => r.name === RULE)?.state;
      if (s && s !== states[states.length - 1]) states.push(s);
    });
    await core.api.startStack();
    await waitFor(
      'the rules loaded and the target up',
      async () => {
        const view = await core.api.getAlerts();
        const up = (await core.api.getTargets()).some(
          (t) => t.job === 'peak_trade_web' && t.health === 'up',
        );
        return up && view.rules.every((r) => r.loaded) ? view : undefined;
      },
      30_000,
    );
  }, 60_000);

  afterAll(async () => {
    await core?.close({ stopStack: true });
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('lists every rule as Prometheus loaded it, none firing while the target is up', async () => {
    const view = await core.api.getAlerts();
    expect(view.error).toBeNull();
    expect(view.rules.find((r) => r.name === RULE)?.state).toBe('inactive');
    expect(view.rules.find((r) => r.name === RULE)?.expr).toBe('up{job="peak_trade_web"} == 0');
  });

  it('goes pending, then firing, when strict mode answers 503 without prom-client; resolves when it is off', async () => {
    await core.api.updateSettings({ server: { strict: true } });
    await until('firing');
    const view = await core.api.getAlerts();
    const alert = view.rules.find((r) => r.name === RULE)?.alerts[0];
    expect(alert?.annotations.summary).toMatch(/Prometheus cannot scrape 127\.0\.0\.1:\d+/);
    expect(view.health.health).toBe('firing');
    // The rule's `for` (3 s) at a 1 s evaluation: the core saw it pending first.
    expect(states).toEqual(expect.arrayContaining(['pending', 'firing']));
    expect(states.indexOf('pending')).toBeLessThan(states.indexOf('firing'));
    // A few more evaluations while firing: still one notification.
    await new Promise((r) => setTimeout(r, 3000));
    expect(
      notifications.map((n) => `${n.rule}:${n.state}`).filter((n) => n.startsWith(RULE)),
    ).toEqual([`${RULE}:firing`]);

    await core.api.updateSettings({ server: { strict: false } });
    await until('inactive');
    await waitFor('the resolved notification', () =>
      Promise.resolve(notifications.find((n) => n.rule === RULE && n.state === 'resolved')),
    );
    expect(health).toContain('firing');
  }, 60_000);

  it('fires again when the server is stopped, without a second notification inside the rate limit', async () => {
    await core.server().stop();
    await until('firing');
    // Naming the server's own address again is how a user retries a server that is not listening.
    await core.api.updateSettings({ server: { port: core.settings().server.port } });
    await until('inactive');
    expect(notifications.filter((n) => n.rule === RULE && n.state === 'firing')).toHaveLength(1);
  }, 60_000);

  it('rewrites the rules and reloads Prometheus when a threshold changes', async () => {
    const result = await core.api.updateSettings({ alerts: { errorRatio: 0.2 } });
    expect(result.applied).toContain('Prometheus reloaded its alert rules');
    const res = await fetchManaged(
      core.dataDir,
      `http://127.0.0.1:${core.settings().stack.prometheusPort}/api/v1/rules?type=alert`,
    ).then(
      (r) =>
        r.json() as Promise<{ data: { groups: { rules: { name: string; query: string }[] }[] } }>,
    );
    const rule = res.data.groups
      .flatMap((g) => g.rules)
      .find((r) => r.name === 'PeakTradeHighErrorRate');
    expect(rule?.query).toMatch(/> 0\.2$/);
  });
});
