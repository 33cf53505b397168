import { describe, expect, it } from 'vitest';
import { decodeColumns, encodeColumns, holdsColumns } from './columns-wire';

/** What a reader gets: the bytes in a buffer of their own, starting at 0, as fetch gives them. */
const roundTrip = (value: unknown): unknown => decodeColumns(encodeColumns(value).slice().buffer);

describe('the columns wire format', () => {
  it('brings typed arrays back as themselves, every value bit for bit, beside plain JSON', () => {
    const value = {
      ok: true,
      value: {
        resultType: 'matrix',
        times: Float64Array.of(1_700_000_000_000, 1_700_000_015_000),
        series: [
          // An odd-length Uint8Array before a Float64Array: the next array must still be aligned.
          {
            metric: { route: '/a' },
            values: Float64Array.of(NaN, -0),
            missing: Uint8Array.of(1, 0),
          },
          { metric: { le: '+Inf' }, values: Float64Array.of(Infinity, -Infinity) },
        ],
      },
    };
    const back = roundTrip(value) as typeof value;
    expect(back).toEqual(value);
    expect(back.value.times).toBeInstanceOf(Float64Array);
    expect(back.value.series[0]?.missing).toBeInstanceOf(Uint8Array);
    expect(Object.is(back.value.series[0]?.values[1], -0)).toBe(true);
  });

  it('makes the arrays views of the answer it reads (nothing is copied or parsed)', () => {
    const bytes = encodeColumns({ a: Uint8Array.of(7), b: Float64Array.of(1, 2, 3) }).slice();
    const back = decodeColumns(bytes.buffer) as { a: Uint8Array; b: Float64Array };
    expect(back.b.buffer).toBe(bytes.buffer);
    expect(back.b.byteOffset % 8).toBe(0);
    expect(Array.from(back.b)).toEqual([1, 2, 3]);
  });

  it('encodes a view of part of a larger buffer as just that part', () => {
    const big = Float64Array.of(9, 1, 2, 9);
    const back = roundTrip({ v: big.subarray(1, 3) }) as { v: Float64Array };
    expect(Array.from(back.v)).toEqual([1, 2]);
  });

  it("keeps the answer's own keys that start with $, such as a label named $columns", () => {
    const value = {
      series: [{ metric: { $columns: 'f64', at: '0', $$x: 'y' }, values: Float64Array.of(1) }],
    };
    expect(roundTrip(value)).toEqual(value);
  });

  it('tells a value with typed arrays from one without', () => {
    expect(holdsColumns({ ok: true, value: { series: [{ values: new Float64Array(1) }] } })).toBe(
      true,
    );
    expect(holdsColumns({ ok: true, value: { settings: { a: [1, 2], b: 'x' } } })).toBe(false);
    expect(holdsColumns(null)).toBe(false);
  });

  it('refuses a truncated or garbled answer with what is wrong', () => {
    const bytes = encodeColumns({ v: Float64Array.of(1, 2) });
    expect(() => decodeColumns(new ArrayBuffer(2))).toThrow(/shorter than its header/);
    expect(() => decodeColumns(bytes.slice(0, 10).buffer)).toThrow(/ends inside its header/);
    expect(() => decodeColumns(bytes.slice(0, bytes.length - 8).buffer)).toThrow(/out of bounds/);
    const forged = (header: string): ArrayBuffer => {
      const text = new TextEncoder().encode(header);
      const out = new Uint8Array(8 + text.length + 8);
      new DataView(out.buffer).setUint32(0, text.length, true);
      out.set(text, 4);
      return out.buffer;
    };
    expect(() =>
      decodeColumns(forged('{"order":"little","value":{"$columns":"i32","at":0,"length":1}}')),
    ).toThrow(/bad array reference/);
    expect(() =>
      decodeColumns(forged('{"order":"little","value":{"$columns":"f64","at":4,"length":1}}')),
    ).toThrow(/not on a multiple of 8/);
    expect(() =>
      decodeColumns(forged('{"order":"little","value":{"$columns":"f64","at":8,"length":1}}')),
    ).toThrow(/out of bounds/);
    expect(() => decodeColumns(forged('{"order":"big","value":1}'))).toThrow(/big-endian/);
    expect(() => decodeColumns(forged('{"order":'))).toThrow(SyntaxError);
  });
});
