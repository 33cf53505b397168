// A rule's backtest for BacktestChart: the range query of its expression, and the pure backtest
// (shared/backtest.ts) run on those samples with the rule's threshold and `for`.
import { useEffect, useMemo, useState } from 'react';
import { toErrorInfo, type ConsoleErrorInfo } from '../../../../shared/api';
import type { AlertRule } from '../../../../shared/alerts';
import { backtest, fromColumns, type SampledSeries } from '../../../../shared/backtest';
import { getApi } from '../../api/console-api';
import { backtestStep } from '../../lib/alerts';
import { backtestView } from '../../lib/backtest-chart';

export type BacktestRule = Pick<
  AlertRule,
  'valueExpr' | 'op' | 'threshold' | 'forSeconds' | 'unit'
>;

interface Fetched {
  samples: SampledSeries[];
  start: number;
  end: number;
  step: number;
}

/**
 * The range query depends only on the expression, the range and `refreshKey`; a threshold or
 * `for` being typed in Settings re-runs the pure backtest on the same samples, not another
 * query. Until the new answer lands, the last one stays drawn.
 */
function useBacktestSamples(
  valueExpr: string,
  evaluationSeconds: number,
  rangeSeconds: number,
  refreshKey: string | undefined,
) {
  const [fetched, setFetched] = useState<Fetched | null>(null);
  const [error, setError] = useState<ConsoleErrorInfo | null>(null);
  useEffect(() => {
    let live = true;
    const step = backtestStep(rangeSeconds, evaluationSeconds);
    const end = Math.floor(Date.now() / 1000 / step) * step;
    const start = end - rangeSeconds;
    getApi()
      .queryRange({ query: valueExpr, start, end, step })
      .then((r) => {
        if (!live) return;
        setFetched({ samples: fromColumns(r), start, end, step });
        setError(null);
      })
      .catch((err: unknown) => live && setError(toErrorInfo(err)));
    return () => {
      live = false;
    };
  }, [valueExpr, evaluationSeconds, rangeSeconds, refreshKey]);
  return { fetched, error };
}

/** The backtest's result, the series drawn (at most `maxShown`) and the chart's rows and axes. */
export function useBacktest(
  rule: BacktestRule,
  evaluationSeconds: number,
  rangeSeconds: number,
  refreshKey: string | undefined,
  maxShown: number,
) {
  const { valueExpr, op, threshold, forSeconds } = rule;
  const { fetched, error } = useBacktestSamples(
    valueExpr,
    evaluationSeconds,
    rangeSeconds,
    refreshKey,
  );
  const result = useMemo(
    () =>
      fetched && {
        ...fetched,
        series: backtest(fetched.samples, { op, threshold, forSeconds }, fetched),
      },
    [fetched, op, threshold, forSeconds],
  );
  const shown = useMemo(() => result?.series.slice(0, maxShown) ?? [], [result, maxShown]);
  const view = useMemo(
    () => result && backtestView(shown, result, threshold, rule.unit === 'bool'),
    [result, shown, threshold, rule.unit],
  );
  return { error, result, shown, view };
}
