// The heatmap's hover: the cell under the mouse or the keyboard cursor (useHeatmapCursor)
// outlined over the cells' canvas, in the chart's overlay host, with its tooltip and live text
// (CellReadout), and drag-to-zoom (useDragZoom) like every timeseries chart. Inside the recharts
// chart for its scales (usePlotMapping); its state is its own, so hovering re-renders the hover
// alone, never the canvas or the axes.
import { memo, type MouseEvent } from 'react';
import { CellReadout } from './CellReadout';
import { HoverMarks } from './ChartFrame';
import { hoveredCell } from './heatmap-hover';
import type { HeatmapLayersState } from './heatmap-layers-state';
import { ZoomSelection } from './ZoomSelection';
import { useDragZoom } from './useDragZoom';
import { useHeatmapCursor } from './useHeatmapCursor';
import { usePlotMapping } from './usePlotMapping';

export const HeatmapHover = memo(function HeatmapHover({
  data,
  xDomain,
  yDomain,
  tooltipHost,
  liveHost,
  onZoom,
}: HeatmapLayersState) {
  const mapping = usePlotMapping(xDomain, yDomain);
  const { drag, timeAt, onDown, onDragMove, onUp, cancel, select } = useDragZoom(
    mapping?.x ?? null,
    onZoom,
  );
  const { area, at, viaKeys, pointAt, clear } = useHeatmapCursor(data, mapping, select, onZoom);
  if (!mapping || mapping.x.scale === 0 || mapping.y.scale === 0) return null;
  const { x, y, plot } = mapping;

  function onMove(e: MouseEvent<SVGRectElement>): void {
    const t = timeAt(e);
    const svg = e.currentTarget.ownerSVGElement;
    if (t === null || !svg) return;
    const value = (e.clientY - svg.getBoundingClientRect().top - y.offset) / y.scale;
    pointAt(t, Math.min(data.rates.rows.length - 1, Math.max(0, Math.floor(value))));
    onDragMove(t);
  }

  const cell = hoveredCell(data, at, mapping);

  return (
    <g className="chart-hover">
      <rect
        ref={area}
        x={plot.x}
        y={plot.y}
        width={plot.width}
        height={plot.height}
        fill="transparent"
        onMouseMove={onMove}
        onMouseDown={onDown}
        onMouseUp={() => {
          if (onUp()) clear();
        }}
        onMouseLeave={() => {
          clear();
          cancel();
        }}
        style={onZoom ? { cursor: 'crosshair' } : undefined}
        data-testid="chart-plot"
      />
      {(drag || cell) && (
        // Over the cells' canvas: the dragged span and the hovered cell.
        <HoverMarks host={tooltipHost}>
          {drag && <ZoomSelection drag={drag} x={x} plot={plot} />}
          {cell && (
            <rect
              x={cell.box.x}
              y={cell.box.y}
              width={cell.box.w}
              height={cell.box.h}
              fill="none"
              stroke="#fff"
              pointerEvents="none"
            />
          )}
        </HoverMarks>
      )}
      {cell?.row && (
        <CellReadout
          cell={cell}
          row={cell.row}
          data={data}
          plot={plot}
          tooltipHost={tooltipHost}
          liveHost={liveHost}
          viaKeys={viaKeys}
        />
      )}
    </g>
  );
});
