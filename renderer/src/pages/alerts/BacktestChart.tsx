// When a rule would have fired over the range: the expression's value per series, the threshold
// line, and pending / firing bands from the pure backtest (shared/backtest.ts). Plain recharts: a
// few series refreshed every 15 s are well inside what its Line draws in a frame, so nothing
// here is ours but the data shaping (lib/backtest-chart.ts). Dragging across the chart zooms the
// view into that span of the backtest (the backtest itself still covers the whole range, so a
// `for` that began before the span is honoured); "Reset zoom" shows the whole range again.
import { useId, useState } from 'react';
import { backtestSummary } from '../../../../shared/backtest';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatHeldSpan, formatThreshold } from '../../lib/alerts';
import { backtestSummaryLine, rowsInSpan } from '../../lib/backtest-chart';
import { BacktestPlot, COLORS } from './BacktestPlot';
import { useBacktest, type BacktestRule } from './useBacktest';

interface Props {
  rule: BacktestRule;
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
  /** The zoomed time span (ms), or null for the whole range. */
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const summaryId = useId();
  const { error, result, shown, view } = useBacktest(
    rule,
    evaluationSeconds,
    rangeSeconds,
    refreshKey,
    COLORS.length,
  );

  if (error)
    return (
      <ErrorNotice
        error={error}
        title="The backtest's range query failed"
        testId={testId && `${testId}-error`}
      />
    );
  if (!result || !view) return <div className="muted small">backtesting…</div>;

  const { series } = result;
  const span = formatHeldSpan((view.endMs - view.startMs) / 1000);
  const [fromMs, toMs] = zoom ?? [view.startMs, view.endMs];
  const summary = backtestSummary(series);
  const firing = series.flatMap((s) => s.bands.filter((b) => b.state === 'firing'));

  return (
    <div
      className="backtest"
      data-testid={testId}
      data-firings={summary.firings}
      data-bands={firing.length}
      data-start-ms={fromMs}
      data-end-ms={toMs}
      data-range-start-ms={view.startMs}
      data-range-end-ms={view.endMs}
    >
      <div id={summaryId} className="muted small" data-testid={testId && `${testId}-summary`}>
        {backtestSummaryLine(summary, span)}
        {` · threshold ${rule.op} ${formatThreshold(rule.threshold, rule.unit)}, for ${rule.forSeconds}s`}
        {series.length > shown.length &&
          ` · first ${shown.length} of ${series.length} series drawn`}
        {zoom && <ResetZoom onReset={() => setZoom(null)} />}
      </div>
      <div
        className="backtest-chart"
        role="img"
        aria-label={`Backtest over the last ${span}`}
        aria-describedby={summaryId}
      >
        <BacktestPlot
          rows={zoom ? rowsInSpan(view.rows, fromMs, toMs) : view.rows}
          view={view}
          fromMs={fromMs}
          toMs={toMs}
          shown={shown}
          rule={rule}
          stepMs={result.step * 1000}
          onZoom={setZoom}
        />
      </div>
      {series.length === 0 && (
        <div className="muted small">The expression returned no series in this range.</div>
      )}
    </div>
  );
}

function ResetZoom({ onReset }: { onReset: () => void }) {
  return (
    <>
      {' · '}
      <button
        type="button"
        className="btn btn-ghost btn-small"
        data-testid="backtest-zoom-reset"
        onClick={onReset}
      >
        Reset zoom
      </button>
    </>
  );
}
