// When a rule would have fired over the range: the expression's value per series, the threshold
// line, and pending / firing bands from the pure backtest (shared/backtest.ts).
import { useEffect, useId, useMemo, useState } from 'react';
import { toErrorInfo, type ConsoleErrorInfo } from '../../../../shared/api';
import type { AlertRule } from '../../../../shared/alerts';
import {
  fromColumns,
  backtest,
  backtestSummary,
  type SampledSeries,
} from '../../../../shared/backtest';
import { getApi } from '../../api/console-api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { backtestStep, formatHeldSpan, formatThreshold } from '../../lib/alerts';

const W = 800;
const H = 150;
const COLORS = ['#5b9cf6', '#3fb68b', '#b68ef0', '#e3a33b', '#6ad1d9'];

type Rule = Pick<AlertRule, 'valueExpr' | 'op' | 'threshold' | 'forSeconds' | 'unit'>;

interface Props {
  rule: Rule;
  evaluationSeconds: number;
  rangeSeconds?: number;
  /** A new value re-runs the range query (the Alerts page: the rule changed state, or time passed). */
  refreshKey?: string;
  testId?: string;
}

export function BacktestChart({
  rule,
  evaluationSeconds,
  rangeSeconds = 6 * 3600,
  refreshKey,
  testId,
}: Props) {
  const [fetched, setFetched] = useState<{
    samples: SampledSeries[];
    start: number;
    end: number;
    step: number;
  } | null>(null);
  const [error, setError] = useState<ConsoleErrorInfo | null>(null);
  const summaryId = useId();
  const { valueExpr, op, threshold, forSeconds } = rule;

  // The range query depends only on the expression, the range and `refreshKey`; a threshold or
  // `for` being typed in Settings re-runs the pure backtest on the same samples, not another
  // query. Until the new answer lands, the last one stays drawn.
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

  const result = useMemo(
    () =>
      fetched && {
        ...fetched,
        series: backtest(fetched.samples, { op, threshold, forSeconds }, fetched),
      },
    [fetched, op, threshold, forSeconds],
  );

  if (error)
    return (
      <ErrorNotice
        error={error}
        title="The backtest's range query failed"
        testId={testId && `${testId}-error`}
      />
    );
  if (!result) return <div className="muted small">backtesting…</div>;

  const { series } = result;
  // A band covers its last evaluation up to the next one: leave room for that step.
  const end = result.end + result.step;
  // "The last 6 hours Prometheus holds": a younger Prometheus holds less, so draw from its first
  // sample rather than squeeze what it has into the right edge.
  const firstSample = Math.min(
    ...series.flatMap((s) => s.points.filter((p) => p.value !== null).map((p) => p.t)),
  );
  const start = Number.isFinite(firstSample) ? Math.max(result.start, firstSample) : result.start;
  const span = formatHeldSpan(end - start);
  const shown = series.slice(0, COLORS.length);
  const values = shown.flatMap((s) =>
    s.points.flatMap((p) => (p.value !== null && Number.isFinite(p.value) ? [p.value] : [])),
  );
  const max = Math.max(threshold, ...values, rule.unit === 'bool' ? 1 : 0) * 1.1 || 1;
  const min = Math.min(0, ...values);
  const x = (t: number) => ((t - start) / Math.max(1, end - start)) * W;
  const y = (v: number) => H - ((v - min) / (max - min)) * H;
  const summary = backtestSummary(series);
  const firing = series.flatMap((s) => s.bands.filter((b) => b.state === 'firing'));

  return (
    <div
      className="backtest"
      data-testid={testId}
      data-firings={summary.firings}
      data-bands={firing.length}
    >
      <div id={summaryId} className="muted small" data-testid={testId && `${testId}-summary`}>
        {summary.firings === 0
          ? `Would not have fired in the last ${span}`
          : `Would have fired ${summary.firings}× in the last ${span} (${Math.round(summary.firingSeconds)} s firing${summary.series > 1 ? `, on ${summary.series} series` : ''})`}
        {` · threshold ${op} ${formatThreshold(threshold, rule.unit)}, for ${forSeconds}s`}
        {series.length > shown.length &&
          ` · first ${shown.length} of ${series.length} series drawn`}
      </div>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        className="backtest-chart"
        role="img"
        aria-label={`Backtest over the last ${span}`}
        aria-describedby={summaryId}
      >
        {shown.flatMap((s, i) =>
          s.bands.map((b) => (
            <rect
              key={`${i}-${b.start}`}
              className={`backtest-band backtest-band-${b.state}`}
              data-testid={b.state === 'firing' ? 'backtest-band-firing' : 'backtest-band-pending'}
              x={x(b.start)}
              width={Math.max(1, x(b.end) - x(b.start))}
              y={0}
              height={H}
            />
          )),
        )}
        <line className="backtest-threshold" x1={0} x2={W} y1={y(threshold)} y2={y(threshold)} />
        {shown.map((s, i) => (
          <polyline
            key={i}
            fill="none"
            stroke={COLORS[i]}
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
            points={s.points
              .filter((p) => p.value !== null && Number.isFinite(p.value))
              .map((p) => `${x(p.t).toFixed(1)},${y(p.value ?? 0).toFixed(1)}`)
              .join(' ')}
          />
        ))}
      </svg>
      {series.length === 0 && (
        <div className="muted small">The expression returned no series in this range.</div>
      )}
    </div>
  );
}
