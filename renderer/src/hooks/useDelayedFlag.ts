// A flag that turns on only once `on` has held for `delayMs`, and off at once: a spinner for
// work that is slow, not a flicker for every quick one. Grafana shows a panel's loading bar the
// same way, only while its query is slow; a local Prometheus answers a refresh in tens of ms.
import { useEffect, useState } from 'react';

/** How long work may run before a spinner shows that it still is. */
export const SPINNER_DELAY_MS = 400;

export function useDelayedFlag(on: boolean, delayMs = SPINNER_DELAY_MS): boolean {
  // Each stretch of `on` is a run of its own; only the run that has lasted the delay shows, so
  // a quick run right after a slow one starts from "not yet" (state from the previous render,
  // updated during render, so no frame shows the old run's flag).
  const [run, setRun] = useState({ on, id: 0 });
  // React renders again at once with the new run, before anything of this render is used.
  if (run.on !== on) setRun({ on, id: on ? run.id + 1 : run.id });
  const id = on ? run.id : -1;
  const [lateRun, setLateRun] = useState(-1);
  useEffect(() => {
    if (id < 0) return;
    const timer = setTimeout(() => setLateRun(id), delayMs);
    return () => clearTimeout(timer);
  }, [id, delayMs]);
  return id >= 0 && lateRun === id;
}
