// A chart value axis as fractions of itself (0 its start, 1 its end): where a nice scale's
// ticks can stand, where a value falls, which tick stands at a place. Pure; the recharts side —
// the context, the tick and grid-line elements — is panels/value-axis.tsx, which says why.

/** The interval counts niceScale gives, 3 to 6 (axis-fraction.test.ts sweeps it), and fewer. */
const INTERVALS = [1, 2, 3, 4, 5, 6];

/** Every place a tick of a nice scale can fall, as the fraction of the axis from its start. */
export const TICK_FRACTIONS: readonly number[] = [
  ...new Set(INTERVALS.flatMap((n) => Array.from({ length: n + 1 }, (_, i) => clean(i / n)))),
].sort((a, b) => a - b);

function clean(v: number): number {
  return Number(v.toPrecision(12));
}

/** Where `value` falls on an axis over `domain`, as the fraction from its start. */
export function axisFraction(value: number, domain: readonly [number, number]): number {
  const length = domain[1] - domain[0];
  return length > 0 ? (value - domain[0]) / length : 0;
}

export interface ValueAxis {
  domain: readonly [number, number];
  /** The ticks shown: their values and their fractions of the axis. */
  ticks: readonly { value: number; fraction: number }[];
  label: (value: number) => string;
}

/** The axis a scale makes: ticks outside the domain are dropped. */
export function valueAxis(
  domain: readonly [number, number],
  ticks: readonly number[],
  label: (value: number) => string,
): ValueAxis {
  return {
    domain,
    ticks: ticks
      .filter((v) => v >= domain[0] && v <= domain[1])
      .map((value) => ({ value, fraction: clean(axisFraction(value, domain)) })),
    label,
  };
}

/**
 * The fractions recharts draws its ticks and grid lines at: the fixed ones when every tick of
 * the axis stands on one of them (then they never change), else the ticks' own — correct, at the
 * cost of recharts' update — for a scale niceScale did not make.
 */
export function rechartsFractions(axis: ValueAxis): readonly number[] {
  return axis.ticks.every((t) => TICK_FRACTIONS.includes(t.fraction))
    ? TICK_FRACTIONS
    : axis.ticks.map((t) => t.fraction);
}

/** The tick standing at `fraction`, within `tolerance`; undefined where none is shown now. */
export function tickAt(axis: ValueAxis, fraction: number, tolerance = 1e-9) {
  return axis.ticks.find((t) => Math.abs(t.fraction - fraction) <= tolerance);
}
