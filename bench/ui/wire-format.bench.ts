// The renderer's share of a dashboard refresh that the wire format decides, measured without a
// browser (same V8 as Chromium's renderer): reading one panel's response and shaping it into chart
// columns, for Prometheus's [timestamp, "value"] pairs, columns as JSON number arrays (session 5's
// format) and the columns' bytes the web host sends now (shared/columns-wire.ts). CPU-bound and
// single-threaded, so it is far less moved by other load than bench:ui.
//   npx tsx bench/ui/wire-format.bench.ts
import { syntheticValue } from './synthetic-console-api';
import { matrixToColumns } from '../../electron/services/prometheus/columns';
import { decodeColumns, encodeColumns } from '../../shared/columns-wire';

const SERIES = 50;
const POINTS = 360;
const ROUNDS = 200;
const end = 1_800_000_000;

const pairs = {
  resultType: 'matrix',
  result: Array.from({ length: SERIES }, (_, i) => ({
    metric: { route: `/api/v1/resource-${i}/{id}`, method: 'GET' },
    values: Array.from({ length: POINTS }, (_, j): [number, string] => {
      const t = end - (POINTS - 1 - j) * 5;
      return [t, String(syntheticValue(i, t, 12))];
    }),
  })),
};
const oldJson = JSON.stringify(pairs);
const columns = matrixToColumns(pairs);
// Columns as JSON arrays: typed arrays as plain number arrays (every value here is finite).
const newJson = JSON.stringify(columns, (_k, v: unknown) =>
  v instanceof Float64Array ? Array.from(v) : v,
);
const bytes = encodeColumns(columns).slice().buffer;

/** The old renderer's work, reduced to its core: times from the first series, then one walk per
 * series turning "value" strings into numbers (the real one also merged differing times). */
function shapeOld(text: string): number {
  const m = JSON.parse(text) as typeof pairs;
  let n = 0;
  const times = m.result[0]?.values.map(([t]) => Math.round(t * 1000)) ?? [];
  for (const s of m.result) {
    const column = new Float64Array(times.length);
    s.values.forEach(([, v], j) => (column[j] = Number(v)));
    n += column.length;
  }
  return n;
}

/** Columns as JSON: copy each value array (nulls become NaN), nothing else to do. */
function shapeNew(text: string): number {
  const m = JSON.parse(text) as { times: number[]; series: { values: (number | null)[] }[] };
  let n = 0;
  for (const s of m.series) {
    const column = new Float64Array(m.times.length).fill(Number.NaN);
    s.values.forEach((v, j) => {
      if (typeof v === 'number') column[j] = v;
    });
    n += column.length;
  }
  return n;
}

/** Columns' bytes: the Float64Arrays view the response; the renderer draws from them as they are. */
function shapeBytes(buffer: ArrayBuffer): number {
  const m = decodeColumns(buffer) as typeof columns;
  return m.series.reduce((n, s) => n + s.values.length, 0);
}

function time(label: string, run: () => unknown): number {
  for (let i = 0; i < 20; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const p50 = samples[Math.floor(ROUNDS / 2)] ?? 0;
  const p95 = samples[Math.floor(ROUNDS * 0.95)] ?? 0;
  console.log(`${label.padEnd(44)} p50 ${p50.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms`);
  return p50;
}

console.log(`one panel: ${SERIES} series × ${POINTS} points, ${ROUNDS} rounds`);
console.log(
  `  pairs JSON ${(oldJson.length / 1024).toFixed(0)} KB, columns JSON ${(newJson.length / 1024).toFixed(0)} KB, ` +
    `columns bytes ${(bytes.byteLength / 1024).toFixed(0)} KB`,
);
time('JSON.parse, [timestamp, "value"] pairs', () => JSON.parse(oldJson));
time('JSON.parse, columns', () => JSON.parse(newJson));
time('parse + fill Float64Arrays, pairs', () => shapeOld(oldJson));
time('parse + fill Float64Arrays, columns', () => shapeNew(newJson));
time("columns' bytes: decode, arrays as they are", () => shapeBytes(bytes));
