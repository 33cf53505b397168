// Helpers over a range result's columns (RangeQueryResult): read one sample, print a value the
// way Prometheus does, and build a result from samples written out (tests, fixtures).
import type { Labels, RangeQueryResult, RangeSeries } from './prometheus';

/** The series' sample at `times[i]`: its value, or null where it has none. */
export function sampleAt(series: RangeSeries, i: number): number | null {
  if (i < 0 || i >= series.values.length || series.missing?.[i]) return null;
  return series.values[i] ?? null;
}

/** A sample value as Prometheus writes it: 'NaN', '+Inf', '-Inf', or the number. */
export function sampleText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/**
 * A range result from samples written out (tests, fixtures): per series one entry per time, a
 * number or null where it has no sample.
 */
export function rangeResult(
  times: readonly number[],
  series: readonly { metric: Labels; values: readonly (number | null)[] }[],
): RangeQueryResult {
  return {
    resultType: 'matrix',
    times: Float64Array.from(times),
    series: series.map(({ metric, values }) => {
      const column = new Float64Array(times.length).fill(Number.NaN);
      const missing = new Uint8Array(times.length).fill(1);
      values.forEach((v, i) => {
        if (v === null || i >= times.length) return;
        column[i] = v;
        missing[i] = 0;
      });
      return missing.includes(1) ? { metric, values: column, missing } : { metric, values: column };
    }),
  };
}
