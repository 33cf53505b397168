// The heatmap as SVG paths, built once when a result arrives: one path
// per colour band holding every cell of that band, neighbouring cells of a row merged into one
// rectangle, and the quantile line — a handful of elements whatever the range, where one
// element per cell would be ~4,000 at 12 buckets × 360 points. The panel places the box on its
// plot with one transform.
import type { RangeQueryResult } from '../../../shared/api';
import { bucketRates, colorBand, HEATMAP_COLORS, rowPosition, type BucketRates } from './heatmap';
import { linearMap, linePath } from './line-path';

/** Path coordinates run 0…PATH_BOX across the time range (x). */
export const PATH_BOX = 5000;

/** Box units per row: rows run 0…rows·ROW_UNITS from the top (the largest bucket) down. */
export const ROW_UNITS = 100;

export interface HeatmapBox {
  /** Time (ms) at x = 0 (the left edge of the first cell) and at x = PATH_BOX. */
  t0: number;
  t1: number;
  rows: number;
}

export interface HeatmapData {
  rates: BucketRates;
  /** The quantile over the same range (s per time; NaN a gap), its times and its legend. */
  quantile: { times: number[]; values: Float64Array; label: string };
  /** Each cell ends at its sample time and is one step (ms) wide. */
  stepMs: number;
  box: HeatmapBox;
  /** Per colour band (HEATMAP_COLORS), every cell of that band; '' when there is none. */
  bands: string[];
  quantileLine: string;
}

/** Values of the first series of a range result (the quantile query answers one). */
function firstColumn(result: RangeQueryResult | null): { times: number[]; values: Float64Array } {
  const times = result?.times ?? [];
  const values = new Float64Array(times.length).fill(Number.NaN);
  const first = result?.series[0];
  first?.values.forEach((v, i) => {
    if (typeof v === 'number' && i < values.length) values[i] = v;
  });
  return { times, values };
}

export function heatmapData(
  buckets: RangeQueryResult,
  quantile: RangeQueryResult | null,
  stepMs: number,
  quantileLabel: string,
): HeatmapData {
  const rates = bucketRates(buckets);
  const { times, rows, cells, max } = rates;
  const step = stepMs > 0 ? stepMs : 1000;
  const t0 = (times[0] ?? 0) - step;
  const t1 = Math.max(times[times.length - 1] ?? 0, t0 + step);
  const box: HeatmapBox = { t0, t1, rows: rows.length };
  const x = linearMap(t0, t1, 0, PATH_BOX);
  const px = (t: number): number => Math.round(x.scale * t + x.offset);
  const parts: string[][] = HEATMAP_COLORS.map(() => []);
  for (let r = 0; r < rows.length; r++) {
    const row = cells[r];
    if (!row) continue;
    const top = (rows.length - 1 - r) * ROW_UNITS;
    let runBand = -1;
    let runFrom = 0;
    let runTo = 0;
    const flush = (): void => {
      if (runBand >= 0 && runTo > runFrom)
        parts[runBand]?.push(
          `M${runFrom},${top}h${runTo - runFrom}v${ROW_UNITS}h${runFrom - runTo}z`,
        );
      runBand = -1;
    };
    for (let i = 0; i < times.length; i++) {
      const t = times[i] ?? 0;
      const band = colorBand(row[i] ?? Number.NaN, max);
      const from = px(t - step);
      const to = px(t);
      // A run continues through a cell of the same band that starts where the last one ended.
      if (band === runBand && from <= runTo) {
        runTo = to;
        continue;
      }
      flush();
      if (band >= 0) {
        runBand = band;
        runFrom = from;
        runTo = to;
      }
    }
    flush();
  }
  const q = firstColumn(quantile);
  const positions = q.values.map((v) => rowPosition(rows, v));
  const xs = Float64Array.from(q.times, (t) => x.scale * t + x.offset);
  const y = linearMap(0, rows.length, rows.length * ROW_UNITS, 0);
  const quantileLine = rows.length ? linePath(xs, positions, y, undefined, PATH_BOX / 500) : '';
  return {
    rates,
    quantile: { ...q, label: quantileLabel },
    stepMs: step,
    box,
    bands: parts.map((p) => p.join('')),
    quantileLine,
  };
}
