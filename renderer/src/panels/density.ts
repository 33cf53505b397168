// Which layer draws a timeseries chart's series: recharts `<Line>`s (SvgSeries.tsx) while the
// chart is small enough for recharts to stay inside the frame budget, the canvas layer
// (SeriesLines.tsx) above that. The one place the threshold lives; e2e/density.e2e.ts renders a
// chart on each side of it.
//
// A recharts `<Line>` builds an object per point and replaces its whole path on every refresh
// (about 1 ms a line of 120 points here); the canvas draws only the new samples at the right.
// Figures: docs/PERFORMANCE.md, and the comment on SVG_SERIES_MAX_POINTS.

/**
 * The most points (shown series × samples) a chart draws with recharts `<Line>`s.
 *
 * Chosen so the bench's typical dashboard (8 routes, 30 min at 15 s: 8 × 121 ≈ 970 points a
 * panel) is drawn by recharts, and its dense case (50 series × 360 points = 18,000) by the
 * canvas. Measured with `BENCH_UI_SECONDS=15 npx tsx bench/ui.bench.ts` (see the report of the
 * change that set it, and docs/PERFORMANCE.md).
 */
export const SVG_SERIES_MAX_POINTS = 2_000;

export type SeriesRenderer = 'svg' | 'canvas';

/** recharts `<Line>`s up to the threshold, the canvas layer above it. */
export function seriesRenderer(shownSeries: number, samples: number): SeriesRenderer {
  return shownSeries * samples <= SVG_SERIES_MAX_POINTS ? 'svg' : 'canvas';
}
