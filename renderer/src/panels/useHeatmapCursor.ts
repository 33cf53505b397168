// The cell the heatmap's hover cursor is on (HeatmapHover), moved by the mouse or, with the
// chart focused, by the keys: Left/Right step from cell to cell in time, Home/End to the ends,
// Shift selects a span and Enter zooms (keyboard-cursor.ts); Up/Down move between buckets.
// Leaving the chart clears the cursor and the selection. The state lives in the hover, so moving
// the cursor re-renders the hover alone, never the cells' canvas or the axes.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { HeatmapData } from '../lib/heatmap-cells';
import type { HeatmapCursor } from './heatmap-hover';
import { cursorKey } from './keyboard-cursor';
import type { DragZoom } from './useDragZoom';
import type { PlotMapping } from './usePlotMapping';

export interface HeatmapCursorState {
  /** The plot's hit area: its SVG takes the keys. */
  area: RefObject<SVGRectElement | null>;
  at: HeatmapCursor | null;
  /** Whether the keys moved the cursor last: only then is its cell read out. */
  viaKeys: boolean;
  /** The mouse points at time `t` in bucket row `row`. */
  pointAt: (t: number, row: number) => void;
  /** The mouse left, or a drag zoomed: no cursor. */
  clear: () => void;
}

export function useHeatmapCursor(
  data: HeatmapData,
  mapping: PlotMapping | null,
  select: DragZoom['select'],
  onZoom: ((fromMs: number, toMs: number) => void) | undefined,
): HeatmapCursorState {
  const [at, setAt] = useState<HeatmapCursor | null>(null);
  const [viaKeys, setViaKeys] = useState(false);
  const area = useRef<SVGRectElement>(null);
  /** The cell the keys last moved to (time and bucket row) and a Shift selection's start. */
  const cursor = useRef<number | null>(null);
  const cursorRow = useRef(0);
  const anchor = useRef<number | null>(null);
  const { times: cellTimes } = data.rates;
  const rowCount = data.rates.rows.length;

  // `mapping` re-runs this when the hit area appears (the hover draws nothing without it).
  useEffect(() => {
    const svg = area.current?.ownerSVGElement;
    if (!svg) return;
    const move = (t: number | null): void => {
      cursor.current = t;
      setAt(t === null ? null : { t, row: cursorRow.current });
      setViaKeys(true);
    };
    const keys = { times: cellTimes, cursor, anchor, move, select, zoom: onZoom };
    const onKey = (e: KeyboardEvent): void => {
      const up = e.key === 'ArrowUp' ? 1 : e.key === 'ArrowDown' ? -1 : 0;
      if (up && rowCount > 0 && cellTimes.length > 0) {
        e.preventDefault(); // the keys move the cell, not the page
        const first = cursor.current === null;
        cursorRow.current = first ? 0 : Math.min(rowCount - 1, Math.max(0, cursorRow.current + up));
        move(cursor.current ?? cellTimes[cellTimes.length - 1] ?? null);
        return;
      }
      if (cursorKey(e, keys)) e.preventDefault();
    };
    const onBlur = (): void => {
      anchor.current = null;
      move(null);
      select(null);
    };
    svg.addEventListener('keydown', onKey);
    svg.addEventListener('blur', onBlur);
    return () => {
      svg.removeEventListener('keydown', onKey);
      svg.removeEventListener('blur', onBlur);
    };
  }, [cellTimes, rowCount, mapping, select, onZoom]);

  return {
    area,
    at,
    viaKeys,
    pointAt(t, row) {
      cursor.current = t;
      cursorRow.current = row;
      setAt({ t, row });
      setViaKeys(false);
    },
    clear() {
      cursor.current = null;
      setAt(null);
    },
  };
}
