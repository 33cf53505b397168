// Data arrival → painted panels, measured inside the page for `npm run bench:ui`. Bench
// instrumentation, not a pure function, so it lives here and not in lib/. Nothing happens on
// import: main.tsx calls installPaintTiming(), which does nothing unless the console was opened
// with `?bench`; then every refresh adds a sample to `window.__peakWatchPaintTiming` for the
// benchmark to read. The note* calls cost one null test each otherwise.
//
// A refresh's data has arrived when the last byte of the last of its panel queries reached the
// page (Resource Timing's responseEnd of the /rpc/query* requests, so a busy main thread does
// not hide its own backlog); parsing and shaping the responses are the renderer's work and are
// timed. Without resource entries (Electron's IPC) the time the page's code got the parsed
// response stands in. It is painted when every panel has committed its update and that frame
// is done: a task posted from requestAnimationFrame runs once the frame's style, layout and paint
// have run. The second requestAnimationFrame after the commit (one frame later) is recorded too.
// Each step is also a User Timing mark (probe-commit, probe-raf1, probe-painted, probe-raf2), so
// a trace (BENCH_UI_TRACE) shows where between them the time went.
import { PANELS } from '../../../shared/dashboard';
import { RefreshPaintTracker, type PaintTimingProbe } from './refresh-paint-tracker';

declare global {
  interface Window {
    __peakWatchPaintTiming?: PaintTimingProbe;
  }
}

const DATA_REQUEST = /\/rpc\/query(Range)?$/;

/** responseEnd of the panel queries that ended in (from, to]; then forgets every entry, so the
 * browser's resource timing buffer (250 entries) never fills during a long run. */
function panelQueriesReceived(from: number, to: number): number[] {
  const ends = performance
    .getEntriesByType('resource')
    .filter((e) => DATA_REQUEST.test(new URL(e.name).pathname))
    .map((e) => (e as PerformanceResourceTiming).responseEnd)
    .filter((end) => end > from && end <= to);
  performance.clearResourceTimings();
  return ends;
}

let tracker: RefreshPaintTracker | null = null;

/** Explore's graph, timed like a dashboard of one panel (`?bench=explore`). */
export const EXPLORE_PROBE_KEY = 'explore';

/** With `?bench` in the page's URL, starts collecting samples on `window.__peakWatchPaintTiming`:
 * of the dashboard's panels, or with `?bench=explore` of Explore's graph. */
export function installPaintTiming(): void {
  const bench = new URLSearchParams(window.location.search).get('bench');
  if (bench === null) return;
  const t = new RefreshPaintTracker(
    bench === 'explore' ? [EXPLORE_PROBE_KEY] : PANELS.map((p) => p.key),
    panelQueriesReceived,
  );
  window.__peakWatchPaintTiming = { samples: t.samples, clear: () => t.clear() };
  tracker = t;
}

/** A panel's response is in the renderer. */
export function noteDataArrived(panelKey: string): void {
  tracker?.arrived(panelKey, performance.now());
}

/** Panels committed since the frame callback was asked for: one rAF chain serves them all. */
let committed: string[] | null = null;

/** A panel committed its new data (call from a layout effect, before the browser paints). The
 * panels of one commit share one pair of frame callbacks: seven pairs per refresh were ~2 ms of
 * the probe's own in a profile, inside the time it measures. */
export function notePanelCommitted(panelKey: string): void {
  const t = tracker;
  if (!t) return;
  if (committed) {
    committed.push(panelKey);
    return;
  }
  const keys = (committed = [panelKey]);
  performance.mark('probe-commit');
  requestAnimationFrame(() => {
    performance.mark('probe-raf1');
    committed = null;
    const channel = new MessageChannel();
    let paintedAt = 0;
    channel.port1.onmessage = () => {
      paintedAt = performance.now();
      performance.mark('probe-painted');
      channel.port1.close();
    };
    channel.port2.postMessage(null);
    requestAnimationFrame(() => {
      performance.mark('probe-raf2');
      const now = performance.now();
      for (const key of keys) t.painted(key, paintedAt || now, now);
    });
  });
}
