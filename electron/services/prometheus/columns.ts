// A Prometheus range result ("matrix": per series a list of [timestamp, "value"] pairs) shaped
// into the columns ConsoleApi sends: one time axis shared by every series and one Float64Array
// of values per series. Parsed as pairs, a dashboard refresh would be ~3 MB turned into ~100,000 small
// arrays and strings on the renderer's main thread; typed columns cross IPC and the web host as
// their bytes (shared/columns-wire.ts), so it parses nothing and leaves nothing for the collector.
// Validation happens in the same single pass, so a proxy or another program answering on the
// port is still reported as a bad response.
import type { Labels, RangeQueryResult, RangeSeries } from '../../../shared/api';
import { UnexpectedPayload } from './responses';

const bad = (where: string, what: string): UnexpectedPayload =>
  new UnexpectedPayload(`range query result: ${what} at ${where}`);

interface RawSeries {
  metric: Labels;
  pairs: unknown[];
}

function readSeries(item: unknown, i: number): RawSeries {
  if (!item || typeof item !== 'object') throw bad(`result.${i}`, 'expected a series');
  const { metric, values } = item as { metric?: unknown; values?: unknown };
  if (!metric || typeof metric !== 'object' || Array.isArray(metric))
    throw bad(`result.${i}.metric`, 'expected labels');
  for (const [k, v] of Object.entries(metric)) {
    if (typeof v !== 'string') throw bad(`result.${i}.metric.${k}`, 'expected a string');
  }
  if (!Array.isArray(values)) throw bad(`result.${i}.values`, 'expected an array');
  return { metric: metric as Labels, pairs: values };
}

/** Seconds (as Prometheus sends them, with millisecond precision) → integer unix ms. */
const toMs = (ts: number): number => Math.round(ts * 1000);

function pairAt(s: RawSeries, i: number, j: number): [number, string] {
  const p = s.pairs[j];
  if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'string' || p.length !== 2)
    throw bad(`result.${i}.values.${j}`, 'expected [timestamp, "value"]');
  return p as [number, string];
}

/** Every timestamp any series has, ascending and without repeats (validating every pair). */
function unionOfTimes(all: RawSeries[]): number[] {
  const first = all[0];
  if (!first) return [];
  const times = first.pairs.map((_, j) => toMs(pairAt(first, 0, j)[0]));
  let shared = times.every((t, j) => j === 0 || t > (times[j - 1] ?? t));
  // Prometheus evaluates every series of a range query at the same steps, so usually each
  // series has exactly the first one's timestamps: then there is nothing to merge.
  for (let i = 1; i < all.length; i++) {
    const s = all[i] as RawSeries;
    if (s.pairs.length !== times.length) shared = false;
    for (let j = 0; j < s.pairs.length; j++) {
      if (toMs(pairAt(s, i, j)[0]) !== times[j]) shared = false;
    }
  }
  if (shared) return times;
  const known = new Set<number>();
  for (const s of all) for (const p of s.pairs) known.add(toMs((p as [number, string])[0]));
  return [...known].sort((a, b) => a - b);
}

/** A sample value as Prometheus spells it: a decimal, 'NaN', '+Inf', '-Inf' (or 'Inf'). */
export function sampleValue(raw: string): number {
  if (raw === 'NaN') return Number.NaN;
  if (raw === '+Inf' || raw === 'Inf') return Number.POSITIVE_INFINITY;
  if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
  const v = Number(raw);
  if (Number.isFinite(v) && raw.trim() !== '') return v;
  throw new UnexpectedPayload(`range query result: "${raw}" is not a sample value`);
}

/** Validates a /api/v1/query_range `data` and shapes it into columns over one time axis. */
export function matrixToColumns(data: unknown): RangeQueryResult {
  const d = data as { resultType?: unknown; result?: unknown } | null;
  if (!d || typeof d !== 'object' || d.resultType !== 'matrix')
    throw new UnexpectedPayload('range query result: expected resultType "matrix"');
  if (!Array.isArray(d.result)) throw bad('result', 'expected an array');
  const all = d.result.map(readSeries);
  const times = unionOfTimes(all);
  const series = all.map((s): RangeSeries => {
    const values = new Float64Array(times.length).fill(Number.NaN);
    const missing = new Uint8Array(times.length).fill(1);
    // Samples and `times` are both ascending, so the slot is almost always the next one.
    let slot = 0;
    for (const p of s.pairs) {
      const [ts, raw] = p as [number, string];
      const t = toMs(ts);
      if (times[slot] !== t) slot = times.indexOf(t, (times[slot] ?? 0) < t ? slot : 0);
      values[slot] = sampleValue(raw);
      missing[slot] = 0;
      slot++;
    }
    return missing.includes(1)
      ? { metric: s.metric, values, missing }
      : { metric: s.metric, values };
  });
  return { resultType: 'matrix', times: Float64Array.from(times), series };
}
