// Which series of a chart are hidden: a click toggles one, Ctrl/Cmd-click isolates it (and
// isolating the only shown one shows all again), as in Grafana. Dashboard panels and Explore.
import { useCallback, useState } from 'react';

export function useHiddenSeries(): [
  ReadonlySet<string>,
  (key: string, isolate: boolean, all: readonly string[]) => void,
] {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((key: string, isolate: boolean, all: readonly string[]) => {
    setHidden((prev) => {
      if (isolate) {
        const onlyThis = all.every((k) => k === key || prev.has(k)) && !prev.has(key);
        return onlyThis ? new Set() : new Set(all.filter((k) => k !== key));
      }
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  return [hidden, toggle];
}
