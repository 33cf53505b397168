// Which layer draws a timeseries chart's series: recharts `<Line>`s (SvgSeries.tsx) while the
// chart is small enough for recharts to stay inside the frame budget, the canvas layer
// (SeriesLines.tsx) above that. The one place the threshold lives; e2e/density.e2e.ts renders a
// chart on each side of it.
//
// A recharts `<Line>` builds an object per point and replaces its whole path on every refresh;
// the canvas draws only the new samples at the right.

/**
 * The most points (shown series × samples) a chart drawn on demand (Explore's graph: one query,
 * then still) draws with recharts `<Line>`s. Explore's target is 100 ms from Run to the second
 * rAF; 250 points as `<Line>`s stay far inside it (bench:ui explore case, docs/PERFORMANCE.md).
 */
export const SVG_SERIES_MAX_POINTS = 250;

/**
 * The same for a chart that refreshes on a timer (the dashboard's panels): none. A recharts
 * `<Line>` or `<Area>` re-mounts its path on every change of its points — its animation wrapper
 * is keyed by the points' identity, animation off or not — and the chart re-runs its selectors
 * for the new rows, a fixed ~7 ms a chart and a refresh whatever its size. bench:ui's typical
 * case (the dashboard over the app's 7 routes, 30 min at 15 s; AMD EPYC 2 cores, quiet, 30 s
 * runs, data → second rAF):
 *
 *   the one-series panels as recharts Areas (threshold 250)   p50 44.6–47.9 ms  p95 71.5–84.2 ms
 *   every panel on the canvas (threshold 0)                   p50 30.2–32.1 ms  p95 40.4–52.6 ms
 *
 * So a live panel stays inside the frame budget only on the canvas.
 */
export const LIVE_SVG_SERIES_MAX_POINTS = 0;

export type SeriesRenderer = 'svg' | 'canvas';

/** recharts `<Line>`s up to the threshold (a live chart's or an on-demand one's), the canvas above. */
export function seriesRenderer(shownSeries: number, samples: number, live = false): SeriesRenderer {
  const max = live ? LIVE_SVG_SERIES_MAX_POINTS : SVG_SERIES_MAX_POINTS;
  return shownSeries * samples <= max ? 'svg' : 'canvas';
}
