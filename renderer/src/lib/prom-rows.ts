// Prometheus results → chart data. A range result arrives in columns from the core (one time
// axis, one Float64Array per series); the chart draws from those same arrays (NaN is a gap), a
// copy only where ±Inf must become gaps, so drawing, scaling and hovering walk plain numbers.
import type { InstantQueryResult, Labels, RangeQueryResult } from '../../../shared/api';

export interface SeriesMeta {
  /** Stable within a result: "s0", "s1", … (label values such as routes are full of dots). */
  key: string;
  name: string;
  labels: Labels;
}

export interface ChartData {
  series: SeriesMeta[];
  /** Sample times in ms, ascending: every timestamp any series has. */
  times: Float64Array;
  /** Per series (the order of `series`), one value per entry of `times`; NaN is a gap. */
  columns: Float64Array[];
  /** Per series: its largest finite value (-Infinity when it has none). */
  seriesMax: number[];
  /** Per series: its smallest finite value (+Infinity when it has none). */
  seriesMin: number[];
  /** Samples that were +Inf/-Inf (histogram_quantile beyond the largest bucket), drawn as gaps. */
  infinite: number;
  /** Whether at least one finite value exists: a chart of only gaps is an empty chart. */
  hasValues: boolean;
}

export interface BarRow {
  name: string;
  value: number;
  labels: Labels;
}

export interface BarData {
  rows: BarRow[];
  infinite: number;
}

/** Prometheus sends sample values as strings: "1.5", "NaN", "+Inf", "-Inf". */
export function parseSampleValue(raw: string): number {
  if (raw === '+Inf' || raw === 'Inf') return Number.POSITIVE_INFINITY;
  if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(raw);
}

/** The way Prometheus prints a series: name{a="1", b="2"}. */
export function formatSeriesSelector(labels: Labels): string {
  const { __name__: name = '', ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((k) => `${k}="${rest[k] ?? ''}"`);
  return pairs.length ? `${name}{${pairs.join(', ')}}` : name || '{}';
}

/** Grafana's legendFormat: {{label}} becomes the series' label value; empty falls back to the selector. */
export function renderLegend(legendFormat: string, labels: Labels): string {
  if (!legendFormat.trim()) return formatSeriesSelector(labels);
  const text = legendFormat.replace(
    /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g,
    (_m, name: string) => {
      return labels[name] ?? '';
    },
  );
  return text.trim() ? text : formatSeriesSelector(labels);
}

/** A range result (columns from the core) as chart data; missing samples, NaN and ±Inf are gaps. */
export function rangeResultToChartData(result: RangeQueryResult, legendFormat: string): ChartData {
  const series: SeriesMeta[] = result.series.map((s, i) => ({
    key: `s${i}`,
    name: renderLegend(legendFormat, s.metric),
    labels: s.metric,
  }));
  const { times } = result;
  const columns: Float64Array[] = [];
  const seriesMax: number[] = [];
  const seriesMin: number[] = [];
  let infinite = 0;
  for (const s of result.series) {
    const { values } = s;
    const { max, min, infinite: infiniteHere } = scanColumn(values);
    infinite += infiniteHere;
    // The core's column as it is (NaN where there is no sample); ±Inf cannot be drawn: gaps.
    const column = values.length === times.length ? values : resized(values, times.length);
    columns.push(infiniteHere ? infinitiesAsGaps(column) : column);
    seriesMax.push(max);
    seriesMin.push(min);
  }
  const hasValues = seriesMax.some((m) => m > Number.NEGATIVE_INFINITY);
  return { series, times, columns, seriesMax, seriesMin, infinite, hasValues };
}

/**
 * A column's largest and smallest finite value and how many are ±Inf. A function of its own, so
 * V8 optimizes it whole: as a loop inside rangeResultToChartData it was compiled on stack
 * replacement and thrown away again at every call, boxing each value it read (~270 KB of
 * garbage per dashboard refresh, bench:ui's sampling heap profile).
 */
function scanColumn(values: Float64Array): { max: number; min: number; infinite: number } {
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  let infinite = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? Number.NaN;
    if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) infinite++;
    else {
      if (value > max) max = value;
      if (value < min) min = value;
    }
  }
  return { max, min, infinite };
}

/** `values` with ±Inf as NaN, which is drawn as a gap (the same array when it has none). */
export function infinitiesAsGaps(values: Float64Array): Float64Array {
  if (!values.some((v) => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY))
    return values;
  return values.map((v) => (Number.isFinite(v) ? v : Number.NaN));
}

/** `values` cut or padded (with NaN) to `length`: a result whose series disagree with its times. */
function resized(values: Float64Array, length: number): Float64Array {
  const out = new Float64Array(length).fill(Number.NaN);
  out.set(values.subarray(0, length));
  return out;
}

/** Each series' latest value that is not a gap (null when it has none). */
export function lastValues(chart: ChartData): (number | null)[] {
  return chart.columns.map((column) => {
    for (let i = column.length - 1; i >= 0; i--) {
      const v = column[i] ?? Number.NaN;
      if (!Number.isNaN(v)) return v;
    }
    return null;
  });
}

/** Whether any series was above zero anywhere in the range. */
export function hasPositiveValue(chart: ChartData): boolean {
  return chart.seriesMax.some((m) => m > 0);
}

/** An instant result as horizontal bars: finite values only, largest first. A string or a
 * range vector has no bars (the dashboard's bar panel asks for an instant vector). */
export function instantResultToBars(result: InstantQueryResult, legendFormat: string): BarData {
  if (result.resultType === 'matrix' || result.resultType === 'string')
    return { rows: [], infinite: 0 };
  if (result.resultType === 'scalar') {
    const value = parseSampleValue(result.result[1]);
    return Number.isFinite(value)
      ? { rows: [{ name: 'scalar', value, labels: {} }], infinite: 0 }
      : { rows: [], infinite: Number.isNaN(value) ? 0 : 1 };
  }
  let infinite = 0;
  const rows: BarRow[] = [];
  for (const sample of result.result) {
    const value = parseSampleValue(sample.value[1]);
    if (Number.isFinite(value)) {
      rows.push({ name: renderLegend(legendFormat, sample.metric), value, labels: sample.metric });
    } else if (!Number.isNaN(value)) {
      infinite++;
    }
  }
  rows.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
  return { rows, infinite };
}
