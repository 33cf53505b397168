// Drag to zoom: a span dragged across a timeseries chart becomes an absolute query window. The
// dashboard and Explore keep it until the user goes back (or picks a range), and a refresh
// re-reads the same span, like Grafana's absolute time range after a zoom.
import { chooseStep, type QueryWindow } from './time-range';

/** Zoomed spans are never narrower than this: two scrapes at the shortest scrape interval
 * the settings allow (1 s) and some. */
export const MIN_ZOOM_SECONDS = 10;
/** A drag shorter than this (px) is a click, not a zoom. */
export const MIN_DRAG_PX = 6;

export interface ZoomSpan {
  /** Unix seconds. */
  start: number;
  end: number;
}

/** The span between two dragged times (ms, either order), at least MIN_ZOOM_SECONDS wide. */
export function zoomSpan(aMs: number, bMs: number): ZoomSpan {
  let start = Math.floor(Math.min(aMs, bMs) / 1000);
  let end = Math.ceil(Math.max(aMs, bMs) / 1000);
  if (end - start < MIN_ZOOM_SECONDS) {
    const middle = (start + end) / 2;
    start = Math.floor(middle - MIN_ZOOM_SECONDS / 2);
    end = start + MIN_ZOOM_SECONDS;
  }
  return { start, end };
}

/** The range query for a zoomed span: its step as for any range, never finer than a scrape. */
export function zoomWindow(
  span: ZoomSpan,
  scrapeIntervalSeconds: number,
  fixedStep?: number | null,
): QueryWindow {
  const step = fixedStep ?? chooseStep(span.end - span.start, scrapeIntervalSeconds);
  return { start: Math.floor(span.start / step) * step, end: span.end, step };
}
