// The time axis labels under a timeseries plot, drawn like recharts' axis ticks (the frame's
// XAxis keeps the room and draws the axis line). They move on every refresh, so they are drawn
// here rather than by recharts: see plot-layers.tsx.
import { memo } from 'react';
import { formatClock } from '../lib/format';
import { AXIS_COLOR, GRID_COLOR } from './colors';
import { usePlotMapping } from './usePlotMapping';

interface Props {
  ticks: readonly number[];
  withSeconds: boolean;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
}

/** recharts' defaults: a 6 px tick line, then a 2 px margin before the label. */
const TICK_SIZE = 6;
const TICK_MARGIN = 2;
/** Room a label needs at 11 px (about 6.5 px a character) plus a gap, so labels never touch. */
const labelWidth = (text: string): number => text.length * 6.5 + 8;

export const TimeAxis = memo(function TimeAxis({ ticks, withSeconds, xDomain, yDomain }: Props) {
  const mapping = usePlotMapping(xDomain, yDomain);
  if (!mapping) return null;
  const { x, plot } = mapping;
  const axisY = plot.y + plot.height;
  // On a narrow chart, skip a label that would run into the previous one (as recharts does).
  let freeFrom = Number.NEGATIVE_INFINITY;
  const shown = ticks.flatMap((t) => {
    const px = x.scale * t + x.offset;
    const text = formatClock(t, withSeconds);
    const half = labelWidth(text) / 2;
    if (px < plot.x - 0.5 || px > plot.x + plot.width + 0.5 || px - half < freeFrom) return [];
    freeFrom = px + half;
    return [{ t, px, text }];
  });
  return (
    <g className="time-axis" fontSize={11}>
      {shown.map(({ t, px, text }) => (
        <g key={t}>
          <line x1={px} x2={px} y1={axisY} y2={axisY + TICK_SIZE} stroke={GRID_COLOR} />
          <text
            x={px}
            y={axisY + TICK_SIZE + TICK_MARGIN}
            dy="0.71em"
            textAnchor="middle"
            fill={AXIS_COLOR}
          >
            {text}
          </text>
        </g>
      ))}
    </g>
  );
});
