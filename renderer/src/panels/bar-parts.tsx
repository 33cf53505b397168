// The bar panel's parts that hold no state of the chart: the bar's shape, the tooltip's content,
// the route-name shortener and the keys' step (BarPanelChart.tsx draws the chart with them).
import type { BarShapeProps, TooltipContentProps } from 'recharts';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatUnit } from '../lib/format';
import type { BarRow } from '../lib/prom-rows';

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
 * A bar as one path with its right end rounded (recharts' `shape`). recharts' default shape, its
 * `Rectangle`, carries an update animation's state (refs, a measured path length, an animation
 * wrapper keyed by the bar's geometry) that these bars, drawn without animation, never use: a
 * refresh of ten bars cost ~1 ms more with it (docs/PERFORMANCE.md, "The bar chart").
 */
export function BarShape({ x, y, width, height, fill }: BarShapeProps) {
  if (!(width > 0) || !(height > 0)) return null;
  const r = Math.min(3, width, height / 2);
  const d = `M${x},${y}h${width - r}a${r},${r} 0 0 1 ${r},${r}v${height - 2 * r}a${r},${r} 0 0 1 ${-r},${r}h${r - width}Z`;
  return <path d={d} fill={fill} />;
}

/** The hovered or key-chosen bar's route and value. */
export function BarTooltip({ active, payload, unit }: TooltipContentProps & { unit: PanelUnit }) {
  const row = payload[0]?.payload as BarRow | undefined;
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
