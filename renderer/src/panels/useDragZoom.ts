// Drag to zoom on a plot (every timeseries chart and the heatmap): press on the plot, drag
// across a span, release; a span narrower than MIN_DRAG_PX is a click, not a zoom. The keyboard
// does the same on a focused chart (keyboard-cursor.ts): Shift+arrows select, Enter zooms.
// Ours: recharts 3.11.3 has no drag-zoom (it is unreleased there); the selection itself is a
// recharts ReferenceArea on the timeseries charts (ZoomSelection.tsx).
import { useState, type MouseEvent } from 'react';
import type { LinearMap } from '../lib/linear-map';
import { MIN_DRAG_PX } from '../lib/zoom';

export interface DragZoom {
  /** The span being dragged (ms), for the shaded selection; null when none. */
  drag: { from: number; to: number } | null;
  /** The time (ms) under the mouse, or null outside an SVG. */
  timeAt: (e: MouseEvent<SVGElement>) => number | null;
  onDown: (e: MouseEvent<SVGElement>) => void;
  /** Follows the mouse while dragging. */
  onDragMove: (t: number) => void;
  /** Ends a drag; true when it zoomed. */
  onUp: () => boolean;
  cancel: () => void;
  /** Keyboard: shows the span selected with Shift+arrows (null: none). */
  select: (span: { from: number; to: number } | null) => void;
}

export function useDragZoom(
  x: LinearMap | null,
  onZoom: ((fromMs: number, toMs: number) => void) | undefined,
): DragZoom {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const timeAt = (e: MouseEvent<SVGElement>): number | null => {
    const svg = e.currentTarget.ownerSVGElement;
    if (!svg || !x || x.scale === 0) return null;
    return (e.clientX - svg.getBoundingClientRect().left - x.offset) / x.scale;
  };
  return {
    drag,
    timeAt,
    onDown(e) {
      const t = timeAt(e);
      if (!onZoom || e.button !== 0 || t === null) return;
      e.preventDefault(); // no text selection while dragging
      setDrag({ from: t, to: t });
    },
    onDragMove(t) {
      if (drag) setDrag({ from: drag.from, to: t });
    },
    onUp() {
      const zoomed =
        !!drag && !!onZoom && !!x && Math.abs(drag.to - drag.from) * x.scale >= MIN_DRAG_PX;
      if (zoomed) onZoom(drag.from, drag.to);
      setDrag(null);
      return zoomed;
    },
    cancel: () => setDrag(null),
    select: setDrag,
  };
}
