// A timeseries panel body (and Explore's graph): the recharts chart frame (layout, grid, value
// axis; ChartFrame.tsx) over the selected range, with the time axis, series, alert bands, time
// labels and hover drawn in it by the layers of plot-layers.tsx. The frame's props change only
// with the y scale, and its recharts chart's not even then (value-axis.tsx); a refresh
// re-renders the layers alone. `data-series-renderer` says whether
// the series are recharts Lines or the canvas layer (density.ts).
import { memo, useMemo, useState } from 'react';
import type { PanelUnit } from '../../../shared/dashboard';
import { valueDomain } from '../lib/chart-axes';
import { niceScale, niceTicks } from '../lib/nice-scale';
import type { AlertBand } from '../lib/alert-bands';
import type { ChartData } from '../lib/prom-rows';
import { shownSpan, timeTicks, type QueryWindow } from '../lib/time-range';
import { ChartFrame, TooltipHost } from './ChartFrame';
import { seriesRows } from './SvgSeries';
import { seriesRenderer } from './density';
import { PlotLayers, PlotLayersContext, type PlotLayersState } from './plot-layers';

interface Props {
  data: ChartData;
  unit: PanelUnit;
  window: QueryWindow;
  hidden: ReadonlySet<string>;
  height: number;
  /** When this panel's alerts fired (AlertMarks). */
  alertBands?: readonly AlertBand[];
  /** Drag across the plot to zoom into that span (ms). */
  onZoom?: (fromMs: number, toMs: number) => void;
  /** The span shown, ending at the window's end (default: the whole window; see shownSpan). */
  spanSeconds?: number;
  /** What the chart is (its panel's title); the keyboard help follows it. */
  label?: string;
  /** The id of the text saying what it shows and its latest values. */
  describedBy?: string;
  /** Refreshed on a timer (a dashboard panel): the live density threshold applies (density.ts). */
  live?: boolean;
}

const NO_BANDS: readonly AlertBand[] = [];
/** What a keyboard user can do on a focused chart (ChartHover). */
export const KEYBOARD_HELP =
  'arrow keys step through the samples, Home and End go to the ends, Shift+arrows select a span, Enter zooms into it';

export const TimeseriesChart = memo(function TimeseriesChart({
  data,
  unit,
  window,
  hidden,
  height,
  alertBands = NO_BANDS,
  onZoom,
  spanSeconds,
  label = 'Chart',
  describedBy,
  live = false,
}: Props) {
  const [tooltipHost, setTooltipHost] = useState<HTMLDivElement | null>(null);
  const [liveHost, setLiveHost] = useState<HTMLDivElement | null>(null);
  const [lo, hi] = useMemo(() => valueDomain(data, hidden), [data, hidden]);
  // Primitives, so the frame sees the same y scale (and skips its render) until it changes.
  const {
    domain: [y0, y1],
    step,
  } = niceScale(lo, hi);
  const yDomain = useMemo((): [number, number] => [y0, y1], [y0, y1]);
  const yTicks = useMemo(() => niceTicks(y0, y1, step), [y0, y1, step]);
  const shownSeries = data.series.reduce((n, s) => (hidden.has(s.key) ? n : n + 1), 0);
  const renderer = seriesRenderer(shownSeries, data.times.length, live);
  const xDomain = useMemo(() => shownSpan(window, spanSeconds), [window, spanSeconds]);
  // recharts draws the series from the chart's rows below the density threshold (SvgSeries).
  const rows = useMemo(
    () => (renderer === 'svg' ? seriesRows(data, xDomain, yDomain) : undefined),
    [renderer, data, xDomain, yDomain],
  );
  const layers = useMemo((): PlotLayersState => {
    const [start, end] = xDomain;
    const { ticks, withSeconds } = timeTicks(start, end);
    return {
      data,
      hidden,
      renderer,
      unit,
      xDomain: [start, end],
      yDomain,
      timeTicks: ticks,
      withSeconds,
      tooltipHost,
      liveHost,
      alertBands,
      onZoom,
    };
  }, [data, hidden, renderer, unit, xDomain, yDomain, tooltipHost, liveHost, alertBands, onZoom]);

  return (
    // `isolation` makes the chart its own paint layer: a frame that changes something else on
    // the page (a "4 s ago" ticking) then reuses the chart's recorded paint.
    <div
      className="timeseries-chart"
      style={{ position: 'relative', isolation: 'isolate', height }}
      data-start={window.start}
      data-end={window.end}
      data-step={window.step}
      data-series-renderer={renderer}
    >
      <PlotLayersContext.Provider value={layers}>
        <ChartFrame
          unit={unit}
          yDomain={yDomain}
          yTicks={yTicks}
          height={height}
          Layers={PlotLayers}
          keyboardLabel={`${label}: ${onZoom ? KEYBOARD_HELP : KEYBOARD_HELP.replace(/, Shift.*$/, '')}`}
          describedBy={describedBy}
          rows={rows}
        />
      </PlotLayersContext.Provider>
      <TooltipHost onHost={setTooltipHost} />
      <div ref={setLiveHost} className="sr-only" aria-live="polite" data-testid="chart-live" />
    </div>
  );
});
