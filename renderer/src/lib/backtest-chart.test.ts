import { describe, expect, it } from 'vitest';
import type { BacktestSeries } from '../../../shared/backtest';
import {
  backtestSummaryLine,
  backtestView,
  dragZoom,
  rowsInSpan,
  type BacktestRow,
} from './backtest-chart';

const series = (values: (number | null)[], start = 100, step = 10): BacktestSeries => ({
  metric: { job: 'extra' },
  points: values.map((value, i) => ({ t: start + i * step, value, state: 'inactive' })),
  bands: [],
  firings: 0,
});

describe('the backtest chart rows', () => {
  it('hold one row per evaluation time (ms) with a column per series', () => {
    const view = backtestView(
      [series([1, 2, null]), series([0, null, 5])],
      { start: 100, end: 120, step: 10 },
      3,
      false,
    );
    expect(view.rows).toEqual([
      { t: 100_000, s0: 1, s1: 0 },
      { t: 110_000, s0: 2, s1: null },
      { t: 120_000, s0: null, s1: 5 },
    ]);
  });

  it('leave +Inf and NaN out of the lines, as gaps', () => {
    const view = backtestView(
      [series([Infinity, NaN, 1])],
      { start: 100, end: 120, step: 10 },
      0.5,
      false,
    );
    expect(view.rows.map((r) => r.s0)).toEqual([null, null, 1]);
  });

  it('start at the first sample a young Prometheus holds and end a step after the range', () => {
    const view = backtestView(
      [series([null, null, 4, 4], 0, 60)],
      { start: 0, end: 180, step: 60 },
      1,
      false,
    );
    expect(view.startMs).toBe(120_000);
    expect(view.endMs).toBe(240_000);
  });

  it('have a value axis in round steps above the threshold and every value', () => {
    const view = backtestView([series([0.2, 0.4])], { start: 100, end: 110, step: 10 }, 0.9, false);
    expect(view.valueDomain[0]).toBe(0);
    expect(view.valueDomain[1]).toBeGreaterThanOrEqual(0.99);
    expect(view.valueTicks[0]).toBe(0);
    expect(view.valueTicks.at(-1)).toBe(view.valueDomain[1]);
    // A 0/1 rule shows 1 even while the expression returned only zeros.
    const bool = backtestView([series([0, 0])], { start: 100, end: 110, step: 10 }, 0, true);
    expect(bool.valueDomain[1]).toBeGreaterThanOrEqual(1.1);
  });
});

describe('drag-to-zoom on the backtest', () => {
  it('zooms to the dragged span in order, either direction', () => {
    expect(dragZoom(5000, 2000, 1000)).toEqual([2000, 5000]);
    expect(dragZoom(2000, 5000, 1000)).toEqual([2000, 5000]);
  });

  it('takes a click or less than one evaluation step for no zoom', () => {
    expect(dragZoom(2000, 2000, 1000)).toBeNull();
    expect(dragZoom(2000, 2500, 1000)).toBeNull();
  });

  it('keeps the rows inside the span and one on each side, so lines reach the edges', () => {
    const rows: BacktestRow[] = [0, 10, 20, 30, 40, 50].map((t) => ({ t }));
    expect(rowsInSpan(rows, 15, 35).map((r) => r.t)).toEqual([10, 20, 30, 40]);
    expect(rowsInSpan(rows, 0, 50).map((r) => r.t)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(rowsInSpan(rows, 60, 70).map((r) => r.t)).toEqual([50]);
  });
});

describe('the backtest summary line', () => {
  it('says the rule would not have fired, or how often, how long and on how many series', () => {
    expect(backtestSummaryLine({ firings: 0, firingSeconds: 0, series: 0 }, '6 h')).toBe(
      'Would not have fired in the last 6 h',
    );
    expect(backtestSummaryLine({ firings: 2, firingSeconds: 89.6, series: 1 }, '6 h')).toBe(
      'Would have fired 2× in the last 6 h (90 s firing)',
    );
    expect(backtestSummaryLine({ firings: 3, firingSeconds: 120, series: 2 }, '1 h')).toBe(
      'Would have fired 3× in the last 1 h (120 s firing, on 2 series)',
    );
  });
});
