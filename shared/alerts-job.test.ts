// The alert rules watch the watched app's job the settings choose, like the dashboard: every
// selector of an app series names it, and no rule keeps the managed stack's default.
import { describe, expect, it } from 'vitest';
import { renderAlertRulesFile } from './alert-rules-file';
import { alertRules } from './alerts';
import { SCRAPE_JOB } from './dashboard';
import { defaultSettings } from './settings';

const alerts = defaultSettings().alerts;

describe('the rules and the app job', () => {
  it('default: the managed stack job', () => {
    for (const rule of alertRules(alerts)) {
      for (const [, labels] of rule.valueExpr.matchAll(/peak_trade_\w+\{([^}]*)\}|up\{([^}]*)\}/g))
        if (labels !== undefined) expect(labels, rule.name).toContain(`job="${SCRAPE_JOB}"`);
    }
  });

  it('another job: every app selector names it, with every instance', () => {
    const rules = alertRules(alerts, 'peak_trade_uvicorn');
    const app = rules.filter((r) => /peak_trade_|up\{job="peak/.test(r.valueExpr));
    expect(app.map((r) => r.name)).toEqual([
      'PeakTradeTargetDown',
      'PeakTradeMetricsFallback',
      'PeakTradeHighErrorRate',
      'PeakTradeHighLatencyP95',
    ]);
    for (const rule of app) {
      expect(rule.valueExpr, rule.name).toContain('job="peak_trade_uvicorn"');
      expect(rule.valueExpr, rule.name).not.toContain(SCRAPE_JOB);
      expect(rule.valueExpr, rule.name).not.toContain('$');
    }
    expect(renderAlertRulesFile(alerts, 'peak_trade_uvicorn')).not.toContain(SCRAPE_JOB);
  });
});
