// The backtest: when a rule would have fired over a range, from the range query of its value.
// Pure, and faithful to how Prometheus's alerting rule applies `for` (rules/alerting.go, Eval):
// at each evaluation an alert is active when the expression returns a sample for its labels;
// it turns pending at the first active evaluation (activeAt), firing once
// `t - activeAt >= for` at an evaluation, and is dropped at the first evaluation that returns no
// sample for it (a false comparison or a gap) — the next activity starts over.
import { sampleAt, sampleText, type Labels, type RangeQueryResult } from './api';

/** A series as [unix seconds, Prometheus's value text] pairs (promtool's and the tests' form). */
export interface SampledSeries {
  metric: Labels;
  values: [number, string][];
}

/** The core's columns (times in unix ms) as sampled pairs; a missing sample is no pair. */
export function fromColumns(result: Pick<RangeQueryResult, 'times' | 'series'>): SampledSeries[] {
  return result.series.map((s) => ({
    metric: s.metric,
    values: Array.from(result.times).flatMap((ms, i): [number, string][] => {
      const v = sampleAt(s, i);
      return v === null ? [] : [[ms / 1000, sampleText(v)]];
    }),
  }));
}
import type { AlertRule } from './alerts';

export type EvalState = 'inactive' | 'pending' | 'firing';

export interface BacktestBand {
  /** Unix seconds of the first evaluation in this state. */
  start: number;
  /** Unix seconds where the band ends: the next evaluation after its last one. */
  end: number;
  state: 'pending' | 'firing';
}

export interface BacktestSeries {
  metric: Labels;
  /** The expression's value at each evaluation (null: no sample). */
  points: { t: number; value: number | null; state: EvalState }[];
  bands: BacktestBand[];
  /** How many times the alert would have started firing. */
  firings: number;
}

export interface BacktestRange {
  start: number;
  end: number;
  /** The evaluation interval, in seconds. */
  step: number;
}

/** Prometheus's sample values as numbers ("+Inf", "NaN" included). */
export function sampleNumber(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** Whether the comparison holds; NaN never compares true, as in PromQL. */
export function comparisonHolds(value: number, op: AlertRule['op'], threshold: number): boolean {
  return op === '>' ? value > threshold : value === threshold;
}

export function evaluationTimes(range: BacktestRange): number[] {
  const times: number[] = [];
  for (let t = range.start; t <= range.end + 1e-9; t += range.step) times.push(t);
  return times;
}

/** The state at each evaluation for one series of `active` flags. */
export function applyFor(active: readonly boolean[], times: readonly number[], forSeconds: number) {
  const states: EvalState[] = [];
  let activeAt: number | null = null;
  let firing = false;
  active.forEach((on, i) => {
    const t = times[i] ?? 0;
    if (!on) {
      activeAt = null;
      firing = false;
      states.push('inactive');
      return;
    }
    activeAt ??= t;
    if (!firing && t - activeAt >= forSeconds) firing = true;
    states.push(firing ? 'firing' : 'pending');
  });
  return states;
}

function bandsOf(times: readonly number[], states: readonly EvalState[], step: number) {
  const bands: BacktestBand[] = [];
  states.forEach((state, i) => {
    const t = times[i] ?? 0;
    const last = bands[bands.length - 1];
    if (state === 'inactive') return;
    if (last && last.state === state && Math.abs(last.end - t) < 1e-6) last.end = t + step;
    else bands.push({ start: t, end: t + step, state });
  });
  return bands;
}

const key = (t: number): number => Math.round(t * 1000);

/** Backtests one rule on the range query of its value expression. */
export function backtest(
  series: readonly SampledSeries[],
  rule: Pick<AlertRule, 'op' | 'threshold' | 'forSeconds'>,
  range: BacktestRange,
): BacktestSeries[] {
  const times = evaluationTimes(range);
  return series.map((s) => {
    const byTime = new Map(s.values.map(([t, v]) => [key(t), sampleNumber(v)]));
    const values = times.map((t) => byTime.get(key(t)) ?? null);
    const active = values.map((v) => v !== null && comparisonHolds(v, rule.op, rule.threshold));
    const states = applyFor(active, times, rule.forSeconds);
    const firings = states.filter((st, i) => st === 'firing' && states[i - 1] !== 'firing').length;
    return {
      metric: s.metric,
      points: times.map((t, i) => ({
        t,
        value: values[i] ?? null,
        state: states[i] ?? 'inactive',
      })),
      bands: bandsOf(times, states, range.step),
      firings,
    };
  });
}

/**
 * Spans covered by any of `spans`, overlaps (and touching ends) joined, in order: seven routes
 * firing at once are one episode of the rule, not seven (the backtest caption, the panels' marks).
 */
export function joinSpans(
  spans: readonly { start: number; end: number }[],
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const b of [...spans].sort((a, c) => a.start - c.start)) {
    const last = out[out.length - 1];
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else out.push({ start: b.start, end: b.end });
  }
  return out;
}

/**
 * Totals over every series, as a person reads "would have fired": episodes of the rule (a time
 * when any series fired; overlapping ones count once), the time any series was firing, and how
 * many series fired at all. For one series they are its own episodes and firing time.
 */
export function backtestSummary(results: readonly BacktestSeries[]): {
  firings: number;
  firingSeconds: number;
  series: number;
} {
  const firing = results.flatMap((r) => r.bands.filter((b) => b.state === 'firing'));
  const episodes = joinSpans(firing);
  return {
    firings: episodes.length,
    firingSeconds: episodes.reduce((sum, e) => sum + e.end - e.start, 0),
    series: results.filter((r) => r.firings > 0).length,
  };
}
