// One dashboard refresh from data arrival to painted panels, as samples: the pure part of
// paint-timing.ts (times are passed in), shared with the benchmark that reads the samples.

export interface PaintSample {
  /** performance.now() when the first response of the refresh arrived. */
  arrivedAt: number;
  /** arrival → the frame holding the last panel's update was painted, ms. */
  paintedMs: number;
  /** arrival → the second requestAnimationFrame after the last panel's commit, ms. */
  doubleRafMs: number;
  /** Per panel: its own arrival → its frame painted, ms. */
  panels: Record<string, number>;
}

interface OpenRefresh {
  arrivedAt: number;
  arrived: Map<string, number>;
  painted: Map<string, number>;
  doubleRaf: Map<string, number>;
}

/**
 * Collects refreshes of a fixed set of panels: pure (times are passed in), so it is tested
 * without a DOM. A refresh is complete when every expected panel has arrived and painted.
 */
export class RefreshPaintTracker {
  private open: OpenRefresh | null = null;
  readonly samples: PaintSample[] = [];

  constructor(
    private readonly expected: readonly string[],
    private readonly maxSamples = 1000,
  ) {}

  arrived(key: string, now: number): void {
    if (!this.open) {
      this.open = { arrivedAt: now, arrived: new Map(), painted: new Map(), doubleRaf: new Map() };
    }
    // A second response for a panel before the refresh completed (a panel that never commits)
    // restarts the refresh rather than mixing two refreshes into one sample.
    if (this.open.arrived.has(key)) {
      this.open = { arrivedAt: now, arrived: new Map(), painted: new Map(), doubleRaf: new Map() };
    }
    this.open.arrived.set(key, now);
  }

  painted(key: string, paintedAt: number, doubleRafAt: number): void {
    const open = this.open;
    if (!open || !open.arrived.has(key)) return;
    open.painted.set(key, paintedAt);
    open.doubleRaf.set(key, doubleRafAt);
    if (!this.expected.every((k) => open.painted.has(k))) return;
    const panels: Record<string, number> = {};
    for (const [k, at] of open.painted) panels[k] = at - (open.arrived.get(k) ?? open.arrivedAt);
    this.samples.push({
      arrivedAt: open.arrivedAt,
      paintedMs: Math.max(...open.painted.values()) - open.arrivedAt,
      doubleRafMs: Math.max(...open.doubleRaf.values()) - open.arrivedAt,
      panels,
    });
    if (this.samples.length > this.maxSamples) this.samples.shift();
    this.open = null;
  }

  clear(): void {
    this.samples.length = 0;
    this.open = null;
  }
}

/** What the page exposes on `window.__peakWatchPaintTiming` when opened with `?bench`. */
export interface PaintTimingProbe {
  samples: PaintSample[];
  clear: () => void;
}
