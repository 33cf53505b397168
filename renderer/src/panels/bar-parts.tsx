// The bar panel's parts recharts draws through its own props — the bar's shape, a route name on
// the name axis, the tooltip's content — and the pure helpers of its keys. The three components
// read what the bars show now from BarValuesContext, not from recharts' chart rows: the rows are
// slots (BarPanelChart.tsx says why), so a refresh that changes names and values reaches these
// parts through React context and recharts' store sees no change.
import { createContext, useContext } from 'react';
import type { BarShapeProps, TooltipContentProps } from 'recharts';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatUnit } from '../lib/format';
import type { BarRow } from '../lib/prom-rows';
import { AXIS_COLOR } from './colors';

/** A route name as the value axis shows it: its last 27 characters after an ellipsis. */
export function shorten(name: string): string {
  return name.length > 28 ? `…${name.slice(-27)}` : name;
}

/** The row a key moves to from `at`; undefined for a key that does not step the bars. */
export function stepRow(key: string, at: number | null, last: number): number | null | undefined {
  if (key === 'ArrowDown') return at === null ? 0 : Math.min(last, at + 1);
  if (key === 'ArrowUp') return at === null ? 0 : Math.max(0, at - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  if (key === 'Escape') return null;
  return undefined;
}

/**
 * One chart row per bar: its place from the top, and the whole value axis as its length (the
 * axis runs over its own fraction, 0 to 1: value-axis.tsx).
 */
export interface BarSlot {
  slot: number;
  full: 1;
}

/** The slots for `count` bars (memoised on the count by the chart). */
export function barSlots(count: number): BarSlot[] {
  return Array.from({ length: count }, (_, slot) => ({ slot, full: 1 }));
}

/** What the bars show now, slot by slot (largest first), in which unit, and the axis's top value. */
export interface BarValues {
  rows: readonly BarRow[];
  unit: PanelUnit;
  top: number;
}

export const BarValuesContext = createContext<BarValues>({ rows: [], unit: 'reqps', top: 1 });

/**
 * The length of a bar whose slot recharts laid out at the full length of the value axis, which
 * ends at the value `top`: the value's share of it. Below a zero or missing value nothing is drawn.
 */
export function barLength(fullWidth: number, value: number | undefined, top: number): number {
  if (!(top > 0) || value === undefined || !(value > 0)) return 0;
  return (fullWidth * Math.min(value, top)) / top;
}

/**
 * A bar as one path with its right end rounded. recharts' default shape, its `Rectangle`,
 * carries an update animation's state (refs, a measured path length, an animation wrapper keyed
 * by the bar's geometry) that these bars, drawn without animation, never use: a refresh of ten
 * bars cost ~1 ms more with it (docs/PERFORMANCE.md, "The bar chart").
 */
function BarPath({ x, y, width, height, index, fill }: BarShapeProps) {
  const { rows, top } = useContext(BarValuesContext);
  const w = barLength(width, rows[index]?.value, top);
  if (!(w > 0) || !(height > 0)) return null;
  const r = Math.min(3, w, height / 2);
  const d = `M${x},${y}h${w - r}a${r},${r} 0 0 1 ${r},${r}v${height - 2 * r}a${r},${r} 0 0 1 ${-r},${r}h${r - w}Z`;
  return <path d={d} fill={fill} />;
}

/** recharts' `shape` for the bars: it calls a function shape, so this one hands over to BarPath. */
export const barShape = (props: BarShapeProps) => <BarPath {...props} />;

interface TickProps {
  x?: number;
  y?: number;
  className?: string;
  payload?: { value?: unknown };
}

/**
 * A slot's route name on the name axis: recharts clones this element with the tick's place (its
 * colour is the axis's stroke there, so the name's own is set here).
 */
function NameTick({ x = 0, y = 0, className, payload }: TickProps) {
  const { rows } = useContext(BarValuesContext);
  const name = rows[Number(payload?.value)]?.name;
  if (name === undefined) return null;
  return (
    <text
      x={x}
      y={y}
      dy="0.355em"
      textAnchor="end"
      fill={AXIS_COLOR}
      fontSize={11}
      className={className}
    >
      {shorten(name)}
    </text>
  );
}

export const NAME_TICK = <NameTick />;

/** The hovered or key-chosen bar's route and value (recharts renders it as a component). */
export function BarTooltip({ active, payload }: TooltipContentProps) {
  const { rows, unit } = useContext(BarValuesContext);
  const slot = (payload[0]?.payload as BarSlot | undefined)?.slot;
  const row = slot === undefined ? undefined : rows[slot];
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip" data-testid="chart-tooltip">
      <div className="chart-tooltip-row">
        <span className="chart-tooltip-name">{row.name}</span>
        <span className="chart-tooltip-value">{formatUnit(row.value, unit)}</span>
      </div>
    </div>
  );
}
