import { describe, expect, it } from 'vitest';
import { matrixToColumns } from './columns';
import { UnexpectedPayload } from './responses';

const matrix = (result: unknown[]) => ({ resultType: 'matrix', result });

describe('matrixToColumns', () => {
  it('puts every series on one time axis in ms', () => {
    const r = matrixToColumns(
      matrix([
        {
          metric: { route: '/a' },
          values: [
            [100, '1'],
            [115.5, '2'],
          ],
        },
        {
          metric: { route: '/b' },
          values: [
            [100, '3'],
            [115.5, '4'],
          ],
        },
      ]),
    );
    expect(r.times).toEqual([100_000, 115_500]);
    expect(r.series).toEqual([
      { metric: { route: '/a' }, values: [1, 2] },
      { metric: { route: '/b' }, values: [3, 4] },
    ]);
  });

  it('leaves null where a series has no sample (a gap) and for a series that appears mid-range', () => {
    const r = matrixToColumns(
      matrix([
        {
          metric: { route: '/a' },
          values: [
            [10, '1'],
            [30, '3'],
          ],
        },
        {
          metric: { route: '/new' },
          values: [
            [30, '7'],
            [40, '8'],
          ],
        },
      ]),
    );
    expect(r.times).toEqual([10_000, 30_000, 40_000]);
    expect(r.series[0]?.values).toEqual([1, 3, null]);
    expect(r.series[1]?.values).toEqual([null, 7, 8]);
  });

  it("keeps NaN and ±Inf as Prometheus's strings, since JSON cannot carry them", () => {
    const r = matrixToColumns(
      matrix([
        {
          metric: { le: '+Inf' },
          values: [
            [1, 'NaN'],
            [2, '+Inf'],
            [3, '-Inf'],
            [4, '0.25'],
          ],
        },
      ]),
    );
    expect(r.series[0]?.values).toEqual(['NaN', '+Inf', '-Inf', 0.25]);
    // What crosses the boundary survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('is empty for an empty matrix', () => {
    expect(matrixToColumns(matrix([]))).toEqual({ resultType: 'matrix', times: [], series: [] });
  });

  it('reports where an answer is not a Prometheus matrix', () => {
    expect(() => matrixToColumns({ resultType: 'vector', result: [] })).toThrow(UnexpectedPayload);
    expect(() => matrixToColumns(matrix([{ metric: {}, values: [[1, 2]] }]))).toThrow(
      /result\.0\.values\.0/,
    );
    expect(() =>
      matrixToColumns(
        matrix([
          { metric: {}, values: [[1, '1']] },
          { metric: { a: 1 }, values: [] },
        ]),
      ),
    ).toThrow(/result\.1\.metric\.a/);
    expect(() => matrixToColumns(matrix([{ metric: {}, values: [[1, 'abc']] }]))).toThrow(
      /not a sample value/,
    );
  });
});
