// A timeseries panel body: a recharts chart frame (layout, grid, value axis) over the selected
// range, with the lines, time labels and hover drawn on its plot area by the layers of
// plot-layers.tsx. The frame's props change only with the y scale; a refresh re-renders the
// layers alone.
import { memo, useMemo, useState, type ComponentType } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { PanelUnit } from '../../../shared/dashboard';
import { valueDomain } from '../lib/chart-axes';
import { formatUnit } from '../lib/format';
import { niceScale, niceTicks } from '../lib/nice-scale';
import type { AlertBand } from '../lib/alert-bands';
import type { ChartData } from '../lib/prom-rows';
import { timeTicks, type QueryWindow } from '../lib/time-range';
import { AXIS_COLOR, GRID_COLOR } from './colors';
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
}

const tick = { fill: AXIS_COLOR, fontSize: 11 };
// `isolation` makes the chart its own paint layer: a frame that changes something else on the
// page (a "4 s ago" ticking) then reuses the chart's recorded paint instead of walking 50 paths.
const margin = { top: 8, right: 12, bottom: 0, left: 0 };
/** The x axis only keeps the room for the time labels (drawn by TimeAxis) and draws its line. */
const unitDomain = [0, 1];
const NO_BANDS: readonly AlertBand[] = [];

interface FrameProps {
  unit: PanelUnit;
  yDomain: readonly [number, number];
  yTicks: readonly number[];
  height: number;
  /** What is drawn on the plot (default: the timeseries layers); a stable component. */
  Layers?: ComponentType;
  /** A y tick's label (default: the value in `unit`); a stable function. */
  formatTick?: (value: number) => string;
}

/** The recharts frame every plot is drawn on (the heatmap's too: HeatmapChart.tsx). */
export const ChartFrame = memo(function ChartFrame({
  unit,
  yDomain,
  yTicks,
  height,
  Layers = PlotLayers,
  formatTick,
}: FrameProps) {
  // recharts lays its axes out from data: two rows carrying the y bounds are enough.
  const rows = useMemo(
    () => [
      { t: 0, v: yDomain[0] },
      { t: 1, v: yDomain[1] },
    ],
    [yDomain],
  );
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={margin}>
        <CartesianGrid stroke={GRID_COLOR} vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={unitDomain}
          ticks={[]}
          tick={false}
          stroke={GRID_COLOR}
          allowDataOverflow
        />
        <YAxis
          dataKey="v"
          type="number"
          domain={yDomain}
          ticks={yTicks}
          tickFormatter={formatTick ?? ((v: number) => formatUnit(v, unit))}
          tick={tick}
          stroke={GRID_COLOR}
          width={84}
          allowDataOverflow
          allowDecimals
        />
        <Layers />
      </LineChart>
    </ResponsiveContainer>
  );
});

export const TimeseriesChart = memo(function TimeseriesChart({
  data,
  unit,
  window,
  hidden,
  height,
  alertBands = NO_BANDS,
  onZoom,
}: Props) {
  const [tooltipHost, setTooltipHost] = useState<HTMLDivElement | null>(null);
  const [lo, hi] = useMemo(() => valueDomain(data, hidden), [data, hidden]);
  // Primitives, so the frame sees the same y scale (and skips its render) until it changes.
  const {
    domain: [y0, y1],
    step,
  } = niceScale(lo, hi);
  const yDomain = useMemo((): [number, number] => [y0, y1], [y0, y1]);
  const yTicks = useMemo(() => niceTicks(y0, y1, step), [y0, y1, step]);
  const layers = useMemo((): PlotLayersState => {
    const start = window.start * 1000;
    const end = window.end * 1000;
    const { ticks, withSeconds } = timeTicks(start, end);
    return {
      data,
      hidden,
      unit,
      xDomain: [start, end],
      yDomain,
      timeTicks: ticks,
      withSeconds,
      tooltipHost,
      alertBands,
      onZoom,
    };
  }, [data, hidden, unit, window, yDomain, tooltipHost, alertBands, onZoom]);

  return (
    <div
      className="timeseries-chart"
      style={{ position: 'relative', isolation: 'isolate', height }}
      data-start={window.start}
      data-end={window.end}
    >
      <PlotLayersContext.Provider value={layers}>
        <ChartFrame unit={unit} yDomain={yDomain} yTicks={yTicks} height={height} />
      </PlotLayersContext.Provider>
      <div
        ref={setTooltipHost}
        style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}
        aria-hidden="true"
      />
    </div>
  );
});
