// What the heatmap says about the cell under its cursor (HeatmapHover): the tooltip beside the
// cell — time span, bucket and rate, the quantile then — and, when the keys moved the cursor,
// the same said in the chart's live region. Apart from HeatmapHover so the hover file holds the
// pointer, keys and marks, and this the words. Not memo'd: it renders only with the hover, and
// its cell is new on each of those renders.
import { createPortal } from 'react-dom';
import { formatUnit } from '../lib/format';
import { QUANTILE_COLOR, type HeatmapRow } from '../lib/heatmap';
import type { HeatmapData } from '../lib/heatmap-cells';
import { rowLabel } from '../lib/heatmap-labels';
import { SideTooltip } from './ChartFrame';
import { cellSentence, cellSpan, quantileText, type HoveredCell } from './heatmap-hover';
import type { PlotMapping } from './usePlotMapping';

interface Props {
  cell: HoveredCell;
  row: HeatmapRow;
  data: HeatmapData;
  plot: PlotMapping['plot'];
  tooltipHost: HTMLElement | null;
  liveHost: HTMLElement | null;
  viaKeys: boolean;
}

export function CellReadout({ cell, row, data, plot, tooltipHost, liveHost, viaKeys }: Props) {
  const { box } = cell;
  return (
    <>
      {tooltipHost && (
        <SideTooltip host={tooltipHost} plot={plot} left={box.x} right={box.x + box.w}>
          <div className="chart-tooltip" data-testid="chart-tooltip">
            <div className="chart-tooltip-time">{cellSpan(cell.time, data.stepMs)}</div>
            <div className="chart-tooltip-row">
              <span className="chart-tooltip-name">{rowLabel(row)}</span>
              <span className="chart-tooltip-value">{formatUnit(cell.rate, 'reqps')}</span>
            </div>
            <div className="chart-tooltip-row">
              <span className="swatch" style={{ background: QUANTILE_COLOR }} />
              <span className="chart-tooltip-name">{data.quantile.label}</span>
              <span className="chart-tooltip-value">{quantileText(cell.q)}</span>
            </div>
          </div>
        </SideTooltip>
      )}
      {viaKeys && liveHost && createPortal(cellSentence(cell, row, data), liveHost)}
    </>
  );
}
