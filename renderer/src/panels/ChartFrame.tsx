// The frame every plot is drawn on (timeseries panels, Explore's graph, the heatmap): a recharts
// `ComposedChart` as wide as its box, with recharts' horizontal grid and value axis (a fixed
// width and tick places, our nice scale's labels, so the layout is a subtraction and no label
// is measured),
// and a number `XAxis` over the time span shown, as the fraction of that span (0 its start, 1
// its end: `TimeDomainAxis`, `chartX`). The value axis runs over its own fraction the same way,
// its labels and grid lines following the scale through React context (value-axis.tsx). What
// is drawn on the plot — recharts `Line`s or the canvas series, reference areas, the hover — is
// the frame's `Layers` child, and places everything through recharts' scales
// (usePlotMapping.ts): one coordinate system. The recharts chart's props change only with the
// size (and the rows, when recharts draws the series): neither axis' domain ever does. The window slides and its length wobbles by up to a
// step on every refresh (queryWindow aligns its start), the y scale steps when the top value
// crosses a tick, and an axis whose domain changes makes recharts recompute every axis and
// re-render its hooks' users a frame later (docs/PERFORMANCE.md, "Charts on recharts").
import {
  memo,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ComponentType,
  type ReactNode,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import { CartesianGrid, ComposedChart, XAxis, YAxis } from 'recharts';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatUnit } from '../lib/format';
import { GRID_COLOR } from './colors';
import { tooltipSide } from './tooltip-placement';
import type { PlotMapping } from './usePlotMapping';
import { axisFraction, valueAxis } from '../lib/axis-fraction';
import {
  FRACTION_DOMAIN,
  HORIZONTAL_GRID_LINE,
  ValueAxisContext,
  ValueTick,
  useRechartsFractions,
  valueAxisProps,
} from './value-axis';

/**
 * Room around the plot: 84 px for the value labels on the left, 30 px under it for the time
 * labels (TimeAxis), a little above and to the right so the top label and last line are whole.
 */
export const FRAME_MARGIN = { top: 8, right: 12, bottom: 30, left: 84 } as const;
/** The value axis's tick, cloned by recharts at each of its places (value-axis.tsx). */
const VALUE_TICK = <ValueTick side="left" />;

/** recharts' margin is outside its axes: the axes' own width and height make the rest. */
const CHART_MARGIN = { top: FRAME_MARGIN.top, right: FRAME_MARGIN.right, bottom: 0, left: 0 };
/** recharts lays out its axes from data; the layers carry their own (Line's `data`). */
const NO_ROWS: never[] = [];
const NO_TICKS: number[] = [];

interface FrameProps {
  unit: PanelUnit;
  yDomain: readonly [number, number];
  yTicks: readonly number[];
  height: number;
  /** What is drawn on the plot, the time axis among it (TimeDomainAxis); a stable component. */
  Layers: ComponentType;
  /** A y tick's label (default: the value in `unit`); a stable function. */
  formatTick?: (value: number) => string;
  /** Focusable, named so: the layers answer keys (ChartHover steps through the samples). */
  keyboardLabel?: string;
  /** The id of the text that says what the chart shows (its panel's summary). */
  describedBy?: string;
  /**
   * The chart's rows when recharts draws the series (SvgSeries): given to the chart, not to
   * each `Line`, since recharts applies chart data at once but a `Line`'s own data a frame
   * later (its graphical-item updates are batched to the next animation frame).
   */
  rows?: readonly object[];
}

/** The box's width, measured before the first paint and followed on resize (every chart). */
export function useWidth<T extends HTMLElement = HTMLDivElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.floor(el.getBoundingClientRect().width));
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * Props change only with the y scale or the size: a refresh that keeps the scale renders the
 * layers alone (their data comes through their own context, not through this frame). A change of
 * the y scale reaches the value axis's labels and grid lines through ValueAxisContext: the
 * recharts chart inside keeps its props.
 */
export const ChartFrame = memo(function ChartFrame({
  unit,
  yDomain,
  yTicks,
  height,
  Layers,
  formatTick,
  keyboardLabel,
  describedBy,
  rows = NO_ROWS,
}: FrameProps) {
  const [ref, width] = useWidth();
  const axis = useMemo(
    () => valueAxis(yDomain, yTicks, formatTick ?? ((v: number) => formatUnit(v, unit))),
    [yDomain, yTicks, formatTick, unit],
  );
  const fractions = useRechartsFractions(axis);
  const plotWidth = width - FRAME_MARGIN.left - FRAME_MARGIN.right;
  const plotHeight = height - FRAME_MARGIN.top - FRAME_MARGIN.bottom;
  return (
    <div ref={ref} className="chart-frame" style={{ width: '100%', height }}>
      {plotWidth > 0 && plotHeight > 0 && (
        <ValueAxisContext.Provider value={axis}>
          <RechartsFrame
            width={width}
            height={height}
            fractions={fractions}
            rows={rows}
            Layers={Layers}
            keyboardLabel={keyboardLabel}
            describedBy={describedBy}
          />
        </ValueAxisContext.Provider>
      )}
    </div>
  );
});

interface RechartsFrameProps {
  width: number;
  height: number;
  /** Where the value axis has its ticks and grid lines, as fractions of it (value-axis.tsx). */
  fractions: readonly number[];
  rows: readonly object[];
  Layers: ComponentType;
  keyboardLabel?: string;
  describedBy?: string;
}

/**
 * The recharts chart, memoised on props that a change of scale leaves alone (but for the rows
 * when recharts draws the series, which are fractions of the axis): its y axis runs over the
 * fraction of the value axis (0 its bottom, 1 its top), as its x axis over the fraction of the
 * time span, so neither domain ever changes.
 */
const RechartsFrame = memo(function RechartsFrame({
  width,
  height,
  fractions,
  rows,
  Layers,
  keyboardLabel,
  describedBy,
}: RechartsFrameProps) {
  return (
    <ComposedChart
      width={width}
      height={height}
      margin={CHART_MARGIN}
      data={rows}
      // Our hover steps through samples and speaks them (ChartHover); recharts' keyboard
      // layer would move a recharts Tooltip this chart does not have.
      accessibilityLayer={false}
      {...(keyboardLabel ? { tabIndex: 0, 'aria-label': keyboardLabel } : {})}
      aria-describedby={describedBy}
    >
      <CartesianGrid
        stroke={GRID_COLOR}
        vertical={false}
        horizontalValues={fractions as number[]}
        horizontal={HORIZONTAL_GRID_LINE}
      />
      <YAxis {...valueAxisProps(fractions, VALUE_TICK)} width={FRAME_MARGIN.left} />
      <Layers />
    </ComposedChart>
  );
});

/** Where time `t` (ms) sits on a chart's x axis: its fraction of the shown span `xDomain`. */
export function chartX(t: number, xDomain: readonly [number, number]): number {
  return axisFraction(t, xDomain);
}

/**
 * The frame's x axis: a number axis over the shown span as its fraction (chartX), drawn as its
 * line only — the labels are TimeAxis's (see there). Its domain is a constant, so recharts never
 * re-lays the chart for a refresh.
 */
export const TimeDomainAxis = memo(function TimeDomainAxis() {
  return (
    <XAxis
      dataKey="t"
      type="number"
      domain={FRACTION_DOMAIN}
      ticks={NO_TICKS}
      tick={false}
      tickLine={false}
      height={FRAME_MARGIN.bottom}
      stroke={GRID_COLOR}
      allowDataOverflow
    />
  );
});

const TOOLTIP_HOST = { position: 'absolute', inset: 0, pointerEvents: 'none' } as const;

/** Where a layer's tooltip goes: a box over the chart, outside its SVG (ChartHover, HeatmapHover). */
export function TooltipHost({ onHost }: { onHost: (el: HTMLDivElement | null) => void }) {
  return <div ref={onHost} style={TOOLTIP_HOST} aria-hidden="true" />;
}

/** The host is the chart's box, so the marks use the chart SVG's coordinates. */
const HOVER_MARKS = {
  position: 'absolute',
  inset: 0,
  width: '100%',
  height: '100%',
  overflow: 'visible',
  pointerEvents: 'none',
  zIndex: 1,
} as const;

/** A hover's marks (cursor, dots, hovered cell, dragged span) in the tooltip host, over the
 * canvases drawn there (ChartHover, HeatmapHover). */
export function HoverMarks({ host, children }: { host: HTMLElement | null; children: ReactNode }) {
  if (!host) return null;
  return createPortal(
    <svg className="chart-hover-marks" style={HOVER_MARKS} aria-hidden="true">
      {children}
    </svg>,
    host,
  );
}

/**
 * A hover's tooltip in the tooltip host, level with the plot's top, beside the pointed-at spot
 * `left` … `right` (a cursor line: both the same; a heatmap cell: its edges; tooltipSide).
 */
export function SideTooltip({
  host,
  plot,
  left,
  right,
  children,
}: {
  host: HTMLElement;
  plot: PlotMapping['plot'];
  left: number;
  right: number;
  children: ReactNode;
}) {
  const style = {
    position: 'absolute',
    top: plot.y,
    ...tooltipSide(left, right, plot, host.clientWidth || 0),
    pointerEvents: 'none',
    zIndex: 2,
  } as const;
  return createPortal(<div style={style}>{children}</div>, host);
}
