// The Alerts page's rules watch the app job the settings choose, as the loaded rules file does.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { buildAlertsView } from './alerts-view';

describe('buildAlertsView and the app job', () => {
  it("the value queries (the backtest's) use the job it is given", () => {
    const alerts = defaultSettings().alerts;
    const view = buildAlertsView(alerts, null, null, new Date(0), 'peak_trade_uvicorn');
    const down = view.rules.find((r) => r.name === 'PeakTradeTargetDown');
    expect(down?.valueExpr).toBe('up{job="peak_trade_uvicorn"}');
  });
});
