// What the heatmap draws on its plot, one layer set like plot-layers.tsx's for the lines: the
// cells and the quantile line over them on a canvas (HeatmapCells), the time labels, the hover
// — bucket range, time, rate, the quantile then — with drag-to-zoom like every timeseries chart
// (HeatmapHover), and the exemplar dots.
// Ours, inside the recharts chart and through its scales (usePlotMapping): recharts 3.11.3 has
// no heatmap (it is unreleased there).
import { useContext } from 'react';
import { rowPosition } from '../lib/heatmap';
import { TimeDomainAxis } from './ChartFrame';
import { ExemplarDots } from './ExemplarDots';
import { HeatmapCells } from './HeatmapCells';
import { HeatmapHover } from './HeatmapHover';
import { HeatmapLayersContext } from './heatmap-layers-state';
import { TimeAxis } from './TimeAxis';

export { HeatmapLayersContext, type HeatmapLayersState } from './heatmap-layers-state';

/** Rendered inside the recharts chart (ChartFrame's `Layers`), so the layers can use its scales. */
export function HeatmapLayers() {
  const state = useContext(HeatmapLayersContext);
  if (!state) return null;
  return (
    <>
      <TimeDomainAxis />
      <HeatmapCells
        data={state.data}
        xDomain={state.xDomain}
        yDomain={state.yDomain}
        host={state.tooltipHost}
      />
      <TimeAxis
        ticks={state.timeTicks}
        withSeconds={state.withSeconds}
        xDomain={state.xDomain}
        yDomain={state.yDomain}
      />
      <HeatmapHover {...state} />
      <ExemplarDots
        xDomain={state.xDomain}
        yDomain={state.yDomain}
        toY={(v) => rowPosition(state.data.rates.rows, v)}
      />
    </>
  );
}
