// The keys of a focused chart (timeseries and heatmap): Left/Right step from sample to sample,
// Home/End go to the ends, Shift with any of them selects a span from where the selection began,
// Enter zooms into it and Escape leaves. The cursor is read from and written to a ref here, in
// the handler, so keys pressed faster than React renders each step on from the last one.
import type { RefObject } from 'react';
import { nearestIndex } from '../lib/chart-axes';

export interface CursorKeys {
  /** The sample times (ms) the cursor stops at. */
  times: ArrayLike<number>;
  /** Where the cursor is (ms), or null; the mouse writes it too. */
  cursor: RefObject<number | null>;
  /** Where a Shift selection began, or null. */
  anchor: RefObject<number | null>;
  /** Moves the cursor (and what it shows). */
  move: (t: number | null) => void;
  /** Shows the selected span, or none. */
  select: (span: { from: number; to: number } | null) => void;
  /** Without it, Shift selects nothing and Enter does nothing. */
  zoom?: (fromMs: number, toMs: number) => void;
}

/** Handles one key; true when it was one of the chart's (the caller then prevents scrolling). */
export function cursorKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>, k: CursorKeys): boolean {
  const { times } = k;
  const last = times.length - 1;
  if (last < 0) return false;
  const at = k.cursor.current;
  const i = at === null ? null : nearestIndex(times, at);
  let next: number | undefined;
  switch (e.key) {
    case 'ArrowLeft':
      next = times[i === null ? last : Math.max(0, i - 1)];
      break;
    case 'ArrowRight':
      next = times[i === null ? last : Math.min(last, i + 1)];
      break;
    case 'Home':
      next = times[0];
      break;
    case 'End':
      next = times[last];
      break;
    case 'Escape':
      k.anchor.current = null;
      k.select(null);
      k.move(null);
      return true;
    case 'Enter': {
      const from = k.anchor.current;
      if (from === null || at === null || from === at || !k.zoom) return false;
      k.anchor.current = null;
      k.select(null);
      k.move(null);
      k.zoom(from, at);
      return true;
    }
    default:
      return false;
  }
  if (next === undefined) return false;
  if (e.shiftKey && k.zoom) {
    k.anchor.current ??= at ?? next;
    k.select({ from: k.anchor.current, to: next });
  } else if (k.anchor.current !== null) {
    k.anchor.current = null;
    k.select(null);
  }
  k.move(next);
  return true;
}
