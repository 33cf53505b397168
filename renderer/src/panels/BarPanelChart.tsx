// The 'bar' panel body: the latest value per series as horizontal bars, largest on top. It is a
// recharts BarChart (the stack's chart library): recharts lays out the bars, the value axis, the
// name axis, the grid and the tooltip. The domain and ticks are given (nice steps of the largest
// value) and the route-name column has a fixed width, so a refresh re-measures no text.
//
// The chart's rows are slots — one per bar, from the top, each as long as the value axis — and
// not the routes: which route holds a slot and how long its bar is reach the shape, the name
// tick and the tooltip through BarValuesContext (bar-parts.tsx). New rows would make recharts
// dispatch three updates to its store and re-run ~100 subscribed selectors for each, ~7 ms of a
// typical refresh (docs/PERFORMANCE.md, "The bar chart"); slots change only with the number of
// bars. The value axis runs over its own fraction and its labels and grid lines follow the scale
// through ValueAxisContext (value-axis.tsx), so a new top value changes no recharts prop either.
// What stays ours is the keyboard: recharts' accessibility layer steps
// with left and right arrows only, where these bars stand one above the other and a reader
// expects up / down / Home / End / Escape and hears the row in a live region.
import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatUnit } from '../lib/format';
import { niceScale, niceTicks } from '../lib/nice-scale';
import type { BarData } from '../lib/prom-rows';
import {
  BarTooltip,
  BarValuesContext,
  NAME_TICK,
  barShape,
  barSlots,
  type BarSlot,
  type BarValues,
} from './bar-parts';
import { useBarKeys } from './useBarKeys';
import { BAR_COLOR, GRID_COLOR } from './colors';
import { valueAxis } from '../lib/axis-fraction';
import {
  VERTICAL_GRID_LINE,
  ValueAxisContext,
  ValueTick,
  useRechartsFractions,
  valueAxisProps,
} from './value-axis';

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
/** The value axis's tick, cloned by recharts at each of its places (value-axis.tsx). */
const VALUE_TICK = <ValueTick side="bottom" />;
const CURSOR = { fill: 'rgba(255,255,255,0.04)' } as const;

interface FrameProps {
  slots: readonly BarSlot[];
  /** Where the value axis has its ticks and grid lines, as fractions of it. */
  fractions: readonly number[];
  height: number;
  keyRow: number | null;
  onMouseMove: () => void;
}

/**
 * The recharts chart, memoised: its props change with the number of bars and the keys' row, not
 * with each refresh's values or scale (a re-rendered BarChart reports its props to its store).
 */
const BarFrame = memo(function BarFrame({
  slots,
  fractions,
  height,
  keyRow,
  onMouseMove,
}: FrameProps) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={slots}
        layout="vertical"
        margin={MARGIN}
        barSize={BAR_HEIGHT}
        accessibilityLayer={false}
        onMouseMove={onMouseMove}
      >
        <CartesianGrid
          horizontal={false}
          stroke={GRID_COLOR}
          verticalValues={fractions as number[]}
          vertical={VERTICAL_GRID_LINE}
        />
        <XAxis {...valueAxisProps(fractions, VALUE_TICK)} />
        <YAxis
          type="category"
          dataKey="slot"
          width={NAME_WIDTH}
          interval={0}
          tick={NAME_TICK}
          stroke={GRID_COLOR}
        />
        <Tooltip
          content={BarTooltip}
          defaultIndex={keyRow ?? undefined}
          cursor={CURSOR}
          isAnimationActive={false}
        />
        <Bar dataKey="full" fill={BAR_COLOR} shape={barShape} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
});

export const BarPanelChart = memo(function BarPanelChart({
  data,
  unit,
  height,
  label = 'Bar chart',
  describedBy,
}: Props) {
  const { keyRow, generation, onKey, onMouseMove, onBlur } = useBarKeys(data.rows.length);
  const { rows } = data;
  const max = rows.reduce((m, r) => Math.max(m, r.value), 0);
  const scale = niceScale(0, max > 0 ? max : 1);
  const [lo, hi] = scale.domain;
  const axis = useMemo(
    () => valueAxis([lo, hi], niceTicks(lo, hi, scale.step), (v: number) => formatUnit(v, unit)),
    [lo, hi, scale.step, unit],
  );
  const fractions = useRechartsFractions(axis);
  const slots = useMemo(() => barSlots(rows.length), [rows.length]);
  const values = useMemo((): BarValues => ({ rows, unit, top: hi }), [rows, unit, hi]);
  const shown = keyRow !== null ? rows[keyRow] : undefined;

  return (
    <div
      className="bar-chart"
      data-testid="bar-chart"
      role="group"
      tabIndex={0}
      aria-label={`${label}: ${KEYBOARD_HELP}`}
      aria-describedby={describedBy}
      onKeyDown={onKey}
      onBlur={onBlur}
      style={{ position: 'relative', width: '100%', height }}
    >
      <BarValuesContext.Provider value={values}>
        <ValueAxisContext.Provider value={axis}>
          <BarFrame
            key={generation}
            slots={slots}
            fractions={fractions}
            height={height}
            keyRow={keyRow}
            onMouseMove={onMouseMove}
          />
        </ValueAxisContext.Provider>
      </BarValuesContext.Provider>
      <div className="sr-only" aria-live="polite" data-testid="chart-live">
        {shown ? `${shown.name} ${formatUnit(shown.value, unit)}` : ''}
      </div>
    </div>
  );
});
