// Which layer draws a timeseries chart's series: recharts `<Line>`s (SvgSeries.tsx) while the
// chart is small enough for recharts to stay inside the frame budget, the canvas layer
// (SeriesLines.tsx) above that. The one place the threshold lives; e2e/density.e2e.ts renders a
// chart on each side of it.
//
// A recharts `<Line>` builds an object per point and replaces its whole path on every refresh;
// the canvas draws only the new samples at the right.

/**
 * The most points (shown series × samples) a chart draws with recharts `<Line>`s.
 *
 * Set by `bench:ui`'s typical case (the dashboard over the app's routes, 30 min at 15 s = 121
 * samples; docs/PERFORMANCE.md "Charts on recharts"), one machine, quiet, data → second rAF:
 *
 *   every chart on the canvas (threshold 0)              p50 39.6 ms  p95 60.3 ms
 *   one-series panels as recharts Lines (threshold 250)  p50 43.3 ms  p95 56.0 ms
 *   every chart as recharts Lines (threshold 2,000)      p50 67.4 ms  p95 100.8 ms
 *
 * A panel of one or two series at 30 min costs recharts no more than the canvas (within the
 * run's noise); the seven-route panels (847 points) cost ~25 ms more a refresh. The dense case
 * (18,000 points a chart) is on the canvas either way.
 */
export const SVG_SERIES_MAX_POINTS = 250;

export type SeriesRenderer = 'svg' | 'canvas';

/** recharts `<Line>`s up to the threshold, the canvas layer above it. */
export function seriesRenderer(shownSeries: number, samples: number): SeriesRenderer {
  return shownSeries * samples <= SVG_SERIES_MAX_POINTS ? 'svg' : 'canvas';
}
