import { describe, expect, it } from 'vitest';
import {
  fillArea,
  planDraw,
  strokeSeries,
  type DrawnLines,
  type LineContext,
  type LinesToDraw,
} from './line-canvas';

const STEP = 5_000;
const Y = { scale: -2, offset: 100 };

/** `n` samples from `first` (ms), one every STEP, per series value = f(series, time). */
function lines(first: number, n: number, f = (s: number, t: number) => s + t / STEP) {
  const times = Float64Array.from({ length: n }, (_, i) => first + i * STEP);
  const columns = [0, 1].map((s) => Float64Array.from(times, (t) => f(s, t)));
  return { times, columns };
}

function toDraw(first: number, n: number, over: Partial<LinesToDraw> = {}): LinesToDraw {
  const { times, columns } = lines(first, n);
  return {
    times,
    columns,
    identities: ['{"route":"/a"}', '{"route":"/b"}'],
    xStart: first,
    xEnd: first + (n - 1) * STEP,
    pxPerMs: 0.01,
    y: Y,
    width: 800,
    height: 200,
    dpr: 1,
    shown: '11',
    area: false,
    ...over,
  };
}

const drawnFrom = (next: LinesToDraw, t0 = next.xStart): DrawnLines => ({ ...next, t0 });

describe('planDraw', () => {
  const before = toDraw(0, 10);
  const drawn = drawnFrom(before);

  it('draws everything the first time', () => {
    expect(planDraw(null, before)).toEqual({ kind: 'full' });
  });

  it('draws only the new samples, from the last one already drawn, when the range slid on', () => {
    // Two steps later: the first two samples fell off the left, two new ones came in.
    const next = toDraw(2 * STEP, 10);
    expect(planDraw(drawn, next)).toEqual({ kind: 'tail', from: 7 });
  });

  it('draws nothing new when no sample came in (the tail starts at the last point)', () => {
    expect(planDraw(drawn, toDraw(0, 10))).toEqual({ kind: 'tail', from: 9 });
  });

  it('draws everything when a sample already drawn changed', () => {
    const next = toDraw(STEP, 10);
    const changed = Float64Array.from(next.columns[1] ?? []);
    changed[3] = 99;
    expect(planDraw(drawn, { ...next, columns: [next.columns[0]!, changed] })).toEqual({
      kind: 'full',
    });
  });

  it('treats a gap that stays a gap as unchanged, and a filled gap as a change', () => {
    const gap = (c: Float64Array) => {
      const copy = Float64Array.from(c);
      copy[5] = Number.NaN;
      return copy;
    };
    const withGap = { ...before, columns: before.columns.map(gap) };
    const next = toDraw(STEP, 10);
    expect(planDraw(drawnFrom(withGap), { ...next, columns: next.columns.map(gap) })).toEqual({
      kind: 'full', // index 5 of the next data is sample 6: the gap moved
    });
    const sameGap = next.columns.map((c) => {
      const copy = Float64Array.from(c);
      copy[4] = Number.NaN; // sample 5, where the drawn gap is
      return copy;
    });
    expect(planDraw(drawnFrom(withGap), { ...next, columns: sameGap })).toEqual({
      kind: 'tail',
      from: 8,
    });
    expect(planDraw(drawnFrom(withGap), next)).toEqual({ kind: 'full' });
  });

  it.each([
    ['another y scale', { y: { scale: -3, offset: 100 } }],
    ['another width', { width: 801 }],
    ['another height', { height: 150 }],
    ['another pixel ratio', { dpr: 2 }],
    ['another time scale', { pxPerMs: 0.02 }],
    ['a series hidden', { shown: '10' }],
    ['other series', { identities: ['{"route":"/a"}', '{"route":"/c"}'] }],
    ['a lone series with its area', { area: true }],
  ])('draws everything for %s', (_what, over) => {
    expect(planDraw(drawn, toDraw(STEP, 10, over))).toEqual({ kind: 'full' });
  });

  it('draws everything once the range has slid past the canvas, or moved back', () => {
    // The canvas is 800 px = 80 s wide at 0.01 px/ms; the plot's right edge may not pass it.
    expect(planDraw(drawn, toDraw(10 * STEP, 10))).toEqual({ kind: 'full' }); // no overlap
    const far = { ...toDraw(STEP, 10), xEnd: 81_000 };
    expect(planDraw(drawn, far)).toEqual({ kind: 'full' });
    expect(planDraw(drawnFrom(toDraw(STEP, 10)), toDraw(0, 10))).toEqual({ kind: 'full' });
  });
});

/** A 2D context that records the calls a line makes. */
function recorder() {
  const calls: string[] = [];
  const ctx = {
    beginPath: () => calls.push('begin'),
    moveTo: (x: number, y: number) => calls.push(`M${x},${y}`),
    lineTo: (x: number, y: number) => calls.push(`L${x},${y}`),
    arc: (x: number, y: number, r: number) => calls.push(`dot ${x},${y} r${r}`),
    strokeStyle: '#73bf69',
    fillStyle: '',
    closePath: () => calls.push('Z'),
    stroke: () => calls.push('stroke'),
    fill: () => calls.push('fill'),
  } as unknown as LineContext;
  return { ctx, calls };
}

describe('strokeSeries', () => {
  const times = [0, 1000, 2000, 3000, 4000, 5000];
  const y = { scale: -1, offset: 50 };

  it('draws in canvas coordinates, x from t0 at pxPerMs, breaking at a gap', () => {
    const { ctx, calls } = recorder();
    const column = Float64Array.from([1, 2, Number.NaN, 3, 4, 5]);
    strokeSeries(ctx, times, column, { t0: 1000, pxPerMs: 0.01, y }, 0);
    expect(calls).toEqual(['begin', 'M-10,49', 'L0,48', 'M20,47', 'L30,46', 'L40,45', 'stroke']);
  });

  it('draws a sample with gaps on both sides (or alone at the end) as a dot in its colour', () => {
    const { ctx, calls } = recorder();
    const column = Float64Array.from([Number.NaN, 2, Number.NaN, Number.NaN, 4, 5, Number.NaN]);
    strokeSeries(ctx, [...times, 6000], column, { t0: 0, pxPerMs: 0.01, y }, 0);
    expect(calls).toEqual([
      'begin',
      'M10,48',
      'M40,46',
      'L50,45',
      'stroke',
      'begin',
      'M11.5,48',
      'dot 10,48 r1.5',
      'fill',
    ]);
    expect(ctx.fillStyle).toBe('#73bf69');
    const young = recorder();
    strokeSeries(
      young.ctx,
      [0, 1000],
      Float64Array.from([Number.NaN, 7]),
      { t0: 0, pxPerMs: 0.01, y },
      0,
    );
    expect(young.calls.slice(-2)).toEqual(['dot 10,43 r1.5', 'fill']);
  });

  it('draws a tail from the given index: the last point already drawn, then the new ones', () => {
    const { ctx, calls } = recorder();
    const column = Float64Array.from([1, 2, 3, 4, 5, 6]);
    strokeSeries(ctx, times, column, { t0: 0, pxPerMs: 0.01, y }, 4);
    expect(calls).toEqual(['begin', 'M40,45', 'L50,44', 'stroke']);
  });

  it('visits only the given points of dense data', () => {
    const { ctx, calls } = recorder();
    const column = Float64Array.from([1, 2, 3, 4, 5, 6]);
    strokeSeries(ctx, times, column, { t0: 0, pxPerMs: 0.01, y }, 0, [0, 3, 5]);
    expect(calls).toEqual(['begin', 'M0,49', 'L30,46', 'L50,44', 'stroke']);
  });
});

describe('fillArea', () => {
  it('closes each run between gaps down to the base line', () => {
    const { ctx, calls } = recorder();
    const column = Float64Array.from([2, 3, Number.NaN, 4]);
    fillArea(
      ctx,
      [0, 1000, 2000, 3000],
      column,
      { t0: 0, pxPerMs: 0.01, y: { scale: 1, offset: 0 } },
      10,
    );
    expect(calls).toEqual([
      'begin',
      'M0,2',
      'L10,3',
      'L10,10',
      'L0,10',
      'Z',
      'M30,4',
      'L30,10',
      'L30,10',
      'Z',
      'fill',
    ]);
  });
});
