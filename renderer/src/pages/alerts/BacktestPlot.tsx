// BacktestChart's recharts plot: the value of each drawn series, the threshold line, pending /
// firing bands, a tooltip, and the drag that picks a span to zoom into (the chart owns the zoom).
import { useState } from 'react';
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
import type { BacktestSeries } from '../../../../shared/backtest';
import { formatThreshold } from '../../lib/alerts';
import { dragZoom, seriesKey, type BacktestRow, type BacktestView } from '../../lib/backtest-chart';
import { formatClock, formatNumber } from '../../lib/format';
import { formatSeriesSelector } from '../../lib/prom-rows';
import { timeTicks } from '../../lib/time-range';
import { AXIS_COLOR, GRID_COLOR } from '../../panels/colors';
import type { BacktestRule } from './useBacktest';

const HEIGHT = 170;
export const COLORS = ['#5b9cf6', '#3fb68b', '#b68ef0', '#e3a33b', '#6ad1d9'];
const FIRING = '#ec5f59';
const PENDING = '#e3a33b';
const MARGIN = { top: 6, right: 28, bottom: 0, left: 0 } as const;
const TICK = { fill: AXIS_COLOR, fontSize: 11 } as const;

function BacktestTooltip({
  active,
  payload,
  label,
  unit,
}: TooltipContentProps & { unit: BacktestRule['unit'] }) {
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

/** Pending and firing bands of every drawn series, as recharts reference areas. */
function bandAreas(shown: readonly BacktestSeries[]) {
  return shown.flatMap((s, i) =>
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
  );
}

function seriesLines(shown: readonly BacktestSeries[]) {
  return shown.map((s, i) => (
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
  ));
}

interface Props {
  rows: BacktestRow[];
  view: BacktestView;
  /** The time span shown (ms): the zoom, or the whole range. */
  fromMs: number;
  toMs: number;
  shown: readonly BacktestSeries[];
  rule: BacktestRule;
  stepMs: number;
  onZoom: (span: [number, number]) => void;
}

export function BacktestPlot({ rows, view, fromMs, toMs, shown, rule, stepMs, onZoom }: Props) {
  /** Where a drag began and where it is now (ms), while the button is down. */
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const { ticks, withSeconds } = timeTicks(fromMs, toMs);
  const timeAt = (s: { activeTooltipIndex?: unknown }): number | undefined => {
    const i = Number(s.activeTooltipIndex);
    return Number.isInteger(i) ? rows[i]?.t : undefined;
  };
  return (
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
          const next = drag && dragZoom(drag.from, drag.to, stepMs);
          if (next) onZoom(next);
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
        {bandAreas(shown)}
        <ReferenceLine
          className="backtest-threshold"
          y={rule.threshold}
          stroke={FIRING}
          strokeDasharray="6 4"
          ifOverflow="extendDomain"
        />
        {seriesLines(shown)}
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
  );
}
