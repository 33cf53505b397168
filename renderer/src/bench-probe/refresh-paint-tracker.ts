// One dashboard refresh from data arrival to painted panels, as samples: the pure part of
// paint-timing.ts (times are passed in), shared with the benchmark that reads the samples.

export interface PaintSample {
  /** When the refresh's first response had arrived (performance.now() ms). */
  firstArrivedAt: number;
  /** First → last response of the refresh, ms: time spent waiting on the data source. */
  arrivalSpreadMs: number;
  /** Last response in → every panel's update painted (the task after that frame), ms. */
  paintedMs: number;
  /** Last response in → the second requestAnimationFrame after the last panel's commit, ms. */
  doubleRafMs: number;
  /** First response in → every panel's update painted, ms (includes the arrival spread). */
  fromFirstMs: number;
  /**
   * Where the arrival times come from: 'network' — the responses' last bytes reached the page
   * (Resource Timing `responseEnd`), however busy its main thread was; 'script' — the page's
   * code got the parsed response (no resource entries, e.g. Electron's IPC).
   */
  arrivalFrom: 'network' | 'script';
}

/** The responseEnd times of the refresh's data requests that ended in (from, to]. */
export type ReceivedBetween = (from: number, to: number) => number[];

interface OpenRefresh {
  arrived: Map<string, number>;
  painted: Map<string, number>;
  doubleRaf: Map<string, number>;
}

const open = (): OpenRefresh => ({ arrived: new Map(), painted: new Map(), doubleRaf: new Map() });

/**
 * Collects refreshes of a fixed set of panels: pure (times are passed in), so it is tested
 * without a DOM. A refresh is complete when every expected panel has arrived and painted.
 */
export class RefreshPaintTracker {
  private current: OpenRefresh | null = null;
  private lastCompletedAt = 0;
  readonly samples: PaintSample[] = [];

  constructor(
    private readonly expected: readonly string[],
    private readonly received?: ReceivedBetween,
    private readonly maxSamples = 1000,
  ) {}

  /** The page's code has a panel's parsed response. */
  arrived(key: string, now: number): void {
    this.current ??= open();
    // A second response for a panel before the refresh completed (one whose panel never
    // painted) starts a new refresh rather than mixing two into one sample.
    if (this.current.arrived.has(key)) this.current = open();
    this.current.arrived.set(key, now);
  }

  painted(key: string, paintedAt: number, doubleRafAt: number): void {
    const r = this.current;
    if (!r || !r.arrived.has(key)) return;
    r.painted.set(key, paintedAt);
    r.doubleRaf.set(key, doubleRafAt);
    if (!this.expected.every((k) => r.painted.has(k))) return;
    const inScript = [...r.arrived.values()];
    const onNetwork = this.received?.(this.lastCompletedAt, Math.max(...inScript)) ?? [];
    const times = onNetwork.length ? onNetwork : inScript;
    const first = Math.min(...times);
    const last = Math.max(...times);
    const painted = Math.max(...r.painted.values());
    this.samples.push({
      firstArrivedAt: first,
      arrivalSpreadMs: last - first,
      paintedMs: painted - last,
      doubleRafMs: Math.max(...r.doubleRaf.values()) - last,
      fromFirstMs: painted - first,
      arrivalFrom: onNetwork.length ? 'network' : 'script',
    });
    if (this.samples.length > this.maxSamples) this.samples.shift();
    this.lastCompletedAt = painted;
    this.current = null;
  }

  clear(): void {
    this.samples.length = 0;
    this.current = null;
  }
}

/** What the page exposes on `window.__peakWatchPaintTiming` when opened with `?bench`. */
export interface PaintTimingProbe {
  samples: PaintSample[];
  clear: () => void;
}
