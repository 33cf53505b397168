// The span being dragged across a plot (useDragZoom), shaded until the mouse is released.
import type { LinearMap } from '../lib/linear-map';
import type { PlotArea } from './ChartFrame';

interface Props {
  /** Times (ms) where the drag began and where the mouse is now. */
  drag: { from: number; to: number };
  x: LinearMap;
  plot: PlotArea;
}

export function ZoomSelection({ drag, x, plot }: Props) {
  return (
    <rect
      x={x.scale * Math.min(drag.from, drag.to) + x.offset}
      y={plot.y}
      width={Math.abs(drag.to - drag.from) * x.scale}
      height={plot.height}
      fill="rgba(91, 156, 246, 0.18)"
      stroke="rgba(91, 156, 246, 0.6)"
      pointerEvents="none"
      data-testid="chart-zoom-selection"
    />
  );
}
