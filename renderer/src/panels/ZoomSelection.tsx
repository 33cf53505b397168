// The span being dragged across a plot, or selected with Shift+arrows (useDragZoom), shaded
// until it is released. On a timeseries chart it is a recharts `ReferenceArea` (`ZoomArea`),
// under the lines' canvas, which is transparent between the lines. The heatmap's cells are an
// opaque canvas over the recharts SVG, so there it is drawn over them in the hover's marks
// (`ZoomSelection`, in HoverMarks), which recharts' reference areas cannot reach.
import { chartX } from './ChartFrame';
import { ReferenceArea } from 'recharts';
import type { LinearMap } from '../lib/linear-map';

type Span = { from: number; to: number };
const FILL = 'rgba(91, 156, 246, 0.18)';
const STROKE = 'rgba(91, 156, 246, 0.6)';

interface ShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

function SelectionShape({ x = 0, y = 0, width = 0, height = 0 }: ShapeProps) {
  return (
    <rect
      x={x}
      y={y}
      width={width}
      height={height}
      fill={FILL}
      stroke={STROKE}
      pointerEvents="none"
      data-testid="chart-zoom-selection"
    />
  );
}

/** A timeseries chart's selection (ms), on the chart's x (the fraction of the shown span). */
export function ZoomArea({ drag, xDomain }: { drag: Span; xDomain: readonly [number, number] }) {
  return (
    <ReferenceArea
      x1={chartX(Math.min(drag.from, drag.to), xDomain)}
      x2={chartX(Math.max(drag.from, drag.to), xDomain)}
      ifOverflow="hidden"
      shape={SelectionShape}
    />
  );
}

/** The heatmap's selection, over its cells (HoverMarks). */
export function ZoomSelection({
  drag,
  x,
  plot,
}: {
  drag: Span;
  x: LinearMap;
  plot: { y: number; height: number };
}) {
  return (
    <SelectionShape
      x={x.scale * Math.min(drag.from, drag.to) + x.offset}
      y={plot.y}
      width={Math.abs(drag.to - drag.from) * x.scale}
      height={plot.height}
    />
  );
}
