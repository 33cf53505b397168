// A flag that turns on only once `on` has held for `delayMs`, and off at once: a spinner for
// work that is slow, not a flicker for every quick one. Grafana shows a panel's loading bar the
// same way, only while its query is slow; a local Prometheus answers a refresh in tens of ms.
import { useEffect, useState } from 'react';

/** How long work may run before a spinner shows that it still is. */
export const SPINNER_DELAY_MS = 400;

export function useDelayedFlag(on: boolean, delayMs = SPINNER_DELAY_MS): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!on) return;
    const timer = setTimeout(() => setLate(true), delayMs);
    // The work ended (or the delay changed): the next run starts from "not late" again.
    return () => {
      clearTimeout(timer);
      setLate(false);
    };
  }, [on, delayMs]);
  return on && late;
}
