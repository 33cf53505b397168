// The 'bar' panel body: the latest value per series as horizontal bars, largest on top. It is a
// recharts BarChart (the stack's chart library): recharts lays out the bars, the value axis, the
// route names, the grid and the tooltip. The domain and ticks are given (nice steps of the
// largest value) and the route-name column has a fixed width, so a refresh that changes ten
// numbers re-measures no text. What stays ours is the keyboard: recharts' accessibility layer
// steps with left and right arrows only, where these bars stand one above the other and a
// reader expects up / down / Home / End / Escape and hears the row in a live region.
import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
  type TooltipContentProps,
} from 'recharts';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatUnit } from '../lib/format';
import { niceScale, niceTicks } from '../lib/nice-scale';
import type { BarData, BarRow } from '../lib/prom-rows';
import { AXIS_COLOR, BAR_COLOR, GRID_COLOR } from './colors';

interface Props {
  data: BarData;
  unit: PanelUnit;
  height: number;
  /** What the chart is (its panel's title); the keyboard help follows it. */
  label?: string;
  /** The id of the text naming every bar and its value. */
  describedBy?: string;
}

const KEYBOARD_HELP = 'up and down arrows step through the bars, Home and End go to the ends';

/** A margin right for half the last tick's label (it is centred on the end); the names get NAME_WIDTH. */
const MARGIN = { top: 4, right: 28, bottom: 4, left: 0 } as const;
const NAME_WIDTH = 170;
const BAR_HEIGHT = 14;
const TICK = { fill: AXIS_COLOR, fontSize: 11 } as const;
const CURSOR = { fill: 'rgba(255,255,255,0.04)' } as const;

function shorten(name: string): string {
  return name.length > 28 ? `…${name.slice(-27)}` : name;
}

/** The row a key moves to from `at`; undefined for a key that does not step the bars. */
function stepRow(key: string, at: number | null, last: number): number | null | undefined {
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
function BarShape({ x, y, width, height, fill }: BarShapeProps) {
  if (!(width > 0) || !(height > 0)) return null;
  const r = Math.min(3, width, height / 2);
  const d = `M${x},${y}h${width - r}a${r},${r} 0 0 1 ${r},${r}v${height - 2 * r}a${r},${r} 0 0 1 ${-r},${r}h${r - width}Z`;
  return <path d={d} fill={fill} />;
}

function BarTooltip({ active, payload, unit }: TooltipContentProps & { unit: PanelUnit }) {
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

export const BarPanelChart = memo(function BarPanelChart({
  data,
  unit,
  height,
  label = 'Bar chart',
  describedBy,
}: Props) {
  /** The row the keys chose; null when they chose none (or Escape / blur put it away). */
  const [keyRow, setKeyRow] = useState<number | null>(null);
  /**
   * recharts shows `defaultIndex` only while its chart has seen no pointer hover; a key pressed
   * after a hover starts a fresh chart (a new key), so the keys' row is the one shown.
   */
  const [generation, setGeneration] = useState(0);
  const hovered = useRef(false);
  const { rows } = data;
  const max = rows.reduce((m, r) => Math.max(m, r.value), 0);
  const scale = niceScale(0, max > 0 ? max : 1);
  const [lo, hi] = scale.domain;
  const ticks = useMemo(() => niceTicks(lo, hi, scale.step), [lo, hi, scale.step]);
  const domain = useMemo(() => [lo, hi] as [number, number], [lo, hi]);
  const tickFormatter = useMemo(() => (v: number) => formatUnit(v, unit), [unit]);
  const shown = keyRow !== null ? rows[keyRow] : undefined;
  // The chart's and the tooltip's own props stay the same objects across a refresh: recharts
  // reports a chart's props to its store whenever they change, and every selector re-runs.
  const onMouseMove = useCallback(() => {
    hovered.current = true;
    setKeyRow(null); // already null: React bails out without a render
  }, []);
  const content = useCallback(
    (props: TooltipContentProps) => <BarTooltip {...props} unit={unit} />,
    [unit],
  );

  function onKey(e: KeyboardEvent<HTMLDivElement>): void {
    const next = rows.length ? stepRow(e.key, keyRow, rows.length - 1) : undefined;
    if (next === undefined) return;
    e.preventDefault(); // the keys step the bars; they do not scroll the page
    if (hovered.current) {
      hovered.current = false;
      setGeneration((g) => g + 1);
    }
    setKeyRow(next);
  }

  return (
    <div
      className="bar-chart"
      data-testid="bar-chart"
      role="group"
      tabIndex={0}
      aria-label={`${label}: ${KEYBOARD_HELP}`}
      aria-describedby={describedBy}
      onKeyDown={onKey}
      onBlur={() => setKeyRow(null)}
      style={{ position: 'relative', width: '100%', height }}
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          key={generation}
          data={rows}
          layout="vertical"
          margin={MARGIN}
          barSize={BAR_HEIGHT}
          accessibilityLayer={false}
          onMouseMove={onMouseMove}
        >
          <CartesianGrid horizontal={false} stroke={GRID_COLOR} />
          <XAxis
            type="number"
            domain={domain}
            ticks={ticks}
            interval={0}
            tickFormatter={tickFormatter}
            tick={TICK}
            stroke={GRID_COLOR}
            allowDataOverflow
          />
          <YAxis
            type="category"
            dataKey="name"
            width={NAME_WIDTH}
            interval={0}
            tickFormatter={shorten}
            tick={TICK}
            stroke={GRID_COLOR}
          />
          <Tooltip
            content={content}
            defaultIndex={keyRow ?? undefined}
            cursor={CURSOR}
            isAnimationActive={false}
          />
          <Bar dataKey="value" fill={BAR_COLOR} shape={BarShape} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <div className="sr-only" aria-live="polite" data-testid="chart-live">
        {shown ? `${shown.name} ${formatUnit(shown.value, unit)}` : ''}
      </div>
    </div>
  );
});
