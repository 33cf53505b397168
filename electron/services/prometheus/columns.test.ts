import { describe, expect, it } from 'vitest';
import { sampleAt, type RangeSeries } from '../../../shared/api';
import { decodeColumns, encodeColumns } from '../../../shared/columns-wire';
import { matrixToColumns } from './columns';
import { UnexpectedPayload } from './responses';

const matrix = (result: unknown[]) => ({ resultType: 'matrix', result });

/** A series' samples as numbers, null where it has none. */
const samples = (s: RangeSeries | undefined): (number | null)[] =>
  s ? Array.from(s.values, (_, i) => sampleAt(s, i)) : [];

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
    expect(r.times).toEqual(Float64Array.of(100_000, 115_500));
    expect(r.series).toEqual([
      { metric: { route: '/a' }, values: Float64Array.of(1, 2) },
      { metric: { route: '/b' }, values: Float64Array.of(3, 4) },
    ]);
  });

  it('marks where a series has no sample (a gap) and a series that appears mid-range', () => {
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
    expect(Array.from(r.times)).toEqual([10_000, 30_000, 40_000]);
    expect(samples(r.series[0])).toEqual([1, 3, null]);
    expect(samples(r.series[1])).toEqual([null, 7, 8]);
    expect(r.series[1]?.missing).toEqual(Uint8Array.of(1, 0, 0));
    expect(Array.from(r.series[1]?.values ?? [])).toEqual([NaN, 7, 8]);
  });

  it('keeps NaN and ±Inf as values, told apart from a missing sample', () => {
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
    expect(samples(r.series[0])).toEqual([NaN, Infinity, -Infinity, 0.25]);
    expect(r.series[0]?.missing).toBeUndefined();
    // What crosses the web host's boundary survives it unchanged.
    expect(decodeColumns(encodeColumns(r).slice().buffer)).toEqual(r);
  });

  it('is empty for an empty matrix', () => {
    expect(matrixToColumns(matrix([]))).toEqual({
      resultType: 'matrix',
      times: new Float64Array(0),
      series: [],
    });
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
