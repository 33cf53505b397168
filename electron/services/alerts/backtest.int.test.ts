// The backtest's `for` semantics, unit-tested against `promtool test rules` on the same series:
// for each case and `for`, the states the backtest computes become promtool expectations at every
// evaluation, and promtool (Prometheus's own rule engine) must agree with all of them.
import { describe, expect, it } from 'vitest';
import { expandSeries, lookback, promtoolTestRules } from './promtool-testing';
import { PROMTOOL_BIN, requireBinary, skipWithout } from '../prometheus/testing';
import { rangeResult } from '../../../shared/api';
import {
  applyFor,
  backtest,
  backtestSummary,
  fromColumns,
  type SampledSeries,
} from '../../../shared/backtest';

const STEP = 15;
const STEPS = 40;
// Hand-written series: steady, flapping, a gap shorter than the lookback (no reset), a stale
// marker (a real gap: reset), long enough to cross every `for` below.
const SERIES: Record<string, string> = {
  steady: '0 0 1x20 0x10',
  flapping: '1 1 0 1 1 1 0 1x6 0 1x3',
  shortgap: '0 1x3 _x2 1x6 0x4',
  stale: '0 1x3 stale 1x8 0x4',
  late: '0x10 1x3 2x3 0 3x12',
};
const FORS = [0, 30, 45, 60, 90];

function rangeOf(values: string): SampledSeries['values'] {
  return lookback(expandSeries(values), STEP, STEPS).flatMap((v, i) =>
    v === null ? [] : [[i * STEP, String(v)] as [number, string]],
  );
}

const skip = skipWithout(PROMTOOL_BIN);

describe('applyFor (Prometheus rule semantics)', () => {
  it('is pending from the first true evaluation and firing once active for >= for', () => {
    expect(applyFor([true, true, true, true], [0, 15, 30, 45], 30)).toEqual([
      'pending',
      'pending',
      'firing',
      'firing',
    ]);
  });

  it('fires at the first evaluation when `for` is 0', () => {
    expect(applyFor([false, true], [0, 15], 0)).toEqual(['inactive', 'firing']);
  });

  it('starts over after a false evaluation', () => {
    expect(applyFor([true, true, false, true, true], [0, 15, 30, 45, 60], 15)).toEqual([
      'pending',
      'firing',
      'inactive',
      'pending',
      'firing',
    ]);
  });
});

describe('backtest bands', () => {
  it('draws one firing band per episode and counts the episodes', () => {
    const [r] = backtest(
      [{ metric: { route: '/a' }, values: rangeOf(SERIES.flapping ?? '') }],
      { op: '>', threshold: 0, forSeconds: 15 },
      { start: 0, end: (STEPS - 1) * STEP, step: STEP },
    );
    // The series' last sample stays visible for 5 minutes (lookback), so the last episode is long.
    expect(r?.firings).toBe(4);
    expect(r?.bands.filter((b) => b.state === 'firing')).toEqual([
      { start: 15, end: 30, state: 'firing' },
      { start: 60, end: 90, state: 'firing' },
      { start: 120, end: 210, state: 'firing' },
      { start: 240, end: 585, state: 'firing' },
    ]);
    expect(backtestSummary(r ? [r] : []).firingSeconds).toBe(15 + 30 + 90 + 345);
  });

  it('sums a rule over its series as episodes of the rule: overlaps count once, in time and number', () => {
    const band = (start: number, end: number) => ({ start, end, state: 'firing' as const });
    const series = (bands: ReturnType<typeof band>[]) => ({
      metric: {},
      points: [],
      bands,
      firings: bands.length,
    });
    // Seven routes over the threshold together from 100 to 140 s; one of them again at 300.
    const routes = Array.from({ length: 7 }, (_, i) => series([band(100 + i, 140)]));
    routes.push(series([]));
    routes[0] = series([band(100, 140), band(300, 310)]);
    expect(backtestSummary(routes)).toEqual({ firings: 2, firingSeconds: 40 + 10, series: 7 });
  });

  it('treats NaN (no traffic in a ratio) as never above the threshold', () => {
    const [r] = backtest(
      [
        {
          metric: {},
          values: [
            [0, 'NaN'],
            [15, '+Inf'],
          ],
        },
      ],
      { op: '>', threshold: 0.05, forSeconds: 0 },
      { start: 0, end: 15, step: 15 },
    );
    expect(r?.points.map((p) => p.state)).toEqual(['inactive', 'firing']);
  });
});

describe.skipIf(skip)('the backtest agrees with promtool test rules', () => {
  function files(flip = false): Record<string, string> {
    const rules = FORS.map(
      (f) => `      - alert: "For${f}"\n        expr: "x > 0"\n        for: ${f}s`,
    );
    const tests: string[] = [];
    let flipped = false;
    for (const [name, values] of Object.entries(SERIES)) {
      const results = FORS.map(
        (f) =>
          backtest(
            [{ metric: { case: name }, values: rangeOf(values) }],
            { op: '>', threshold: 0, forSeconds: f },
            { start: 0, end: (STEPS - 1) * STEP, step: STEP },
          )[0],
      );
      tests.push(
        `  - name: "${name}"`,
        `    interval: ${STEP}s`,
        '    input_series:',
        `      - series: 'x{case="${name}"}'`,
        `        values: '${values}'`,
        '    alert_rule_test:',
      );
      FORS.forEach((f, i) => {
        results[i]?.points.forEach((p) => {
          let firing = p.state === 'firing';
          if (flip && !flipped && p.state === 'pending') [firing, flipped] = [true, true];
          tests.push(`      - eval_time: ${p.t}s`, `        alertname: "For${f}"`);
          tests.push(
            firing
              ? `        exp_alerts:\n          - exp_labels: { case: "${name}" }`
              : '        exp_alerts: []',
          );
        });
      });
    }
    return {
      'rules.yml': `groups:\n  - name: "bt"\n    rules:\n${rules.join('\n')}\n`,
      'tests.yml': [
        'rule_files: ["rules.yml"]',
        `evaluation_interval: ${STEP}s`,
        'tests:',
        ...tests,
      ].join('\n'),
    };
  }

  it('at every evaluation of every series, for each `for` (including the boundary)', async () => {
    requireBinary(PROMTOOL_BIN);
    const r = await promtoolTestRules(files(), 'tests.yml');
    expect(r.output).toContain('SUCCESS');
    expect(r.passed).toBe(true);
  });

  it('and promtool notices when a pending evaluation is claimed to fire (the check can fail)', async () => {
    requireBinary(PROMTOOL_BIN);
    const r = await promtoolTestRules(files(true), 'tests.yml');
    expect(r.passed).toBe(false);
  });
});

describe("the core's columns as backtest input", () => {
  it('keeps each sample at its time and drops gaps', () => {
    expect(
      fromColumns(
        rangeResult([0, 15_000, 30_000], [{ metric: { a: '1' }, values: [1, null, Infinity] }]),
      ),
    ).toEqual([
      {
        metric: { a: '1' },
        values: [
          [0, '1'],
          [30, '+Inf'],
        ],
      },
    ]);
  });
});
