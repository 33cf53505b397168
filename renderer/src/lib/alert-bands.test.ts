import { describe, expect, it } from 'vitest';
import { rangeResult, type RangeQueryResult } from '../../../shared/api';
import { alertRules } from '../../../shared/alerts';
import { defaultSettings } from '../../../shared/settings';
import { joinSpans } from '../../../shared/backtest';
import { alertBandsByPanel, alertLegend, bandsAt } from './alert-bands';

const rules = alertRules(defaultSettings().alerts);
// 10 steps of 15 s from t=1000 s: 1000, 1015, … 1135 (the range's last step).
const window = { start: 1000, end: 1135, step: 15 };
const times = Array.from({ length: 10 }, (_, i) => (1000 + i * 15) * 1000);
const ms = (s: number) => s * 1000;

function alerts(series: { metric: Record<string, string>; firing: number[] }[]): RangeQueryResult {
  return rangeResult(
    times,
    series.map((s) => ({
      metric: { __name__: 'ALERTS', alertstate: 'firing', ...s.metric },
      values: times.map((_, i) => (s.firing.includes(i) ? 1 : null)),
    })),
  );
}

describe('alert bands on the dashboard', () => {
  it('splits an alert at a gap into two bands on its own panel only', () => {
    const result = alerts([
      { metric: { alertname: 'PeakTradeHighErrorRate' }, firing: [1, 2, 3, 6, 7] },
    ]);
    const bands = alertBandsByPanel(result, rules, window);
    expect(Object.keys(bands)).toEqual(['error_rate']);
    expect(bands.error_rate?.map((b) => [b.start, b.end, b.ongoing])).toEqual([
      [ms(1015), ms(1060), false],
      [ms(1090), ms(1120), false],
    ]);
    expect(bands.error_rate?.[0]?.name).toBe('PeakTradeHighErrorRate');
  });

  it('gives several alerts their own bands and names, with the alert labels', () => {
    const result = alerts([
      {
        metric: { alertname: 'PeakTradeHighLatencyP95', route: '/a', severity: 'warning' },
        firing: [4],
      },
      {
        metric: { alertname: 'PeakTradeHighLatencyP95', route: '/b', severity: 'warning' },
        firing: [0, 1],
      },
      { metric: { alertname: 'PeakTradeHighErrorRate' }, firing: [5] },
    ]);
    const bands = alertBandsByPanel(result, rules, window);
    expect(bands.latency_quantiles?.map((b) => b.name)).toEqual([
      'PeakTradeHighLatencyP95 route="/b"',
      'PeakTradeHighLatencyP95 route="/a"',
    ]);
    expect(bands.latency_quantiles?.[1]?.labels).toEqual({ route: '/a', severity: 'warning' });
    expect(bands.error_rate).toHaveLength(1);
  });

  it('runs a band still firing at the range end up to the end, marked ongoing', () => {
    const result = alerts([{ metric: { alertname: 'PeakTradeHighErrorRate' }, firing: [8, 9] }]);
    const [band] = alertBandsByPanel(result, rules, window).error_rate ?? [];
    expect(band).toMatchObject({ start: ms(1120), end: ms(1135), ongoing: true });
    expect(bandsAt([band!], ms(1135))).toHaveLength(1); // the newest sample, at the range end
    expect(alertLegend([band!])).toMatchObject([
      { name: 'PeakTradeHighErrorRate', times: 1, ongoing: true },
    ]);
  });

  it('ends a band where the samples jump by more than a step (times of other series missing)', () => {
    const result = rangeResult(
      [ms(1000), ms(1015), ms(1075), ms(1090)],
      [
        {
          metric: { alertname: 'PeakTradeHighErrorRate', alertstate: 'firing' },
          values: [1, 1, 1, 1],
        },
      ],
    );
    const bands = alertBandsByPanel(result, rules, window).error_rate ?? [];
    expect(bands.map((b) => [b.start, b.end])).toEqual([
      [ms(1000), ms(1030)],
      [ms(1075), ms(1105)],
    ]);
  });

  it('marks nothing for rules without a panel, nor for pending alerts', () => {
    const result = alerts([
      { metric: { alertname: 'PeakTradeTargetDown' }, firing: [1, 2] },
      { metric: { alertname: 'PeakTradeHighErrorRate', alertstate: 'pending' }, firing: [1] },
    ]);
    expect(alertBandsByPanel(result, rules, window)).toEqual({});
  });

  it('names the alerts under the hovered time, and counts each alert once per episode', () => {
    const result = alerts([{ metric: { alertname: 'PeakTradeHighErrorRate' }, firing: [1, 4] }]);
    const bands = alertBandsByPanel(result, rules, window).error_rate ?? [];
    expect(bandsAt(bands, ms(1020)).map((b) => b.name)).toEqual(['PeakTradeHighErrorRate']);
    expect(bandsAt(bands, ms(1040))).toEqual([]);
    expect(alertLegend(bands)).toMatchObject([
      { name: 'PeakTradeHighErrorRate', times: 2, ongoing: false },
    ]);
  });

  it('draws overlapping alerts as one covered span', () => {
    const result = alerts([
      { metric: { alertname: 'PeakTradeHighLatencyP95', route: '/a' }, firing: [1, 2, 3] },
      { metric: { alertname: 'PeakTradeHighLatencyP95', route: '/b' }, firing: [2, 3, 4] },
      { metric: { alertname: 'PeakTradeHighLatencyP95', route: '/c' }, firing: [8] },
    ]);
    const bands = alertBandsByPanel(result, rules, window).latency_quantiles ?? [];
    expect(joinSpans(bands)).toEqual([
      { start: ms(1015), end: ms(1075) },
      { start: ms(1120), end: ms(1135) },
    ]);
  });

  it('lists an alert that fired on three routes once, counting overlapping episodes once', () => {
    const result = alerts([
      { metric: { alertname: 'PeakTradeHighLatencyP95', route: '/a' }, firing: [1, 2, 3] },
      { metric: { alertname: 'PeakTradeHighLatencyP95', route: '/b' }, firing: [2, 3, 4] },
      { metric: { alertname: 'PeakTradeHighLatencyP95', route: '/c' }, firing: [8, 9] },
    ]);
    const bands = alertBandsByPanel(result, rules, window).latency_quantiles ?? [];
    expect(alertLegend(bands)).toEqual([
      {
        name: 'PeakTradeHighLatencyP95',
        alertname: 'PeakTradeHighLatencyP95',
        series: [
          'PeakTradeHighLatencyP95 route="/a"',
          'PeakTradeHighLatencyP95 route="/b"',
          'PeakTradeHighLatencyP95 route="/c"',
        ],
        times: 2,
        ongoing: true,
      },
    ]);
  });

  it('names the one series when only one fired', () => {
    const result = alerts([
      { metric: { alertname: 'PeakTradeHighLatencyP95', route: '/a' }, firing: [1, 2] },
    ]);
    const bands = alertBandsByPanel(result, rules, window).latency_quantiles ?? [];
    expect(alertLegend(bands).map((e) => e.name)).toEqual(['PeakTradeHighLatencyP95 route="/a"']);
  });
});
