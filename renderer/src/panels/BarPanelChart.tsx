// The 'bar' panel body: the latest value per series as horizontal bars, largest on top.
import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatUnit } from '../lib/format';
import type { BarData } from '../lib/prom-rows';
import { AXIS_COLOR, BAR_COLOR, GRID_COLOR } from './colors';

interface Props {
  data: BarData;
  unit: PanelUnit;
  height: number;
}

const tick = { fill: AXIS_COLOR, fontSize: 11 };

function shorten(name: string): string {
  return name.length > 28 ? `…${name.slice(-27)}` : name;
}

export const BarPanelChart = memo(function BarPanelChart({ data, unit, height }: Props) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={data.rows}
        layout="vertical"
        margin={{ top: 4, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke={GRID_COLOR} horizontal={false} />
        <XAxis
          type="number"
          tickFormatter={(v: number) => formatUnit(v, unit)}
          tick={tick}
          stroke={GRID_COLOR}
        />
        <YAxis
          type="category"
          dataKey="name"
          tick={tick}
          stroke={GRID_COLOR}
          width={170}
          tickFormatter={shorten}
          interval={0}
        />
        <Tooltip
          isAnimationActive={false}
          cursor={{ fill: 'rgba(255,255,255,0.04)' }}
          content={({ active, payload }) => {
            const row = payload?.[0]?.payload as { name: string; value: number } | undefined;
            if (!active || !row) return null;
            return (
              <div className="chart-tooltip">
                <div className="chart-tooltip-row">
                  <span className="chart-tooltip-name">{row.name}</span>
                  <span className="chart-tooltip-value">{formatUnit(row.value, unit)}</span>
                </div>
              </div>
            );
          }}
        />
        <Bar
          dataKey="value"
          fill={BAR_COLOR}
          isAnimationActive={false}
          barSize={14}
          radius={[0, 3, 3, 0]}
        />
      </BarChart>
    </ResponsiveContainer>
  );
});
