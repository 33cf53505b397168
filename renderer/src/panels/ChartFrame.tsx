// The frame every plot is drawn on (timeseries panels, Explore's graph, the heatmap): an SVG as
// wide as its box, the horizontal grid at the y ticks, the value axis with its labels, the time
// axis line, and the plot area that the layers (plot-layers.tsx, HeatmapLayers.tsx) read through
// `usePlotArea`. Owned rather than recharts' (docs/ARCHITECTURE.md, "The chart layer"): the y
// axis has a fixed width, so the layout is a subtraction; recharts' chart kept a store, selectors
// and a deep tree that every refresh walked although the frame itself had not changed.
import {
  createContext,
  memo,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ComponentType,
  type ReactNode,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatUnit } from '../lib/format';
import { linearMap } from '../lib/linear-map';
import { AXIS_COLOR, GRID_COLOR } from './colors';

export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Room around the plot: 84 px for the value labels on the left, 30 px under it for the time
 * labels (TimeAxis), a little above and to the right so the top label and last line are whole.
 */
export const FRAME_MARGIN = { top: 8, right: 12, bottom: 30, left: 84 } as const;
/** A tick line, then a gap before its label (the time axis draws its ticks the same way). */
export const TICK_SIZE = 6;
export const TICK_MARGIN = 2;

const PlotAreaContext = createContext<PlotArea | null>(null);

/** The plot area of the frame this layer is drawn in (null before the frame has a width). */
export const usePlotArea = (): PlotArea | null => useContext(PlotAreaContext);

interface FrameProps {
  unit: PanelUnit;
  yDomain: readonly [number, number];
  yTicks: readonly number[];
  height: number;
  /** What is drawn on the plot; a stable component. */
  Layers: ComponentType;
  /** A y tick's label (default: the value in `unit`); a stable function. */
  formatTick?: (value: number) => string;
  /** Focusable, named so: the layers answer keys (ChartHover steps through the samples). */
  keyboardLabel?: string;
  /** The id of the text that says what the chart shows (its panel's summary). */
  describedBy?: string;
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
 * layers alone (their data comes through their own context, not through this frame).
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
}: FrameProps) {
  const [ref, width] = useWidth();
  const area = useMemo((): PlotArea | null => {
    const w = width - FRAME_MARGIN.left - FRAME_MARGIN.right;
    const h = height - FRAME_MARGIN.top - FRAME_MARGIN.bottom;
    return w > 0 && h > 0
      ? { x: FRAME_MARGIN.left, y: FRAME_MARGIN.top, width: w, height: h }
      : null;
  }, [width, height]);
  const label = formatTick ?? ((v: number) => formatUnit(v, unit));
  return (
    <div ref={ref} className="chart-frame" style={{ width: '100%', height }}>
      {area && (
        <svg
          width={width}
          height={height}
          className="chart-frame-svg"
          {...(keyboardLabel ? { tabIndex: 0, 'aria-label': keyboardLabel } : {})}
          aria-describedby={describedBy}
        >
          <Furniture area={area} yDomain={yDomain} yTicks={yTicks} label={label} />
          <PlotAreaContext.Provider value={area}>
            <Layers />
          </PlotAreaContext.Provider>
        </svg>
      )}
    </div>
  );
});

interface FurnitureProps {
  area: PlotArea;
  yDomain: readonly [number, number];
  yTicks: readonly number[];
  label: (value: number) => string;
}

/** Grid, value axis and time axis line: what `state()` in e2e/pages/dashboard.ts skips as marks. */
function Furniture({ area, yDomain, yTicks, label }: FurnitureProps) {
  const y = linearMap(yDomain[0], yDomain[1], area.y + area.height, area.y);
  const right = area.x + area.width;
  const bottom = area.y + area.height;
  const shown = yTicks.filter((v) => v >= yDomain[0] && v <= yDomain[1]);
  const at = (v: number): number => y.scale * v + y.offset;
  return (
    <>
      <g className="chart-grid" stroke={GRID_COLOR}>
        {shown.map((v) => (
          <line key={v} x1={area.x} x2={right} y1={at(v)} y2={at(v)} />
        ))}
      </g>
      <g className="chart-axis chart-axis-y" stroke={GRID_COLOR}>
        <line x1={area.x} x2={area.x} y1={area.y} y2={bottom} />
        {shown.map((v) => (
          <line key={v} x1={area.x - TICK_SIZE} x2={area.x} y1={at(v)} y2={at(v)} />
        ))}
      </g>
      <g className="chart-axis chart-axis-labels" fill={AXIS_COLOR} fontSize={11}>
        {shown.map((v) => (
          <text
            key={v}
            x={area.x - TICK_SIZE - TICK_MARGIN}
            y={at(v)}
            dy="0.355em"
            textAnchor="end"
          >
            {label(v)}
          </text>
        ))}
      </g>
      <g className="chart-axis chart-axis-x" stroke={GRID_COLOR}>
        <line x1={area.x} x2={right} y1={bottom} y2={bottom} />
      </g>
    </>
  );
}

const TOOLTIP_HOST = { position: 'absolute', inset: 0, pointerEvents: 'none' } as const;

/** Where a layer's tooltip goes: a box over the chart, outside its SVG (ChartHover, HeatmapHover). */
export function TooltipHost({ onHost }: { onHost: (el: HTMLDivElement | null) => void }) {
  return <div ref={onHost} style={TOOLTIP_HOST} aria-hidden="true" />;
}

/** The host is the chart's box, so the marks use the frame SVG's coordinates. */
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
