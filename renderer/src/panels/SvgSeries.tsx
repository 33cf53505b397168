// A timeseries chart's series as recharts `<Line>`s (an `<Area>` for a single series, filled as
// the canvas layer fills it), used below the density threshold (density.ts). The rows are the
// chart's own data (ChartFrame's `rows`, built once per result by TimeseriesChart): every prop
// here is a primitive or a constant, so no Line re-registers with recharts on a refresh.
import { chartX } from './ChartFrame';
import { memo } from 'react';
import { axisFraction } from '../lib/axis-fraction';
import { Area, Line } from 'recharts';
import type { ChartData } from '../lib/prom-rows';
import { seriesColor } from './colors';

/**
 * One row a sample time: `t` (the time as the fraction of the shown span, the chart's x:
 * ChartFrame's chartX) and under each series' index its value as the fraction of the value axis
 * (the chart's y: value-axis.tsx), null for a gap.
 */
export type SeriesRow = Record<string, number | null>;

export function seriesRows(
  data: ChartData,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
): SeriesRow[] {
  const { times, columns } = data;
  const rows: SeriesRow[] = new Array<SeriesRow>(times.length);
  for (let j = 0; j < times.length; j++) {
    const row: SeriesRow = { t: chartX(times[j] ?? 0, xDomain) };
    for (let i = 0; i < columns.length; i++) {
      const v = columns[i]?.[j] ?? Number.NaN;
      // recharts breaks a line at null (connectNulls is off), not at NaN.
      row[i] = Number.isFinite(v) ? axisFraction(v, yDomain) : null;
    }
    rows[j] = row;
  }
  return rows;
}

interface Props {
  data: ChartData;
  hidden: ReadonlySet<string>;
  yDomain: readonly [number, number];
}

/** The series of the chart's rows (ChartFrame's `rows`): props stay the same on a refresh. */
export const SvgSeries = memo(function SvgSeries({ data, hidden, yDomain }: Props) {
  const shown = data.series.flatMap((s, i) => (hidden.has(s.key) ? [] : [i]));
  if (data.columns.length === 1 && shown.length === 1) {
    return (
      <Area
        dataKey="0"
        type="linear"
        stroke={seriesColor(0)}
        strokeWidth={1}
        fill={seriesColor(0)}
        fillOpacity={0.12}
        // The area's floor is the value 0 (or the axis's bottom above it).
        baseValue={Math.max(0, axisFraction(0, yDomain))}
        dot={false}
        activeDot={false}
        isAnimationActive={false}
        pointerEvents="none"
      />
    );
  }
  return shown.map((i) => (
    <Line
      key={data.series[i]?.key ?? i}
      dataKey={String(i)}
      type="linear"
      stroke={seriesColor(i)}
      strokeWidth={1}
      dot={false}
      activeDot={false}
      isAnimationActive={false}
      pointerEvents="none"
    />
  ));
});
