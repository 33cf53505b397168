// The heatmap's cells as runs, built once when a result arrives, and how they are drawn on the
// panel's canvas (panels/HeatmapLayers.tsx): neighbouring cells of one colour band in a row are
// one rectangle, so a draw fills a few hundred rectangles rather than ~4,000 cells (12 buckets ×
// 360 points). Runs are kept in time (ms) and rows, and mapped to pixels when drawn. On a canvas,
// a refresh costs a draw and no layout, paint record or raster of SVG paths (docs/PERFORMANCE.md).
import type { RangeQueryResult } from '../../../shared/api';
import {
  bucketRates,
  colorBand,
  HEATMAP_COLORS,
  QUANTILE_COLOR,
  rowPosition,
  type BucketRates,
} from './heatmap';
import { strokeSeries, type LineContext } from './line-canvas';
import { infinitiesAsGaps } from './prom-rows';

export interface HeatmapData {
  rates: BucketRates;
  /** The quantile over the same range (s per time; NaN a gap), its times and its legend. */
  quantile: { times: Float64Array; values: Float64Array; label: string };
  /** The quantile's place on the rows (lib/heatmap.ts rowPosition), per time; NaN a gap. */
  quantileRows: Float64Array;
  /** Each cell ends at its sample time and is one step (ms) wide. */
  stepMs: number;
  /** Per colour band (HEATMAP_COLORS), its runs of cells, flat: row, from (ms), to (ms), …. */
  runs: number[][];
}

/**
 * Values of the first series of a range result (the quantile query answers one): NaN where it
 * has none, and where histogram_quantile answered ±Inf (the rank fell in the +Inf bucket), so
 * the line and its tooltip show a gap there, as the panels do.
 */
function firstColumn(result: RangeQueryResult | null): {
  times: Float64Array;
  values: Float64Array;
} {
  const times = result?.times ?? new Float64Array(0);
  const first = result?.series[0];
  if (!first || first.values.length !== times.length)
    return { times, values: new Float64Array(times.length).fill(Number.NaN) };
  return { times, values: infinitiesAsGaps(first.values) };
}

/**
 * Row r's runs of cells of one colour band, appended to `runs` per band as r, from, to. Plain
 * locals, no closure: run bounds kept in a closure's context were boxed at every assignment
 * (~110 KB of garbage per dashboard refresh, bench:ui's sampling heap profile).
 */
function rowRuns(
  row: Float64Array,
  r: number,
  times: Float64Array,
  step: number,
  max: number,
  runs: number[][],
): void {
  let runBand = -1;
  let runFrom = 0;
  let runTo = 0;
  for (let i = 0; i <= times.length; i++) {
    const t = times[i] ?? 0;
    const band = i < times.length ? colorBand(row[i] ?? Number.NaN, max) : -1;
    // A run continues through a cell of the same band that starts where the last one ended.
    if (band === runBand && band >= 0 && t - step <= runTo) {
      runTo = t;
      continue;
    }
    if (runBand >= 0 && runTo > runFrom) runs[runBand]?.push(r, runFrom, runTo);
    runBand = band;
    runFrom = t - step;
    runTo = t;
  }
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
  const runs: number[][] = HEATMAP_COLORS.map(() => []);
  cells.forEach((row, r) => rowRuns(row, r, times, step, max, runs));
  const q = firstColumn(quantile);
  return {
    rates,
    quantile: { ...q, label: quantileLabel },
    quantileRows: q.values.map((v) => rowPosition(rows, v)),
    stepMs: step,
    runs,
  };
}

/** The calls a draw needs from a 2D context (a recording fake in tests). */
export type HeatmapContext = LineContext & Pick<CanvasRenderingContext2D, 'fillRect'>;

/** Canvas pixels: x = (t − t0) · pxPerMs; row r spans bottom − (r + 1) · rowPx … bottom − r · rowPx. */
export interface HeatmapMap {
  t0: number;
  pxPerMs: number;
  rowPx: number;
  bottom: number;
}

/**
 * Every run as a rectangle in its band's colour, edges on whole pixels so neighbours meet
 * without a seam, then the quantile line (2 px) over them.
 */
export function drawHeatmap(ctx: HeatmapContext, data: HeatmapData, map: HeatmapMap): void {
  const { t0, pxPerMs, rowPx, bottom } = map;
  const px = (t: number): number => Math.round((t - t0) * pxPerMs);
  data.runs.forEach((runs, band) => {
    if (!runs.length) return;
    ctx.fillStyle = HEATMAP_COLORS[band] ?? HEATMAP_COLORS[0];
    for (let k = 0; k + 2 < runs.length; k += 3) {
      const row = runs[k] ?? 0;
      const x0 = px(runs[k + 1] ?? 0);
      const x1 = px(runs[k + 2] ?? 0);
      const top = Math.round(bottom - (row + 1) * rowPx);
      const low = Math.round(bottom - row * rowPx);
      ctx.fillRect(x0, top, x1 - x0, low - top);
    }
  });
  ctx.strokeStyle = QUANTILE_COLOR;
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  strokeSeries(
    ctx,
    data.quantile.times,
    data.quantileRows,
    {
      t0,
      pxPerMs,
      y: { scale: -rowPx, offset: bottom },
    },
    0,
  );
}
