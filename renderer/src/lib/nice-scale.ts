// Round axis bounds and ticks (0, 5, 10, 15, 20) for a value range: Heckbert's "nice numbers"
// (Graphics Gems, 1990). The timeseries panels choose their y ticks here, so the frame's axis
// and the lines are placed on the same scale in the same render.

/** A round number near `x`: 1, 2 or 5 (`round`) — or 1, 2, 5, 10 at or above it — × 10ⁿ. */
function niceNumber(x: number, round: boolean): number {
  const exp = Math.floor(Math.log10(x));
  const f = x / 10 ** exp;
  let nice: number;
  if (round) nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * 10 ** exp;
}

export interface NiceScale {
  /** Round bounds that contain [lo, hi]: whole steps. */
  domain: [number, number];
  step: number;
}

/** Bounds in round steps, about `count` ticks, covering [lo, hi]; an empty range is [lo, lo+1]. */
export function niceScale(lo: number, hi: number, count = 5): NiceScale {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return niceScale(0, 1, count);
  const top = hi > lo ? hi : lo + 1;
  const step = niceNumber(niceNumber(top - lo, false) / Math.max(1, count - 1), true);
  return {
    domain: [clean(Math.floor(lo / step) * step), clean(Math.ceil(top / step) * step)],
    step,
  };
}

/** Trims float noise: 0.1 + 0.2 labels as 0.3. */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

/** The ticks of a nice scale: every step from domain[0] to domain[1]. */
export function niceTicks(from: number, to: number, step: number): number[] {
  const ticks: number[] = [];
  if (!(step > 0)) return [from, to];
  for (let i = 0; from + i * step <= to + step / 2; i++) ticks.push(clean(from + i * step));
  return ticks;
}
