import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { candidateAlertSettings, editedRules } from './alert-settings';
import { checkDraft, draftFromSettings } from './settings-form';

const settings = defaultSettings();

function edit(fields: Record<string, string>) {
  const draft = draftFromSettings(settings);
  Object.assign(draft.fields, fields);
  const check = checkDraft(draft, settings);
  const candidate = candidateAlertSettings(settings.alerts, check);
  return { check, candidate, rules: editedRules(settings.alerts, candidate) };
}

describe('Settings → Alerts candidate rules', () => {
  it('previews no rule while nothing is edited', () => {
    expect(edit({}).rules).toEqual([]);
  });

  it('builds the error-rate rule from a typed threshold, before saving', () => {
    const { check, rules } = edit({ 'alerts.errorRatio': '0.2' });
    expect(check.patch).toEqual({ alerts: { errorRatio: 0.2 } });
    expect(rules.map((r) => [r.name, r.threshold, r.forSeconds])).toEqual([
      ['PeakTradeHighErrorRate', 0.2, settings.alerts.errorRatioForSeconds],
    ]);
  });

  it('builds a rule from an edited `for` alone, keeping the saved threshold', () => {
    const { rules } = edit({ 'alerts.latencyForSeconds': '30' });
    expect(rules.map((r) => [r.name, r.threshold, r.forSeconds])).toEqual([
      ['PeakTradeHighLatencyP95', settings.alerts.latencyP95Seconds, 30],
    ]);
  });

  it('shows no preview for a value the schema refuses, with the CLI message under the field', () => {
    const { check, rules } = edit({ 'alerts.errorRatio': '1.5', 'alerts.latencyForSeconds': 'x' });
    // `peak-watch settings set alerts.errorRatio 1.5` prints "alerts.errorRatio: <this>".
    expect(check.errors['alerts.errorRatio']).toBe('a share is at most 1 (100 %)');
    expect(check.errors['alerts.latencyForSeconds']).toBe('a whole number is required');
    expect(rules).toEqual([]);
  });

  it('does not preview rules whose threshold and `for` are unchanged (the interval alone)', () => {
    const { check, rules } = edit({ 'alerts.evaluationIntervalSeconds': '5' });
    expect(check.patch).toEqual({ alerts: { evaluationIntervalSeconds: 5 } });
    expect(rules).toEqual([]);
  });
});
