import { describe, expect, it } from 'vitest';
import type { AlertRuleStatus } from '../../../shared/api';
import {
  backtestRefreshKey,
  countByState,
  filterRules,
  formatAlertValue,
  formatHeldSpan,
  notLoadedHint,
} from './alerts';

describe('the value that tripped an alert, on the Alerts page', () => {
  it("reads as a number in the rule's unit, not Prometheus's exponent notation", () => {
    expect(formatAlertValue('0e+00', 'bool')).toBe('0');
    expect(formatAlertValue('0.0731', 'ratio')).toBe('7.3 %');
    expect(formatAlertValue('1.25', 'seconds')).toBe('1.3 s');
  });

  it('keeps +Inf and NaN, and shows a dash when there is no value', () => {
    expect(formatAlertValue('+Inf', 'seconds')).toBe('+Inf');
    expect(formatAlertValue('NaN', 'ratio')).toBe('NaN');
    expect(formatAlertValue('', 'bool')).toBe('—');
  });
});

describe('the backtest caption', () => {
  it('says seconds when Prometheus holds only seconds of data, not "1 min"', () => {
    expect(formatHeldSpan(40)).toBe('40 s');
    expect(formatHeldSpan(0.2)).toBe('1 s');
  });

  it('says minutes under an hour and hours above', () => {
    expect(formatHeldSpan(60)).toBe('1 min');
    expect(formatHeldSpan(12 * 60 + 10)).toBe('12 min');
    expect(formatHeldSpan(5.5 * 3600)).toBe('5.5 h');
  });
});

describe('an open backtest on the Alerts page', () => {
  const at = (iso: string, state: 'inactive' | 'pending' | 'firing' = 'firing') => ({
    state,
    lastEvaluation: iso,
  });

  it('queries again when the rule changes state, even between refreshes', () => {
    expect(backtestRefreshKey(at('2026-12-01T12:00:01Z', 'pending'))).not.toBe(
      backtestRefreshKey(at('2026-12-01T12:00:02Z', 'firing')),
    );
  });

  it('keeps its answer between evaluations of one 15 s span, and queries again after it', () => {
    expect(backtestRefreshKey(at('2026-12-01T12:00:01Z'))).toBe(
      backtestRefreshKey(at('2026-12-01T12:00:14Z')),
    );
    expect(backtestRefreshKey(at('2026-12-01T12:00:14Z'))).not.toBe(
      backtestRefreshKey(at('2026-12-01T12:00:16Z')),
    );
  });
});

describe('our rules on an existing source that does not evaluate them', () => {
  const rule = (name: string): AlertRuleStatus =>
    ({ name, state: 'inactive', severity: 'warning', loaded: false }) as AlertRuleStatus;
  const rules = [rule('PeakTradeHighErrorRate'), rule('PeakTradeTargetDown')];

  it('counts them as unknown, not "inactive 2"', () => {
    expect(countByState(rules, true)).toEqual({ all: 2, firing: 0, pending: 0, inactive: 0 });
    expect(countByState(rules, false).inactive).toBe(2);
  });

  it('lists them under All only', () => {
    expect(filterRules(rules, 'inactive', 'all', true)).toEqual([]);
    expect(filterRules(rules, 'all', 'all', true)).toHaveLength(2);
  });

  it('points "not loaded" at peak-watch alerts export, and at Start with the managed stack', () => {
    expect(notLoadedHint(true)).toMatch(/peak-watch alerts export/);
    expect(notLoadedHint(true)).not.toMatch(/Start the stack/);
    expect(notLoadedHint(false)).toMatch(/Start the stack/);
  });
});
