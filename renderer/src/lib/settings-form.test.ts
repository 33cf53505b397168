import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { checkDraft, draftFromSettings, extraTargetsHint } from './settings-form';

const settings = defaultSettings();

describe('settings form', () => {
  it('has no patch when nothing changed', () => {
    expect(checkDraft(draftFromSettings(settings), settings)).toEqual({ patch: null, errors: {} });
  });

  it('sends only the changed fields, with numbers as numbers', () => {
    const draft = draftFromSettings(settings);
    draft.fields['stack.prometheusPort'] = '9092';
    draft.fields['server.host'] = ' 127.0.0.2 ';
    expect(checkDraft(draft, settings)).toEqual({
      patch: { server: { host: '127.0.0.2' }, stack: { prometheusPort: 9092 } },
      errors: {},
    });
  });

  it("puts the schema's message under the field", () => {
    const draft = draftFromSettings(settings);
    draft.fields['server.port'] = '70000';
    draft.fields['stack.grafanaImage'] = 'grafana/grafana:latest';
    draft.fields['stack.scrapeIntervalSeconds'] = '';
    draft.fields['ui.refreshSeconds'] = '1.5';
    const { errors } = checkDraft(draft, settings);
    expect(errors['server.port']).toMatch(/65535/);
    expect(errors['stack.grafanaImage']).toBe('pin a tag; :latest changes under you');
    expect(errors['stack.scrapeIntervalSeconds']).toBe('required');
    expect(errors['ui.refreshSeconds']).toBe('a whole number is required');
  });

  it('shows under the field the message the CLI prints for a control character or a relative binary', () => {
    const draft = draftFromSettings(settings);
    draft.fields['server.host'] = 'a\x7fb';
    draft.fields['stack.prometheusBinary'] = 'bin/prometheus';
    const { errors } = checkDraft(draft, settings);
    // The CLI prints "server.host: <this>" (electron/shared-data-folder.int.test.ts).
    expect(errors['server.host']).toBe('contains a control character (U+007F at position 2)');
    expect(errors['stack.prometheusBinary']).toMatch(/^must be an absolute path/);
  });

  it('checks extra scrape targets row by row, ignoring empty rows', () => {
    const draft = draftFromSettings(settings);
    draft.extraTargets = ['127.0.0.1:9100', '', 'http://bad/metrics', '127.0.0.1:9100'];
    const { patch, errors } = checkDraft(draft, settings);
    expect(errors).toEqual({
      'stack.extraTargets.2': 'a target is host:port, e.g. 127.0.0.1:9100',
      'stack.extraTargets.3': 'listed twice',
    });
    expect(patch?.stack?.extraTargets).toEqual([
      '127.0.0.1:9100',
      'http://bad/metrics',
      '127.0.0.1:9100',
    ]);
  });

  it('notices a removed target', () => {
    const current = { ...settings, stack: { ...settings.stack, extraTargets: ['a:1', 'b:2'] } };
    const draft = draftFromSettings(current);
    draft.extraTargets = ['b:2'];
    expect(checkDraft(draft, current).patch).toEqual({ stack: { extraTargets: ['b:2'] } });
  });

  it('takes decimal alert thresholds and sends muted rules in definition order', () => {
    const draft = draftFromSettings(settings);
    draft.fields['alerts.latencyP95Seconds'] = '0.25';
    draft.fields['alerts.errorRatio'] = '5%';
    draft.muted = ['PeakTradeHighLatencyP95', 'PeakTradeTargetDown'];
    const { patch, errors } = checkDraft(draft, settings);
    expect(errors).toEqual({ 'alerts.errorRatio': 'a number is required, e.g. 0.05' });
    expect(patch).toEqual({
      alerts: {
        latencyP95Seconds: 0.25,
        muted: ['PeakTradeTargetDown', 'PeakTradeHighLatencyP95'],
      },
    });
  });
});

describe('extra scrape targets hint', () => {
  it('names the job the managed stack scrapes the app under (settings.source.job when set)', () => {
    const s = defaultSettings();
    expect(extraTargetsHint(s)).toMatch(/^Scraped next to peak_trade_web, /);
    s.source.job = 'peak_trade_uvicorn';
    expect(extraTargetsHint(s)).toMatch(/^Scraped next to peak_trade_uvicorn, /);
  });
});
