// The heatmap's cells and its quantile line, on a canvas over the plot (runs built once per
// result in lib/heatmap-cells.ts, drawn whole again when the result or the size changes). A
// canvas, not SVG: 12 × 360 cells as rectangles were re-built, re-painted and re-rasterized on
// every refresh (docs/ARCHITECTURE.md); the quantile line is on it too, over the cells, which a
// recharts Line under the canvas could not be. Inside the chart for its scales (usePlotMapping).
import { memo, useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { drawHeatmap } from '../lib/heatmap-cells';
import { clearCanvas } from '../lib/line-canvas';
import { currentDevicePixelRatio } from './device-pixels';
import type { HeatmapLayersState } from './heatmap-layers-state';
import { usePlotMapping } from './usePlotMapping';

type CellsProps = Pick<HeatmapLayersState, 'data' | 'xDomain' | 'yDomain'> & {
  /** The element over the chart the canvas goes in (TooltipHost). */
  host: HTMLElement | null;
};

/** The cells and the quantile line on a canvas over the plot, drawn whole on each change. */
export const HeatmapCells = memo(function HeatmapCells({
  data,
  xDomain,
  yDomain,
  host,
}: CellsProps) {
  const mapping = usePlotMapping(xDomain, yDomain);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const plot = mapping?.plot;
  const dpr = currentDevicePixelRatio();
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !mapping || mapping.x.scale === 0) return;
    const { x, y, plot } = mapping;
    clearCanvas(canvas, ctx, plot.width, plot.height, dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawHeatmap(ctx, data, {
      t0: (plot.x - x.offset) / x.scale,
      pxPerMs: x.scale,
      rowPx: -y.scale,
      bottom: y.offset - plot.y,
    });
  }, [data, mapping, dpr, host]);
  if (!plot || !host || data.rates.rows.length === 0) return null;
  return createPortal(
    <canvas
      ref={canvasRef}
      className="heatmap-cells"
      data-testid="heatmap-cells"
      style={{
        position: 'absolute',
        left: plot.x,
        top: plot.y,
        width: plot.width,
        height: plot.height,
        pointerEvents: 'none',
      }}
    />,
    host,
  );
});
