// Notifications and tray health from successive looks at the rules, without Prometheus.
import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings, type SettingsPatch } from '../../../shared/settings';
import type { LoadedAlertingRule } from '../prometheus/responses';
import { buildAlertsView } from './alerts-view';
import { AlertNotifier } from './notifier';

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 12, min));

function targetDown(state: 'pending' | 'firing' | null): LoadedAlertingRule[] {
  return [
    {
      group: 'peak-watch',
      type: 'alerting',
      name: 'PeakTradeTargetDown',
      query: 'up{job="peak_trade_web"} == 0',
      state: state ?? 'inactive',
      duration: 60,
      labels: {},
      annotations: {},
      alerts: state
        ? [
            {
              labels: { instance: '127.0.0.1:8000' },
              annotations: { summary: 'Prometheus cannot scrape 127.0.0.1:8000' },
              state,
              activeAt: '2026-01-01T12:00:00Z',
              value: '0e+00',
            },
          ]
        : [],
      health: 'ok',
      lastError: '',
      evaluationTime: 0.001,
      lastEvaluation: '2026-01-01T12:00:00Z',
    },
  ];
}

function run(states: ('pending' | 'firing' | null)[], patch: SettingsPatch['alerts'] = {}) {
  const settings = applySettingsPatch(defaultSettings(), { alerts: patch }).alerts;
  const notifier = new AlertNotifier(() => settings.notifyEveryMinutes);
  return states.flatMap((s, i) =>
    notifier
      .observe(buildAlertsView(settings, targetDown(s), null, at(i)), at(i))
      .map((n) => `${i}:${n.state}`),
  );
}

describe('alert notifications', () => {
  it('notify once when a rule starts firing, not at every evaluation, and once when it resolves', () => {
    expect(run([null, 'pending', 'firing', 'firing', 'firing', null])).toEqual([
      '2:firing',
      '5:resolved',
    ]);
  });

  it('stay quiet for a rule that fires again within the rate limit (and its resolve)', () => {
    // Default: at most one per rule per 15 minutes.
    expect(run(['firing', null, 'firing', null])).toEqual(['0:firing', '1:resolved']);
    expect(run(['firing', null, 'firing'], { notifyEveryMinutes: 1 })).toEqual([
      '0:firing',
      '1:resolved',
      '2:firing',
    ]);
  });

  it('never notify for a muted rule', () => {
    expect(run(['firing', null], { muted: ['PeakTradeTargetDown'] })).toEqual([]);
  });

  it('carry the expanded summary, also when resolved', () => {
    const settings = defaultSettings().alerts;
    const notifier = new AlertNotifier(() => 15);
    notifier.observe(buildAlertsView(settings, targetDown('firing'), null, at(0)), at(0));
    const [resolved] = notifier.observe(
      buildAlertsView(settings, targetDown(null), null, at(1)),
      at(1),
    );
    expect(resolved?.title).toBe('PeakTradeTargetDown resolved');
    expect(resolved?.summary).toBe('Prometheus cannot scrape 127.0.0.1:8000');
  });

  it('treat an unreachable Prometheus as no news, not as resolved', () => {
    const settings = defaultSettings().alerts;
    const notifier = new AlertNotifier(() => 15);
    notifier.observe(buildAlertsView(settings, targetDown('firing'), null, at(0)), at(0));
    expect(notifier.observe(buildAlertsView(settings, null, 'unreachable', at(1)), at(1))).toEqual(
      [],
    );
  });
});

describe('tray health', () => {
  const health = (s: 'pending' | 'firing' | null, error: string | null = null, muted = false) =>
    buildAlertsView(
      applySettingsPatch(defaultSettings(), {
        alerts: { muted: muted ? ['PeakTradeTargetDown'] : [] },
      }).alerts,
      targetDown(s),
      error,
      at(0),
    ).health.health;

  it('is ok, warning while pending, firing, and stack-down when Prometheus is unreachable', () => {
    expect(health(null)).toBe('ok');
    expect(health('pending')).toBe('warning');
    expect(health('firing')).toBe('firing');
    expect(health('firing', null, true)).toBe('warning');
    expect(health(null, 'Prometheus is not reachable')).toBe('stack-down');
  });

  it('lists every defined rule, marking the ones Prometheus has not loaded', () => {
    const view = buildAlertsView(defaultSettings().alerts, targetDown('firing'), null, at(0));
    expect(view.rules).toHaveLength(7);
    expect(view.firing).toBe(1);
    expect(view.rules.find((r) => r.name === 'PeakTradeTargetDown')?.loaded).toBe(true);
    expect(view.rules.find((r) => r.name === 'PeakTradeHighErrorRate')?.loaded).toBe(false);
  });
});
