// Calls `poll` every `intervalMs` while `active`, and once at once when it becomes active (so a
// page shown again, or un-paused, is fresh). The poll itself decides whether to skip a tick.
import { useEffect, useRef } from 'react';

export function usePolling(poll: () => unknown, intervalMs: number, active: boolean): void {
  const latest = useRef(poll);
  useEffect(() => {
    latest.current = poll;
  });
  useEffect(() => {
    if (!active) return;
    latest.current();
    const timer = setInterval(() => latest.current(), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
}
