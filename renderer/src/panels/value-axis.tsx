// A chart's value axis whose scale can change without a word to recharts' store. recharts' axis
// and grid stand at fixed places — every fraction of the axis where a nice scale's tick can
// fall (TICK_FRACTIONS, lib/axis-fraction.ts) — and which of them carry a label and a grid line
// now, and what the label says, reach the tick and the grid line through ValueAxisContext. An
// axis whose domain or ticks change makes recharts dispatch to its store and re-run every
// subscribed selector of the chart (~100), then re-render the layers a frame later: 5–30 ms on
// a refresh whose top value crosses a step, the slowest refreshes of the typical dashboard
// (docs/PERFORMANCE.md, "A scale change"). The plot's own layers place values through the same
// fraction (usePlotMapping).
import { createContext, useContext, useMemo, type ReactElement } from 'react';
import { rechartsFractions, tickAt, type ValueAxis } from '../lib/axis-fraction';
import { AXIS_COLOR, GRID_COLOR } from './colors';

export const ValueAxisContext = createContext<ValueAxis>({
  domain: [0, 1],
  ticks: [],
  label: String,
});

/** rechartsFractions, the same array while the fractions are the same: recharts' props stay put. */
export function useRechartsFractions(axis: ValueAxis): readonly number[] {
  const fractions = rechartsFractions(axis);
  const key = fractions.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the fractions
  return useMemo(() => fractions, [key]);
}

/** A tick line, then a gap before its label (the time axis draws its ticks the same way). */
export const TICK_SIZE = 6;
export const TICK_MARGIN = 2;

/** An axis over a fraction of itself: 0 its start, 1 its end (the value axes, the time axis). */
export const FRACTION_DOMAIN: [number, number] = [0, 1];

/**
 * What a recharts value axis (`YAxis`, or the bar chart's `XAxis`) is given besides its place:
 * the fraction domain, the fixed tick places, and `tick`, the element recharts clones at each.
 */
export function valueAxisProps(fractions: readonly number[], tick: ReactElement) {
  return {
    type: 'number',
    domain: FRACTION_DOMAIN,
    ticks: fractions,
    interval: 0,
    tick,
    tickLine: false,
    tickSize: TICK_SIZE,
    tickMargin: TICK_MARGIN,
    stroke: GRID_COLOR,
    allowDataOverflow: true,
  } as const;
}

interface TickProps {
  /** Which side of the plot the axis is on: the label's place and its tick line follow. */
  side: 'left' | 'bottom';
  // From recharts, which clones the element for each tick: the label's anchor point.
  x?: number;
  y?: number;
  className?: string;
  payload?: { value?: unknown };
}

/**
 * A tick of the axis, if one stands at this place now: its line and its label. recharts clones
 * the element (ChartFrame's, BarPanelChart's) at each fixed place; the axis draws no tick
 * lines of its own (`tickLine={false}`), since it would draw one at every place.
 */
export function ValueTick({ side, x = 0, y = 0, className, payload }: TickProps) {
  const axis = useContext(ValueAxisContext);
  const tick = tickAt(axis, Number(payload?.value));
  if (!tick) return null;
  const line =
    side === 'left'
      ? { x1: x + TICK_MARGIN, x2: x + TICK_MARGIN + TICK_SIZE, y1: y, y2: y }
      : { x1: x, x2: x, y1: y - TICK_MARGIN - TICK_SIZE, y2: y - TICK_MARGIN };
  return (
    <g>
      <line
        {...line}
        stroke={GRID_COLOR}
        fill="none"
        className="recharts-cartesian-axis-tick-line"
      />
      <text
        x={x}
        y={y}
        dy={side === 'left' ? '0.355em' : '0.71em'}
        textAnchor={side === 'left' ? 'end' : 'middle'}
        fill={AXIS_COLOR}
        fontSize={11}
        className={className}
      >
        {axis.label(tick.value)}
      </text>
    </g>
  );
}

interface LineProps {
  /** Lines across a vertical axis are horizontal. */
  across: 'horizontal' | 'vertical';
  // From recharts' grid, which clones the element for each line: the plot area and the line.
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
  stroke?: string;
}

/** A grid line, if a tick stands at its place now (within half a pixel). */
function ValueGridLine({ across, x = 0, y = 0, width = 0, height = 0, ...line }: LineProps) {
  const axis = useContext(ValueAxisContext);
  const { x1 = 0, y1 = 0, x2 = 0, y2 = 0, stroke } = line;
  const fraction =
    across === 'horizontal' ? (y + height - y1) / (height || 1) : (x1 - x) / (width || 1);
  const tolerance = 0.5 / Math.max(1, across === 'horizontal' ? height : width);
  if (!tickAt(axis, fraction, tolerance)) return null;
  return <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={stroke} fill="none" />;
}

export const HORIZONTAL_GRID_LINE = <ValueGridLine across="horizontal" />;
export const VERTICAL_GRID_LINE = <ValueGridLine across="vertical" />;
