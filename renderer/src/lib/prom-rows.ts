// Prometheus results → chart data. A range result becomes columns: one shared, sorted time axis
// and one Float64Array of values per series (NaN for a gap). Fifty series × hundreds of points
// as row objects cost more to build and to collect than to draw; columns are one allocation each.
import type { InstantQueryResult, Labels, RangeQueryResult } from '../../../shared/api';
import { seriesPaths, type SeriesPaths } from './series-paths';

export interface SeriesMeta {
  /** Stable within a result: "s0", "s1", … (label values such as routes are full of dots). */
  key: string;
  name: string;
  labels: Labels;
}

export interface ChartData {
  series: SeriesMeta[];
  /** Sample times in ms, ascending: every timestamp any series has. */
  times: number[];
  /** Per series (the order of `series`), one value per entry of `times`; NaN is a gap. */
  columns: Float64Array[];
  /** Per series: its largest finite value (-Infinity when it has none). */
  seriesMax: number[];
  /** Per series: its smallest finite value (+Infinity when it has none). */
  seriesMin: number[];
  /** The lines, drawn once here for every render to come (see series-paths.ts). */
  paths: SeriesPaths;
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

/** Every timestamp (ms) of any series, ascending and without repeats. */
function unionOfTimes(result: RangeQueryResult): number[] {
  const first = result.result[0]?.values ?? [];
  const ascending = first.every(([ts], j) => j === 0 || ts > (first[j - 1]?.[0] ?? ts));
  // Prometheus evaluates every series of a range query at the same steps, so usually each
  // series has exactly the first one's timestamps: then there is nothing to merge.
  const shared =
    ascending &&
    result.result.every(
      (s) => s.values.length === first.length && s.values.every(([ts], j) => ts === first[j]?.[0]),
    );
  if (shared) return first.map(([ts]) => Math.round(ts * 1000));
  const known = new Set<number>();
  for (const s of result.result) for (const [ts] of s.values) known.add(Math.round(ts * 1000));
  return [...known].sort((a, b) => a - b);
}

/** A range result as columns over one time axis; a series missing at a time has a gap there. */
export function rangeResultToChartData(result: RangeQueryResult, legendFormat: string): ChartData {
  const series: SeriesMeta[] = result.result.map((s, i) => ({
    key: `s${i}`,
    name: renderLegend(legendFormat, s.metric),
    labels: s.metric,
  }));
  const times = unionOfTimes(result);
  const columns: Float64Array[] = [];
  const seriesMax: number[] = [];
  const seriesMin: number[] = [];
  let infinite = 0;
  for (const s of result.result) {
    const column = new Float64Array(times.length).fill(Number.NaN);
    let max = Number.NEGATIVE_INFINITY;
    let min = Number.POSITIVE_INFINITY;
    // The samples and `times` are both ascending, so the slot is almost always the next one.
    let slot = 0;
    for (const [ts, raw] of s.values) {
      const t = Math.round(ts * 1000);
      const here = times[slot];
      if (here !== t) {
        const found = times.indexOf(t, here !== undefined && here < t ? slot : 0);
        if (found < 0) continue;
        slot = found;
      }
      const value = parseSampleValue(raw);
      if (Number.isFinite(value)) {
        column[slot] = value;
        if (value > max) max = value;
        if (value < min) min = value;
      } else if (!Number.isNaN(value)) {
        infinite++;
      }
      slot++;
    }
    columns.push(column);
    seriesMax.push(max);
    seriesMin.push(min);
  }
  const hasValues = seriesMax.some((m) => m > Number.NEGATIVE_INFINITY);
  // The box includes 0, like the y axis does, so the common case never rescales it.
  const paths = seriesPaths(times, columns, Math.min(0, ...seriesMin), Math.max(0, ...seriesMax));
  return { series, times, columns, seriesMax, seriesMin, paths, infinite, hasValues };
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
