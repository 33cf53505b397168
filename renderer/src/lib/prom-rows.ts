// Prometheus results → recharts rows. Series are keyed by index ("s0", "s1", …) because recharts
// reads a dataKey with dots as a nested path, and label values (routes) are full of them.
import type { InstantQueryResult, Labels, RangeQueryResult } from '../../../shared/api';

/** One point in time: t in ms, then one value (or null for a gap) per series key. */
export type ChartRow = { t: number } & Record<string, number | null>;

export interface SeriesMeta {
  key: string;
  name: string;
  labels: Labels;
}

export interface ChartData {
  series: SeriesMeta[];
  rows: ChartRow[];
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

/** Merges every series of a range result into rows by timestamp, sorted by time. */
export function rangeResultToChartData(result: RangeQueryResult, legendFormat: string): ChartData {
  const series: SeriesMeta[] = result.result.map((s, i) => ({
    key: `s${i}`,
    name: renderLegend(legendFormat, s.metric),
    labels: s.metric,
  }));
  const byTime = new Map<number, ChartRow>();
  let infinite = 0;
  let hasValues = false;
  result.result.forEach((s, i) => {
    const key = `s${i}`;
    for (const [ts, raw] of s.values) {
      const t = Math.round(ts * 1000);
      let row = byTime.get(t);
      if (!row) {
        row = { t };
        byTime.set(t, row);
      }
      const value = parseSampleValue(raw);
      if (Number.isFinite(value)) {
        row[key] = value;
        hasValues = true;
      } else {
        if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) infinite++;
        row[key] = null;
      }
    }
  });
  const rows = [...byTime.values()].sort((a, b) => a.t - b.t);
  // A series missing at a timestamp another series has is a gap, not "carry the last value".
  for (const row of rows) for (const s of series) if (!(s.key in row)) row[s.key] = null;
  return { series, rows, infinite, hasValues };
}

/** An instant result as horizontal bars: finite values only, largest first. */
export function instantResultToBars(result: InstantQueryResult, legendFormat: string): BarData {
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
