// The time a timeseries chart's hover cursor is on (ChartHover), moved by the mouse or, with the
// chart focused, by the keys: the arrows step from sample to sample (Home/End, Escape to
// leave), Shift+arrows select a span and Enter zooms into it (keyboard-cursor.ts); leaving the
// chart clears the cursor and the selection. The state lives in the hover, so moving the
// cursor re-renders the hover alone, never the lines or the axes.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { cursorKey } from './keyboard-cursor';
import type { DragZoom } from './useDragZoom';
import type { PlotMapping } from './usePlotMapping';

export interface HoverCursor {
  /** The plot's hit area: its SVG takes the keys. */
  area: RefObject<SVGRectElement | null>;
  /** The time (ms) pointed at: it stays put while refreshes slide the range. */
  at: number | null;
  /** Whether the keys moved the cursor last: only then is its sample read out. */
  viaKeys: boolean;
  /** The mouse points at `t`. */
  pointAt: (t: number) => void;
  /** The mouse left, or a drag zoomed: no cursor. */
  clear: () => void;
}

export function useHoverCursor(
  times: ArrayLike<number>,
  mapping: PlotMapping | null,
  select: DragZoom['select'],
  onZoom: ((fromMs: number, toMs: number) => void) | undefined,
): HoverCursor {
  const [at, setAt] = useState<number | null>(null);
  const [viaKeys, setViaKeys] = useState(false);
  const area = useRef<SVGRectElement>(null);
  /** The cursor and a Shift selection's start, as the keys last left them (keyboard-cursor.ts). */
  const cursor = useRef<number | null>(null);
  const anchor = useRef<number | null>(null);

  // `mapping` re-runs this when the hit area appears (the hover draws nothing without it).
  useEffect(() => {
    const svg = area.current?.ownerSVGElement;
    if (!svg) return;
    const keys = {
      times,
      cursor,
      anchor,
      move: (t: number | null) => {
        cursor.current = t;
        setAt(t);
        setViaKeys(true);
      },
      select,
      zoom: onZoom,
    };
    const onKey = (e: KeyboardEvent): void => {
      if (cursorKey(e, keys)) e.preventDefault(); // the keys move the cursor, not the page
    };
    const onBlur = (): void => {
      anchor.current = null;
      keys.move(null);
      select(null);
    };
    svg.addEventListener('keydown', onKey);
    svg.addEventListener('blur', onBlur);
    return () => {
      svg.removeEventListener('keydown', onKey);
      svg.removeEventListener('blur', onBlur);
    };
  }, [times, mapping, select, onZoom]);

  return {
    area,
    at,
    viaKeys,
    pointAt(t) {
      cursor.current = t;
      setAt(t);
      setViaKeys(false);
    },
    clear() {
      cursor.current = null;
      setAt(null);
    },
  };
}
