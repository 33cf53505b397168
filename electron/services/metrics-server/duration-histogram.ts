// peak_trade_http_request_duration_seconds, accumulated here and written in the text format at
// scrape time. Why not prom-client's Histogram: its observe() validates and hashes the labels
// and allocates on every call; in the server that measured about 3 µs of CPU per request
// (~12 %, over the 10 % budget — docs/PERFORMANCE.md). Here an observation is a short loop and
// three additions. promtool checks the output in exposition.int.test.ts.
//
// With request tracing on, each bucket also keeps the trace and span id of the latest request
// that fell into it (an exemplar). Only the OpenMetrics exposition can carry one; the text
// format (0.0.4) has no syntax for it and stays as it is.
import { exemplarSuffix } from './openmetrics';
import type { TraceRef } from './trace-ref';

/** The app's buckets in seconds; the dashboard's heatmap and p95 queries read exactly these. */
export const DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);

export const DURATION_NAME = 'peak_trade_http_request_duration_seconds';
const HELP = 'Time to answer an HTTP request, by method, route template and status code.';
const LE_LABELS = [...DURATION_BUCKETS.map(String), '+Inf'].map((le) => `le="${le}"`);

/** One label set's observations. */
export class DurationSeries {
  /** Per bucket, not cumulative; the last slot is above 10 s (+Inf). */
  private readonly counts = new Float64Array(DURATION_BUCKETS.length + 1);
  private sum = 0;
  private count = 0;
  /** `method="GET",route="/health",status_code="200"`, built once. */
  private readonly labelText: string;
  /** Per bucket (not cumulative), the latest traced request in it; made at the first one. */
  private exemplars: (Exemplar | undefined)[] | null = null;

  constructor(labels: Readonly<Record<string, string>>) {
    this.labelText = Object.entries(labels)
      .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
      .join(',');
  }

  /** `traced`: the request's span, kept as this bucket's exemplar (null when untraced). */
  observe(seconds: number, traced: TraceRef | null = null): void {
    let i = 0;
    for (const bound of DURATION_BUCKETS) {
      if (seconds <= bound) break;
      i += 1;
    }
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    this.sum += seconds;
    this.count += 1;
    if (traced !== null) {
      this.exemplars ??= [];
      this.exemplars[i] = { ref: traced, value: seconds, timeMs: Date.now() };
    }
  }

  /** The series' _bucket, _sum and _count lines; exemplars only in OpenMetrics. */
  lines(out: string[], openMetrics = false): void {
    let cumulative = 0;
    const exemplars = openMetrics ? this.exemplars : null;
    for (let i = 0; i < LE_LABELS.length; i++) {
      cumulative += this.counts[i] ?? 0;
      const line = `${DURATION_NAME}_bucket{${this.labelText},${LE_LABELS[i] ?? ''}} ${cumulative}`;
      const ex = exemplars?.[i];
      out.push(ex === undefined ? line : line + exemplarSuffix(ex.ref, ex.value, ex.timeMs));
    }
    out.push(`${DURATION_NAME}_sum{${this.labelText}} ${this.sum}`);
    out.push(`${DURATION_NAME}_count{${this.labelText}} ${this.count}`);
  }
}

interface Exemplar {
  ref: TraceRef;
  value: number;
  timeMs: number;
}

/**
 * The family, HELP and TYPE even without series: the Prometheus text format (0.0.4), or
 * OpenMetrics 1.0 with an exemplar on each bucket that has one (no `# EOF`: the caller ends
 * the whole exposition).
 */
export function durationExposition(series: Iterable<DurationSeries>, openMetrics = false): string {
  const out = [`# HELP ${DURATION_NAME} ${HELP}`, `# TYPE ${DURATION_NAME} histogram`];
  for (const s of series) s.lines(out, openMetrics);
  return `${out.join('\n')}\n`;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
