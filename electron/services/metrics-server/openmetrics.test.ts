// The OpenMetrics exposition and its negotiation, pure: what Prometheus gets when it asks for
// exemplars, and that the text format a person or an old scraper gets stays as it was.
import { describe, expect, it } from 'vitest';
import { DurationSeries, durationExposition } from './duration-histogram';
import { exemplarSuffix, textToOpenMetrics, wantsOpenMetrics } from './openmetrics';

// What Prometheus 2.42 sends on every scrape (scrape/scrape.go, scrapeAcceptHeader).
const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
const TRACE = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };

describe('Accept negotiation', () => {
  it("picks OpenMetrics for Prometheus's own scrape header", () => {
    expect(wantsOpenMetrics(PROMETHEUS_ACCEPT)).toBe(true);
  });

  it('keeps the text format without a header, for */*, for text/plain and for a browser', () => {
    expect(wantsOpenMetrics(undefined)).toBe(false);
    expect(wantsOpenMetrics('*/*')).toBe(false);
    expect(wantsOpenMetrics('text/plain;version=0.0.4')).toBe(false);
    expect(wantsOpenMetrics('text/html,application/xhtml+xml,*/*;q=0.8')).toBe(false);
  });

  it('follows q values, not the order, and ignores versions it cannot serve', () => {
    expect(wantsOpenMetrics('text/plain;q=0.5,application/openmetrics-text;q=0.9')).toBe(true);
    expect(wantsOpenMetrics('application/openmetrics-text;q=0.4,text/plain;q=0.6')).toBe(false);
    expect(wantsOpenMetrics('application/openmetrics-text;version=2.0.0')).toBe(false);
    expect(wantsOpenMetrics('application/openmetrics-text;q=0')).toBe(false);
  });
});

describe('prom-client text → OpenMetrics', () => {
  const text = [
    '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
    '# TYPE process_cpu_seconds_total counter',
    'process_cpu_seconds_total 0.5',
    '',
    '# HELP peak_jobs Jobs.',
    '# TYPE peak_jobs counter',
    'peak_jobs{kind="a"} 3',
    '',
    '# HELP nodejs_heap_size_total_bytes Heap.',
    '# TYPE nodejs_heap_size_total_bytes gauge',
    'nodejs_heap_size_total_bytes 1024',
    '',
    '# HELP odd Something untyped.',
    '# TYPE odd untyped',
    'odd 1',
    '',
  ].join('\n');
  const om = textToOpenMetrics(text);

  it('names a counter family without _total and its samples with it', () => {
    expect(om).toMatch(/^# TYPE process_cpu_seconds counter$/m);
    expect(om).toMatch(/^# HELP process_cpu_seconds Total user/m);
    expect(om).toMatch(/^process_cpu_seconds_total 0\.5$/m);
    expect(om).toMatch(/^# TYPE peak_jobs counter$/m);
    expect(om).toMatch(/^peak_jobs_total\{kind="a"\} 3$/m);
  });

  it('leaves gauges alone, calls untyped unknown, and has no blank line', () => {
    expect(om).toMatch(/^# TYPE nodejs_heap_size_total_bytes gauge$/m);
    expect(om).toMatch(/^nodejs_heap_size_total_bytes 1024$/m);
    expect(om).toMatch(/^# TYPE odd unknown$/m);
    expect(om).not.toMatch(/\n\n/);
    expect(om.endsWith('\n')).toBe(true);
  });
});

describe('exemplars on the latency histogram', () => {
  it('puts the trace and span id on the bucket the request fell into, in OpenMetrics only', () => {
    const series = new DurationSeries({ method: 'GET', route: '/health', status_code: '200' });
    series.observe(0.003);
    series.observe(0.2, TRACE);
    const om = durationExposition([series], true);
    const bucket = om.split('\n').find((l) => l.includes('le="0.25"')) ?? '';
    expect(bucket).toMatch(
      /^peak_trade_http_request_duration_seconds_bucket\{method="GET",route="\/health",status_code="200",le="0\.25"\} 2 # \{trace_id="0af7651916cd43dd8448eb211c80319c",span_id="b7ad6b7169203331"\} 0\.2 \d+\.\d{3}$/,
    );
    // The untraced request's bucket has none, and neither does the text format anywhere.
    expect(om.split('\n').find((l) => l.includes('le="0.005"'))).not.toContain('#');
    expect(durationExposition([series])).not.toContain('trace_id');
  });

  it('keeps the latest traced request per bucket', () => {
    const series = new DurationSeries({ method: 'GET', route: '/health', status_code: '200' });
    series.observe(0.2, TRACE);
    series.observe(0.21, { traceId: 'f'.repeat(32), spanId: 'e'.repeat(16) });
    const om = durationExposition([series], true);
    expect(om).toContain(`trace_id="${'f'.repeat(32)}"`);
    expect(om).not.toContain(TRACE.traceId);
  });

  it('stays under the 128-character label-set cap and refuses ids that are not hex', () => {
    const suffix = exemplarSuffix(TRACE, 0.1, 1_700_000_000_000);
    const labelSet = /\{(.*)\}/.exec(suffix)?.[1] ?? '';
    const chars = [...labelSet.matchAll(/(\w+)="([^"]*)"/g)].reduce(
      (n, m) => n + (m[1] ?? '').length + (m[2] ?? '').length,
      0,
    );
    expect(chars).toBeGreaterThan(0);
    expect(chars).toBeLessThanOrEqual(128);
    expect(suffix).toMatch(/ 0\.1 1700000000\.000$/);
    expect(exemplarSuffix({ traceId: 'x"} 1', spanId: TRACE.spanId }, 0.1, 0)).toBe('');
  });
});
