// The time axis labels under a plot, drawn like the value axis' ticks, through the recharts x
// axis' scale (usePlotMapping); recharts' XAxis keeps the room and draws the axis line. Ours
// rather than that XAxis's ticks: the labels move on every refresh, and recharts' XAxis as the
// sliding time axis cost ~25 ms p50 more a refresh in the dense case (issue 20's table: its
// tick selectors, label measuring and text elements re-made per refresh). Here a refresh moves
// a few text elements, snapped to device pixels so half-pixel moves do not repaint them.
import { memo } from 'react';
import { formatClock } from '../lib/format';
import { FRAME_MARGIN } from './ChartFrame';
import { TICK_MARGIN, TICK_SIZE } from './value-axis';
import { AXIS_COLOR, GRID_COLOR } from './colors';
import { usePlotMapping } from './usePlotMapping';
import { currentDevicePixelRatio, snapToDevicePixel } from './device-pixels';

interface Props {
  ticks: readonly number[];
  withSeconds: boolean;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
}

/** A label's width at 11 px: about 6.5 px a character. */
const textWidth = (text: string): number => text.length * 6.5;
/** Room a label needs, with a gap so labels never touch. */
const labelWidth = (text: string): number => textWidth(text) + 8;

export const TimeAxis = memo(function TimeAxis({ ticks, withSeconds, xDomain, yDomain }: Props) {
  const mapping = usePlotMapping(xDomain, yDomain);
  if (!mapping) return null;
  const { x, plot } = mapping;
  const dpr = currentDevicePixelRatio();
  const axisY = plot.y + plot.height;
  // On a narrow chart, skip a label that would run into the previous one (as recharts' axes do).
  let freeFrom = Number.NEGATIVE_INFINITY;
  const shown = ticks.flatMap((t) => {
    // On a whole device pixel: a label that moves half a pixel a refresh (30 min at 2 s) is laid
    // out, painted and rasterized again each time; snapped, every other refresh leaves it be.
    const px = snapToDevicePixel(x.scale * t + x.offset, dpr);
    const text = formatClock(t, withSeconds);
    const half = labelWidth(text) / 2;
    if (px < plot.x - 0.5 || px > plot.x + plot.width + 0.5 || px - half < freeFrom) return [];
    // Nor one cut off by the frame's edge ("12:34:" of 12:34:00 at the right end).
    if (px + textWidth(text) / 2 > plot.x + plot.width + FRAME_MARGIN.right) return [];
    freeFrom = px + half;
    return [{ t, px, text }];
  });
  return (
    <g className="time-axis" fontSize={11}>
      {shown.map(({ t, px, text }) => (
        // Placed by the group's transform: a refresh that moves a label changes one attribute,
        // and the text inside is not laid out again (its own x changed re-laid it each time).
        <g key={t} transform={`translate(${px} 0)`}>
          {/* Centred on a device pixel, so the 1 px tick is one pixel wide and not two halves. */}
          <line
            x1={0.5 / dpr}
            x2={0.5 / dpr}
            y1={axisY}
            y2={axisY + TICK_SIZE}
            stroke={GRID_COLOR}
          />
          <text
            x={0}
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
