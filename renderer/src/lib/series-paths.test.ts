import { describe, expect, it } from 'vitest';
import { PATH_BOX, seriesPaths } from './series-paths';

describe('seriesPaths', () => {
  it('spans the box with the first and last time and the value range, y pointing down', () => {
    const paths = seriesPaths([0, 500, 1000], [Float64Array.from([0, 5, 10])], 0, 10);
    expect(paths.box).toEqual({ t0: 0, t1: 1000, lo: 0, hi: 10 });
    expect(paths.lines).toEqual([`M0,${PATH_BOX}L${PATH_BOX / 2},${PATH_BOX / 2}L${PATH_BOX},0`]);
  });

  it('fills the area down to 0 for a single series only', () => {
    const one = seriesPaths([0, 1000], [Float64Array.from([2, 4])], -4, 4);
    // 0 sits half way between -4 and 4.
    expect(one.area).toBe(`M0,1250L${PATH_BOX},0L${PATH_BOX},2500L0,2500Z`);
    const two = seriesPaths(
      [0, 1000],
      [Float64Array.from([1, 2]), Float64Array.from([2, 1])],
      0,
      2,
    );
    expect(two.area).toBeNull();
    expect(two.lines).toHaveLength(2);
  });

  it('gives a single time or a flat range a box that is not empty', () => {
    const paths = seriesPaths([5000], [Float64Array.from([0])], 0, 0);
    expect(paths.box.t1).toBeGreaterThan(paths.box.t0);
    expect(paths.box.hi).toBeGreaterThan(paths.box.lo);
    expect(paths.lines[0]).toMatch(/^M0,\d+h\d+$/);
  });
});
