// A timeseries panel body: lines (an area for a single series) over the full selected range.
// Rows come shaped from the store; this only draws, with animation and dots off for speed.
import { memo, useMemo } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatClock, formatUnit } from '../lib/format';
import type { ChartData } from '../lib/prom-rows';
import { timeTicks, type QueryWindow } from '../lib/time-range';
import { ChartTooltip } from './ChartTooltip';
import { AXIS_COLOR, GRID_COLOR, seriesColor } from './colors';

interface Props {
  data: ChartData;
  unit: PanelUnit;
  window: QueryWindow;
  hidden: ReadonlySet<string>;
  height: number;
}

const tick = { fill: AXIS_COLOR, fontSize: 11 };

export const TimeseriesChart = memo(function TimeseriesChart({
  data,
  unit,
  window,
  hidden,
  height,
}: Props) {
  const names = useMemo(() => new Map(data.series.map((s) => [s.key, s.name])), [data.series]);
  const domain = useMemo(() => [window.start * 1000, window.end * 1000], [window]);
  const { ticks, withSeconds } = useMemo(
    () => timeTicks(window.start * 1000, window.end * 1000),
    [window],
  );
  const formatY = (v: number) => formatUnit(v, unit);
  const axes = (
    <>
      <CartesianGrid stroke={GRID_COLOR} vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={domain}
        ticks={ticks}
        tickFormatter={(v: number) => formatClock(v, withSeconds)}
        tick={tick}
        stroke={GRID_COLOR}
      />
      <YAxis
        tickFormatter={formatY}
        tick={tick}
        stroke={GRID_COLOR}
        width={84}
        domain={[0, 'auto']}
        allowDecimals
      />
      <Tooltip
        content={(props) => <ChartTooltip {...props} unit={unit} names={names} />}
        isAnimationActive={false}
        cursor={{ stroke: AXIS_COLOR, strokeDasharray: '3 3' }}
      />
    </>
  );

  const single = data.series.length === 1 ? data.series[0] : undefined;
  if (single) {
    const color = seriesColor(0);
    return (
      <ResponsiveContainer width="100%" height={height}>
        <AreaChart data={data.rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          {axes}
          <Area
            dataKey={single.key}
            name={single.name}
            type="linear"
            stroke={color}
            fill={color}
            fillOpacity={0.12}
            strokeWidth={1.5}
            dot={false}
            activeDot={{ r: 3 }}
            isAnimationActive={false}
            hide={hidden.has(single.key)}
            connectNulls={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    );
  }
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data.rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        {axes}
        {data.series.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            type="linear"
            stroke={seriesColor(i)}
            strokeWidth={1.5}
            dot={false}
            activeDot={{ r: 3 }}
            isAnimationActive={false}
            hide={hidden.has(s.key)}
            connectNulls={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});
