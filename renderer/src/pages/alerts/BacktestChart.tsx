// When a rule would have fired over the range: the expression's value per series, the threshold
// line, and pending / firing bands from the pure backtest (shared/backtest.ts). Plain recharts: a
// few series refreshed every 15 s are well inside what its Line draws in a frame, so nothing
// here is ours but the data shaping (lib/backtest-chart.ts). Dragging across the chart zooms the
// view into that span of the backtest (the backtest itself still covers the whole range, so a
// `for` that began before the span is honoured); "Reset zoom" shows the whole range again.
import { useEffect, useId, useMemo, useState } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
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
import { backtestView, dragZoom, rowsInSpan, seriesKey } from '../../lib/backtest-chart';
import { formatClock, formatNumber } from '../../lib/format';
import { formatSeriesSelector } from '../../lib/prom-rows';
import { timeTicks } from '../../lib/time-range';
import { AXIS_COLOR, GRID_COLOR } from '../../panels/colors';

const HEIGHT = 170;
const COLORS = ['#5b9cf6', '#3fb68b', '#b68ef0', '#e3a33b', '#6ad1d9'];
const FIRING = '#ec5f59';
const PENDING = '#e3a33b';
const MARGIN = { top: 6, right: 28, bottom: 0, left: 0 } as const;
const TICK = { fill: AXIS_COLOR, fontSize: 11 } as const;

type Rule = Pick<AlertRule, 'valueExpr' | 'op' | 'threshold' | 'forSeconds' | 'unit'>;

interface Props {
  rule: Rule;
  evaluationSeconds: number;
  rangeSeconds?: number;
  /** A new value re-runs the range query (the Alerts page: the rule changed state, or time passed). */
  refreshKey?: string;
  testId?: string;
}

function BacktestTooltip({
  active,
  payload,
  label,
  unit,
}: TooltipContentProps & { unit: Rule['unit'] }) {
  if (!active || payload.length === 0) return null;
  return (
    <div className="chart-tooltip" data-testid="backtest-tooltip">
      <div className="chart-tooltip-time">{formatClock(Number(label), true)}</div>
      {payload.map((p) => (
        <div key={String(p.dataKey)} className="chart-tooltip-row">
          <span className="swatch" style={{ background: p.color }} />
          <span className="chart-tooltip-name">{p.name}</span>
          <span className="chart-tooltip-value">
            {typeof p.value === 'number' ? formatThreshold(+p.value.toPrecision(4), unit) : '–'}
          </span>
        </div>
      ))}
    </div>
  );
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
  /** The zoomed time span (ms), or null for the whole range. */
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  /** Where a drag began and where it is now (ms), while the button is down. */
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
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
  const shown = useMemo(() => result?.series.slice(0, COLORS.length) ?? [], [result]);
  const view = useMemo(
    () => result && backtestView(shown, result, threshold, rule.unit === 'bool'),
    [result, shown, threshold, rule.unit],
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
  const rows = zoom ? rowsInSpan(view.rows, fromMs, toMs) : view.rows;
  const { ticks, withSeconds } = timeTicks(fromMs, toMs);
  const summary = backtestSummary(series);
  const firing = series.flatMap((s) => s.bands.filter((b) => b.state === 'firing'));
  const timeAt = (s: { activeTooltipIndex?: unknown }): number | undefined => {
    const i = Number(s.activeTooltipIndex);
    return Number.isInteger(i) ? rows[i]?.t : undefined;
  };

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
        {summary.firings === 0
          ? `Would not have fired in the last ${span}`
          : `Would have fired ${summary.firings}× in the last ${span} (${Math.round(summary.firingSeconds)} s firing${summary.series > 1 ? `, on ${summary.series} series` : ''})`}
        {` · threshold ${op} ${formatThreshold(threshold, rule.unit)}, for ${forSeconds}s`}
        {series.length > shown.length &&
          ` · first ${shown.length} of ${series.length} series drawn`}
        {zoom && (
          <>
            {' · '}
            <button
              type="button"
              className="btn btn-ghost btn-small"
              data-testid="backtest-zoom-reset"
              onClick={() => setZoom(null)}
            >
              Reset zoom
            </button>
          </>
        )}
      </div>
      <div
        className="backtest-chart"
        role="img"
        aria-label={`Backtest over the last ${span}`}
        aria-describedby={summaryId}
      >
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <ComposedChart
            data={rows}
            margin={MARGIN}
            accessibilityLayer={false}
            onMouseDown={(s) => {
              const t = timeAt(s);
              if (t !== undefined) setDrag({ from: t, to: t });
            }}
            onMouseMove={(s) => {
              const t = timeAt(s);
              if (drag && t !== undefined && t !== drag.to) setDrag({ ...drag, to: t });
            }}
            onMouseUp={() => {
              const next = drag && dragZoom(drag.from, drag.to, result.step * 1000);
              if (next) setZoom(next);
              setDrag(null);
            }}
            onMouseLeave={() => setDrag(null)}
          >
            <CartesianGrid vertical={false} stroke={GRID_COLOR} />
            <XAxis
              dataKey="t"
              type="number"
              domain={[fromMs, toMs]}
              ticks={ticks}
              interval={0}
              allowDataOverflow
              tickFormatter={(ms: number) => formatClock(ms, withSeconds)}
              tick={TICK}
              stroke={GRID_COLOR}
            />
            <YAxis
              type="number"
              domain={view.valueDomain}
              ticks={view.valueTicks}
              interval={0}
              width={48}
              tickFormatter={(v: number) => formatNumber(v)}
              tick={TICK}
              stroke={GRID_COLOR}
            />
            {shown.flatMap((s, i) =>
              s.bands.map((b) => (
                <ReferenceArea
                  key={`${i}-${b.start}`}
                  className={`backtest-band backtest-band-${b.state}`}
                  data-testid={`backtest-band-${b.state}`}
                  data-start-ms={b.start * 1000}
                  data-end-ms={b.end * 1000}
                  x1={b.start * 1000}
                  x2={b.end * 1000}
                  ifOverflow="hidden"
                  fill={b.state === 'firing' ? FIRING : PENDING}
                  fillOpacity={b.state === 'firing' ? 0.28 : 0.18}
                />
              )),
            )}
            <ReferenceLine
              className="backtest-threshold"
              y={threshold}
              stroke={FIRING}
              strokeDasharray="6 4"
              ifOverflow="extendDomain"
            />
            {shown.map((s, i) => (
              <Line
                key={i}
                dataKey={seriesKey(i)}
                name={formatSeriesSelector(s.metric)}
                stroke={COLORS[i]}
                strokeWidth={1.5}
                dot={false}
                activeDot={{ r: 3 }}
                isAnimationActive={false}
              />
            ))}
            {drag && drag.from !== drag.to && (
              <ReferenceArea
                className="chart-zoom-selection"
                data-testid="backtest-zoom-selection"
                x1={drag.from}
                x2={drag.to}
                fill="#8ab8ff"
                fillOpacity={0.15}
              />
            )}
            <Tooltip
              content={(props) => <BacktestTooltip {...props} unit={rule.unit} />}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {series.length === 0 && (
        <div className="muted small">The expression returned no series in this range.</div>
      )}
    </div>
  );
}
