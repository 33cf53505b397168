import { describe, expect, it } from 'vitest';
import { exemplarPoints, exemplarSelector } from './exemplars';

describe('exemplar dots', () => {
  it("finds the bucket selector in a panel's interpolated query", () => {
    const q =
      'sum by (le) (rate(peak_trade_http_request_duration_seconds_bucket{job="app",route=~".*"}[1m]))';
    expect(exemplarSelector(q)).toBe(
      'peak_trade_http_request_duration_seconds_bucket{job="app",route=~".*"}',
    );
    expect(exemplarSelector('up')).toBeNull();
  });

  it('keeps exemplars with a trace id, one per trace, oldest first', () => {
    const a = 'a'.repeat(32);
    const b = 'B'.repeat(32);
    const points = exemplarPoints([
      {
        seriesLabels: { le: '0.5' },
        exemplars: [
          { labels: { trace_id: a }, value: 0.3, timestamp: 20 },
          { labels: { trace_id: 'short' }, value: 0.3, timestamp: 21 },
          { labels: {}, value: 0.3, timestamp: 22 },
        ],
      },
      {
        seriesLabels: { le: '1' },
        exemplars: [
          { labels: { trace_id: b }, value: 0.8, timestamp: 10 },
          { labels: { trace_id: a }, value: 0.9, timestamp: 30 },
        ],
      },
    ]);
    expect(points).toEqual([
      { timeMs: 10_000, value: 0.8, traceId: 'b'.repeat(32) },
      { timeMs: 30_000, value: 0.9, traceId: a },
    ]);
  });
});
