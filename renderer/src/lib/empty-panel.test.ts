import { describe, expect, it } from 'vitest';
import type { ScrapeTarget } from '../../../shared/api';
import { explainEmptyPanel, INSTRUMENTATION_OFF, type EmptyPanelInput } from './empty-panel';

const up: ScrapeTarget = {
  job: 'peak_trade_web',
  instance: '127.0.0.1:8000',
  scrapeUrl: 'http://127.0.0.1:8000/metrics',
  health: 'up',
  lastScrape: '2026-01-17T12:00:00Z',
  lastScrapeDurationSeconds: 0.004,
  lastError: '',
  labels: {},
};

const base: EmptyPanelInput = {
  panelKey: 'rps_by_route',
  job: 'peak_trade_web',
  error: null,
  hasValues: false,
  instrumentationEnabled: true,
  target: up,
  hasTraffic: false,
  filtered: false,
  statusClass: '5..',
};

describe('explainEmptyPanel', () => {
  it('says nothing for a panel with values', () => {
    expect(explainEmptyPanel({ ...base, hasValues: true })).toBeNull();
  });

  it("shows Prometheus's message when the query failed", () => {
    const why = explainEmptyPanel({
      ...base,
      hasValues: true,
      error: { code: 'prometheus-bad-query', message: 'parse error at char 5: unexpected "}"' },
    });
    expect(why?.kind).toBe('query-failed');
    expect(why?.detail).toBe('parse error at char 5: unexpected "}"');
  });

  it('says Prometheus is unreachable with its fix and offers to start the stack', () => {
    const why = explainEmptyPanel({
      ...base,
      error: {
        code: 'prometheus-unreachable',
        message: 'connect ECONNREFUSED 127.0.0.1:9091',
        fix: 'Start the stack.',
      },
    });
    expect(why).toMatchObject({
      kind: 'prometheus-unreachable',
      fix: 'Start the stack.',
      action: 'start-stack',
    });
  });

  it('points at the enabled switch when instrumentation is off', () => {
    const why = explainEmptyPanel({
      ...base,
      instrumentationEnabled: false,
      target: { ...up, health: 'down' },
    });
    expect(why?.title).toBe(INSTRUMENTATION_OFF);
    expect(why?.action).toBe('open-settings');
  });

  it('says instrumentation is off at once, while the range still holds older samples', () => {
    const why = explainEmptyPanel({ ...base, hasValues: true, instrumentationEnabled: false });
    expect(why?.kind).toBe('instrumentation-off');
  });

  it('names the target error when the target is down', () => {
    const why = explainEmptyPanel({
      ...base,
      target: {
        ...up,
        health: 'down',
        lastError: 'Get "http://127.0.0.1:8000/metrics": connection refused',
      },
    });
    expect(why?.title).toBe(
      'Target is down: Get "http://127.0.0.1:8000/metrics": connection refused',
    );
  });

  it('says when Prometheus has no app target or has not scraped it yet', () => {
    expect(explainEmptyPanel({ ...base, target: null })?.kind).toBe('target-missing');
    expect(explainEmptyPanel({ ...base, target: { ...up, health: 'unknown' } })?.kind).toBe(
      'not-scraped',
    );
  });

  it('says there is no traffic yet and offers test traffic', () => {
    expect(explainEmptyPanel(base)).toMatchObject({ kind: 'no-traffic', action: 'send-traffic' });
    expect(
      explainEmptyPanel({ ...base, target: undefined, instrumentationEnabled: null })?.kind,
    ).toBe('no-traffic');
  });

  it('reads an empty error-rate panel under traffic as "no errors"', () => {
    const why = explainEmptyPanel({ ...base, panelKey: 'error_rate', hasTraffic: true });
    expect(why).toMatchObject({
      kind: 'no-matching-status',
      tone: 'ok',
      title: 'No 5.. responses in this range',
    });
  });

  it('blames the route/method selection when traffic exists but none matches', () => {
    expect(explainEmptyPanel({ ...base, hasTraffic: true, filtered: true })?.kind).toBe('no-match');
  });
});

describe('explainEmptyPanel names the job the source carries the app under', () => {
  it('says the source does not scrape peak_trade_uvicorn, not peak_trade_web', () => {
    const why = explainEmptyPanel({ ...base, job: 'peak_trade_uvicorn', target: null });
    expect(why?.title).toBe('Prometheus does not scrape peak_trade_uvicorn');
    expect(why?.detail).toBe("No peak_trade_uvicorn target among Prometheus's active targets.");
  });

  it('waits for the first scrape of that job', () => {
    const why = explainEmptyPanel({
      ...base,
      job: 'peak_trade_uvicorn',
      target: { ...up, job: 'peak_trade_uvicorn', health: 'unknown' },
    });
    expect(why?.title).toBe('Prometheus has not scraped peak_trade_uvicorn yet');
  });
});
