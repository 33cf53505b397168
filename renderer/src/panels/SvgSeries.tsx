// A timeseries chart's series as recharts `<Line>`s (an `<Area>` for a single series, filled as
// the canvas layer fills it), used below the density threshold (density.ts). The rows are built
// once per result; every prop is a primitive or a constant, so a refresh that keeps the data
// renders nothing here. Hidden series are not rendered at all.
import { memo, useMemo } from 'react';
import { Area, Line } from 'recharts';
import type { ChartData } from '../lib/prom-rows';
import { seriesColor } from './colors';

/**
 * One row a sample time: `t` (ms since the shown span's start, the chart's x: ChartFrame's
 * chartX) and each series' value under its index (null: a gap).
 */
export type SeriesRow = Record<string, number | null>;

export function seriesRows(data: ChartData, origin: number): SeriesRow[] {
  const { times, columns } = data;
  const rows: SeriesRow[] = new Array<SeriesRow>(times.length);
  for (let j = 0; j < times.length; j++) {
    const row: SeriesRow = { t: (times[j] ?? 0) - origin };
    for (let i = 0; i < columns.length; i++) {
      const v = columns[i]?.[j] ?? Number.NaN;
      // recharts breaks a line at null (connectNulls is off), not at NaN.
      row[i] = Number.isFinite(v) ? v : null;
    }
    rows[j] = row;
  }
  return rows;
}

interface Props {
  data: ChartData;
  hidden: ReadonlySet<string>;
  /** The shown span's start (ms): where the chart's x axis is 0. */
  origin: number;
}

export const SvgSeries = memo(function SvgSeries({ data, hidden, origin }: Props) {
  const rows = useMemo(() => seriesRows(data, origin), [data, origin]);
  const shown = data.series.flatMap((s, i) => (hidden.has(s.key) ? [] : [i]));
  if (data.columns.length === 1 && shown.length === 1) {
    return (
      <Area
        data={rows}
        dataKey="0"
        type="linear"
        stroke={seriesColor(0)}
        strokeWidth={1}
        fill={seriesColor(0)}
        fillOpacity={0.12}
        baseValue={0}
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
      data={rows}
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
