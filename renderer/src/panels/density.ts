// Which layer draws a timeseries chart's series: recharts `<Line>`s (SvgSeries.tsx) while the
// chart is small enough for recharts to stay inside the frame budget, the canvas layer
// (SeriesLines.tsx) above that. The one place the threshold lives; e2e/density.e2e.ts renders a
// chart on each side of it.
//
// A recharts `<Line>` builds an object per point and replaces its whole path on every refresh
// (about 1 ms a line of 120 points here); the canvas draws only the new samples at the right.

/**
 * The most points (shown series × samples) a chart draws with recharts `<Line>`s.
 *
 * Figures it rests on (issue 20, recharts 3.11.3, an isolated harness of the bench's shape on
 * these 2-core machines, data → second rAF): 50 `<Line>`s of 360 points a chart, 6 charts, cost
 * 298 ms p50 / 457 ms p95 a refresh against 16 / 25 for the canvas; a `<Line>` of the typical
 * dashboard's 121 points (30 min at 15 s) costs about 1 ms. At 2,000, each of the typical
 * dashboard's timeseries panels (at most 8 series × 121 = 968 points; ~18 Lines over its four
 * panels, ~18 ms a refresh) draws recharts Lines, and the dense case (18,000 a chart) stays
 * on the canvas. Not yet confirmed with
 * `bench:ui`'s typical case (bench/ui.bench.ts), which is the measurement to set it by.
 */
export const SVG_SERIES_MAX_POINTS = 2_000;

export type SeriesRenderer = 'svg' | 'canvas';

/** recharts `<Line>`s up to the threshold, the canvas layer above it. */
export function seriesRenderer(shownSeries: number, samples: number): SeriesRenderer {
  return shownSeries * samples <= SVG_SERIES_MAX_POINTS ? 'svg' : 'canvas';
}
