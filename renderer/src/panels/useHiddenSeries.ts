// Which series of a chart are hidden, and the legend's toggle: a click toggles one,
// Ctrl/Cmd-click isolates it (and isolating the only shown one shows all again), as in Grafana.
// The one legend-toggle of dashboard panels (PanelCard) and Explore (ExplorePage).
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

/** Hides `key`, shows it again, or isolates it among `all`. */
export function toggleHidden(
  prev: ReadonlySet<string>,
  key: string,
  isolate: boolean,
  all: readonly string[],
): ReadonlySet<string> {
  if (isolate) {
    const onlyThis = all.every((k) => k === key || prev.has(k)) && !prev.has(key);
    return onlyThis ? new Set() : new Set(all.filter((k) => k !== key));
  }
  const next = new Set(prev);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/**
 * The hidden series of a chart whose series are `keys`, and the legend's `onToggle`. The toggle
 * is one function for the chart's life (it reads the keys of the latest result), so the legend's
 * entries need not re-render for a new callback on every refresh.
 */
export function useHiddenSeries(
  keys: readonly string[],
): [ReadonlySet<string>, (key: string, isolate: boolean) => void] {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const keysNow = useRef(keys);
  useLayoutEffect(() => {
    keysNow.current = keys;
  }, [keys]);
  const onToggle = useCallback((key: string, isolate: boolean) => {
    setHidden((prev) => toggleHidden(prev, key, isolate, keysNow.current));
  }, []);
  return [hidden, onToggle];
}
