// The bar panel's keyboard: which bar the keys chose, and when its chart must start afresh so
// recharts shows that bar. Up / Down / Home / End step the bars and Escape or leaving the chart
// puts the choice away (stepRow in bar-parts.tsx); the handlers keep their identity across
// refreshes, so the chart's props stay the same objects (recharts reports changed props to its
// store, and every selector re-runs).
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { stepRow } from './bar-parts';

export function useBarKeys(rowCount: number) {
  /** The row the keys chose; null when they chose none (or Escape / blur put it away). */
  const [keyRow, setKeyRow] = useState<number | null>(null);
  /**
   * recharts shows `defaultIndex` only while its chart has seen no pointer hover; a key pressed
   * after a hover starts a fresh chart (a new key), so the keys' row is the one shown.
   */
  const [generation, setGeneration] = useState(0);
  const hovered = useRef(false);
  const onMouseMove = useCallback(() => {
    hovered.current = true;
    setKeyRow(null); // already null: React bails out without a render
  }, []);
  const onBlur = useCallback(() => setKeyRow(null), []);
  function onKey(e: KeyboardEvent<HTMLDivElement>): void {
    const next = rowCount ? stepRow(e.key, keyRow, rowCount - 1) : undefined;
    if (next === undefined) return;
    e.preventDefault(); // the keys step the bars; they do not scroll the page
    if (hovered.current) {
      hovered.current = false;
      setGeneration((g) => g + 1);
    }
    setKeyRow(next);
  }
  return { keyRow, generation, onKey, onMouseMove, onBlur };
}
