import { describe, expect, it } from 'vitest';
import { niceScale, niceTicks } from './nice-scale';
import {
  TICK_FRACTIONS,
  axisFraction,
  rechartsFractions,
  tickAt,
  valueAxis,
} from './axis-fraction';

const label = (v: number) => `${v}`;

/** The axis a timeseries panel makes for values from `lo` to `hi` (TimeseriesChart, BarPanelChart). */
function niceAxis(lo: number, hi: number) {
  const { domain, step } = niceScale(lo, hi);
  return valueAxis(domain, niceTicks(domain[0], domain[1], step), label);
}

describe('the value axis as fractions (axis-fraction.ts)', () => {
  it("puts every tick of a nice scale on one of recharts' fixed places, so its props never change", () => {
    const seen = new Set<number>();
    // Tops from 0.001 to 10⁶ in small steps, from 0 and from a low value below or above 0.
    for (let e = -3; e <= 6; e++) {
      for (let m = 1; m < 10; m += 0.01) {
        const hi = m * 10 ** e;
        for (const lo of [0, hi * 0.3, -hi * 0.45]) {
          const axis = niceAxis(lo, hi);
          expect(rechartsFractions(axis)).toBe(TICK_FRACTIONS);
          seen.add(axis.ticks.length - 1);
        }
      }
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("gives recharts the ticks' own places for a scale niceScale did not make", () => {
    const axis = valueAxis([0, 12], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], label);
    const fractions = rechartsFractions(axis);
    expect(fractions).not.toBe(TICK_FRACTIONS);
    expect(fractions).toHaveLength(13);
    expect(fractions[1]).toBeCloseTo(1 / 12, 12);
  });

  it('shows a tick only where one stands now, and drops ticks outside the domain', () => {
    const axis = valueAxis([0, 8], [-2, 0, 2, 4, 6, 8, 10], label);
    expect(axis.ticks.map((t) => t.value)).toEqual([0, 2, 4, 6, 8]);
    expect(tickAt(axis, 0.25)?.value).toBe(2);
    expect(tickAt(axis, 1 / 3)).toBeUndefined();
    // A grid line's place in pixels: within its tolerance.
    expect(tickAt(axis, 0.7501, 0.001)?.value).toBe(6);
    expect(tickAt(axis, 0.76, 0.001)).toBeUndefined();
  });

  it('places a value as its fraction of the axis, an empty axis at its start', () => {
    expect(axisFraction(5, [-5, 15])).toBe(0.5);
    expect(axisFraction(-5, [-5, 15])).toBe(0);
    expect(axisFraction(3, [2, 2])).toBe(0);
  });
});
