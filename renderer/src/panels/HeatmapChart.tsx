// The latency heatmap panel's body: the same recharts frame as the timeseries panels (grid, y
// axis, time domain, layout; ChartFrame.tsx), with one row per bucket on the y axis labelled at the bucket
// bounds, the cells and quantile line drawn by HeatmapLayers, and a colour scale under it.
import { memo, useCallback, useMemo, useState } from 'react';
import { formatUnit } from '../lib/format';
import { bandFloor, HEATMAP_COLORS } from '../lib/heatmap';
import { boundaryLabel } from '../lib/heatmap-labels';
import type { HeatmapData } from '../lib/heatmap-cells';
import { shownSpan, timeTicks, type QueryWindow } from '../lib/time-range';
import { QUANTILE_COLOR } from '../lib/heatmap';
import { HeatmapLayers, HeatmapLayersContext } from './HeatmapLayers';
import type { HeatmapLayersState } from './HeatmapLayers';
import { ChartFrame, TooltipHost } from './ChartFrame';

interface Props {
  data: HeatmapData;
  window: QueryWindow;
  height: number;
  onZoom?: (fromMs: number, toMs: number) => void;
  /** The span shown, ending at the window's end, as the timeseries panels beside it (shownSpan). */
  spanSeconds?: number;
  /** What the chart is (its panel's title); the keyboard help follows it. */
  label?: string;
  /** The id of the text saying what it shows and its latest values. */
  describedBy?: string;
}

/** What a keyboard user can do on the focused heatmap (HeatmapLayers). */
const HEATMAP_KEYS =
  'left and right arrows step through time, up and down through the latency buckets, Shift+left and right select a span, Enter zooms into it';

export const HeatmapChart = memo(function HeatmapChart({
  data,
  window,
  height,
  onZoom,
  spanSeconds,
  label = 'Heatmap',
  describedBy,
}: Props) {
  const [tooltipHost, setTooltipHost] = useState<HTMLDivElement | null>(null);
  const [liveHost, setLiveHost] = useState<HTMLDivElement | null>(null);
  const { rows, cells, max } = data.rates;
  // The frame re-renders only when the buckets change, not on every refresh.
  const boundsKey = rows.map((r) => r.hi).join(',');
  const yDomain = useMemo((): [number, number] => [0, rows.length], [rows.length]);
  const yTicks = useMemo(() => Array.from({ length: rows.length + 1 }, (_, i) => i), [rows.length]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- boundsKey stands for rows
  const formatTick = useCallback((v: number) => boundaryLabel(rows, v), [boundsKey]);
  const layers = useMemo((): HeatmapLayersState => {
    const [start, end] = shownSpan(window, spanSeconds);
    const { ticks, withSeconds } = timeTicks(start, end);
    return {
      data,
      xDomain: [start, end],
      yDomain,
      timeTicks: ticks,
      withSeconds,
      tooltipHost,
      liveHost,
      onZoom,
    };
  }, [data, window, spanSeconds, yDomain, tooltipHost, liveHost, onZoom]);
  const filledRows = cells.filter((c) => c.some((v) => v > 0)).length;
  const quantilePoints = data.quantile.values.filter((v) => Number.isFinite(v)).length;

  return (
    <>
      <div
        className="timeseries-chart"
        style={{ position: 'relative', isolation: 'isolate', height }}
        data-start={window.start}
        data-end={window.end}
        data-testid="heatmap-chart"
        data-rows={rows.length}
        data-filled-rows={filledRows}
        data-quantile-points={quantilePoints}
      >
        <HeatmapLayersContext.Provider value={layers}>
          <ChartFrame
            unit="seconds"
            yDomain={yDomain}
            yTicks={yTicks}
            height={height}
            Layers={HeatmapLayers}
            formatTick={formatTick}
            keyboardLabel={`${label}: ${HEATMAP_KEYS}`}
            describedBy={describedBy}
          />
        </HeatmapLayersContext.Provider>
        <TooltipHost onHost={setTooltipHost} />
        <div ref={setLiveHost} className="sr-only" aria-live="polite" data-testid="chart-live" />
      </div>
      <HeatmapLegend max={max} quantileLabel={data.quantile.label} />
    </>
  );
});

function HeatmapLegend({ max, quantileLabel }: { max: number; quantileLabel: string }) {
  return (
    <div className="heatmap-legend small" data-testid="heatmap-legend">
      <span className="muted">requests/s per bucket</span>
      <span
        className="heatmap-scale"
        role="img"
        aria-label={`colour scale, 0 to ${formatUnit(max, 'reqps')}`}
      >
        {HEATMAP_COLORS.map((color, band) => (
          <span
            key={color}
            style={{ background: color }}
            title={`from ${formatUnit(bandFloor(band, max), 'reqps')}`}
          />
        ))}
      </span>
      <span className="muted" data-testid="heatmap-scale-range">
        0 … {formatUnit(max, 'reqps')} (square-root scale)
      </span>
      {quantileLabel && (
        <span className="heatmap-legend-line">
          <span className="swatch" style={{ background: QUANTILE_COLOR }} />
          {quantileLabel} latency, all selected routes
        </span>
      )}
    </div>
  );
}
