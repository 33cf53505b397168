// What the heatmap draws on its plot, one layer set like plot-layers.tsx's for the lines: the
// cells and the quantile line over them on a canvas (runs built once per result in
// lib/heatmap-cells.ts, drawn again when the result or the size changes), the time labels, and
// the hover — bucket range, time, rate, the quantile then — with drag-to-zoom (useDragZoom) like
// every timeseries chart; its marks go over the canvas, in the chart's overlay host.
// Ours, inside the recharts chart and through its scales (usePlotMapping): recharts 3.11.3 has
// no heatmap (it is unreleased there), and 12 × 360 cells as SVG rectangles were re-built,
// re-painted and re-rasterized on every refresh (docs/ARCHITECTURE.md). The quantile line is on
// the same canvas, over the cells, which a recharts Line under that canvas could not be.
import {
  createContext,
  memo,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type MouseEvent,
} from 'react';
import { createPortal } from 'react-dom';
import { formatClock, formatSeconds, formatUnit } from '../lib/format';
import { QUANTILE_COLOR } from '../lib/heatmap';
import { cellIndex, rowLabel } from '../lib/heatmap-labels';
import { drawHeatmap, type HeatmapData } from '../lib/heatmap-cells';
import { nearestIndex } from '../lib/chart-axes';
import { cursorKey } from './keyboard-cursor';
import { clearCanvas } from '../lib/line-canvas';
import { HoverMarks, TimeDomainAxis } from './ChartFrame';
import { TimeAxis } from './TimeAxis';
import { ZoomSelection } from './ZoomSelection';
import { useDragZoom } from './useDragZoom';
import { usePlotMapping } from './usePlotMapping';
import { ExemplarDots } from './ExemplarDots';
import { rowPosition } from '../lib/heatmap';
import { currentDevicePixelRatio } from './device-pixels';

export interface HeatmapLayersState {
  data: HeatmapData;
  xDomain: readonly [number, number];
  /** 0 … number of rows: row r spans r … r + 1. */
  yDomain: readonly [number, number];
  timeTicks: readonly number[];
  withSeconds: boolean;
  tooltipHost: HTMLElement | null;
  /** A polite live region: the cell the keyboard cursor is on, read out by screen readers. */
  liveHost: HTMLElement | null;
  onZoom?: (fromMs: number, toMs: number) => void;
}

export const HeatmapLayersContext = createContext<HeatmapLayersState | null>(null);

const TOOLTIP_GAP = 14;

/** Rendered inside the recharts chart (ChartFrame's `Layers`), so the layers can use its scales. */
export function HeatmapLayers() {
  const state = useContext(HeatmapLayersContext);
  if (!state) return null;
  return (
    <>
      <TimeDomainAxis />
      <HeatmapCells
        data={state.data}
        xDomain={state.xDomain}
        yDomain={state.yDomain}
        host={state.tooltipHost}
      />
      <TimeAxis
        ticks={state.timeTicks}
        withSeconds={state.withSeconds}
        xDomain={state.xDomain}
        yDomain={state.yDomain}
      />
      <HeatmapHover {...state} />
      <ExemplarDots
        xDomain={state.xDomain}
        yDomain={state.yDomain}
        toY={(v) => rowPosition(state.data.rates.rows, v)}
      />
    </>
  );
}

type CellsProps = Pick<HeatmapLayersState, 'data' | 'xDomain' | 'yDomain'> & {
  /** The element over the chart the canvas goes in (TooltipHost). */
  host: HTMLElement | null;
};

/** The cells and the quantile line on a canvas over the plot, drawn whole on each change. */
const HeatmapCells = memo(function HeatmapCells({ data, xDomain, yDomain, host }: CellsProps) {
  const mapping = usePlotMapping(xDomain, yDomain);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const plot = mapping?.plot;
  const dpr = currentDevicePixelRatio();
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !mapping || mapping.x.scale === 0) return;
    const { x, y, plot } = mapping;
    clearCanvas(canvas, ctx, plot.width, plot.height, dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawHeatmap(ctx, data, {
      t0: (plot.x - x.offset) / x.scale,
      pxPerMs: x.scale,
      rowPx: -y.scale,
      bottom: y.offset - plot.y,
    });
  }, [data, mapping, dpr, host]);
  if (!plot || !host || data.rates.rows.length === 0) return null;
  return createPortal(
    <canvas
      ref={canvasRef}
      className="heatmap-cells"
      data-testid="heatmap-cells"
      style={{
        position: 'absolute',
        left: plot.x,
        top: plot.y,
        width: plot.width,
        height: plot.height,
        pointerEvents: 'none',
      }}
    />,
    host,
  );
});

const HeatmapHover = memo(function HeatmapHover({
  data,
  xDomain,
  yDomain,
  tooltipHost,
  liveHost,
  onZoom,
}: HeatmapLayersState) {
  const mapping = usePlotMapping(xDomain, yDomain);
  const { drag, timeAt, onDown, onDragMove, onUp, cancel, select } = useDragZoom(
    mapping?.x ?? null,
    onZoom,
  );
  const [at, setAt] = useState<{ t: number; row: number } | null>(null);
  /** Whether the keys moved the cursor last: only then is its cell read out. */
  const [viaKeys, setViaKeys] = useState(false);
  const area = useRef<SVGRectElement>(null);
  /** The cell the keys last moved to (time and bucket row) and a Shift selection's start. */
  const cursor = useRef<number | null>(null);
  const cursorRow = useRef(0);
  const anchor = useRef<number | null>(null);
  const { times: cellTimes } = data.rates;
  const rowCount = data.rates.rows.length;

  // With the chart focused: Left/Right step from cell to cell in time, Home/End to the ends,
  // Shift selects a span and Enter zooms (keyboard-cursor.ts); Up/Down move between buckets.
  useEffect(() => {
    const svg = area.current?.ownerSVGElement;
    if (!svg) return;
    const move = (t: number | null): void => {
      cursor.current = t;
      setAt(t === null ? null : { t, row: cursorRow.current });
      setViaKeys(true);
    };
    const keys = { times: cellTimes, cursor, anchor, move, select, zoom: onZoom };
    const onKey = (e: KeyboardEvent): void => {
      const up = e.key === 'ArrowUp' ? 1 : e.key === 'ArrowDown' ? -1 : 0;
      if (up && rowCount > 0 && cellTimes.length > 0) {
        e.preventDefault(); // the keys move the cell, not the page
        const first = cursor.current === null;
        cursorRow.current = first ? 0 : Math.min(rowCount - 1, Math.max(0, cursorRow.current + up));
        move(cursor.current ?? cellTimes[cellTimes.length - 1] ?? null);
        return;
      }
      if (cursorKey(e, keys)) e.preventDefault();
    };
    const onBlur = (): void => {
      anchor.current = null;
      move(null);
      select(null);
    };
    svg.addEventListener('keydown', onKey);
    svg.addEventListener('blur', onBlur);
    return () => {
      svg.removeEventListener('keydown', onKey);
      svg.removeEventListener('blur', onBlur);
    };
  }, [cellTimes, rowCount, mapping, select, onZoom]);
  if (!mapping || mapping.x.scale === 0 || mapping.y.scale === 0) return null;
  const { x, y, plot } = mapping;
  const { rates, stepMs, quantile } = data;

  function onMove(e: MouseEvent<SVGRectElement>): void {
    const t = timeAt(e);
    const svg = e.currentTarget.ownerSVGElement;
    if (t === null || !svg) return;
    const value = (e.clientY - svg.getBoundingClientRect().top - y.offset) / y.scale;
    const row = Math.min(rates.rows.length - 1, Math.max(0, Math.floor(value)));
    cursor.current = t;
    cursorRow.current = row;
    setAt({ t, row });
    setViaKeys(false);
    onDragMove(t);
  }

  const index = at ? cellIndex(rates.times, stepMs, at.t) : null;
  const time = index === null ? undefined : rates.times[index];
  const row = at ? rates.rows[at.row] : undefined;
  const rate = index === null || !at ? Number.NaN : (rates.cells[at.row]?.[index] ?? Number.NaN);
  const qi = time === undefined ? null : nearestIndex(quantile.times, time);
  const q = qi === null ? Number.NaN : (quantile.values[qi] ?? Number.NaN);
  const cell =
    time !== undefined && at
      ? {
          x: x.scale * (time - stepMs) + x.offset,
          y: y.scale * (at.row + 1) + y.offset,
          w: stepMs * x.scale,
          h: -y.scale,
        }
      : null;
  const onRight = (cell?.x ?? 0) < plot.x + plot.width / 2;

  return (
    <g className="chart-hover">
      <rect
        ref={area}
        x={plot.x}
        y={plot.y}
        width={plot.width}
        height={plot.height}
        fill="transparent"
        onMouseMove={onMove}
        onMouseDown={onDown}
        onMouseUp={() => {
          if (onUp()) {
            cursor.current = null;
            setAt(null);
          }
        }}
        onMouseLeave={() => {
          cursor.current = null;
          setAt(null);
          cancel();
        }}
        style={onZoom ? { cursor: 'crosshair' } : undefined}
        data-testid="chart-plot"
      />
      {(drag || cell) && (
        // Over the cells' canvas: the dragged span and the hovered cell.
        <HoverMarks host={tooltipHost}>
          {drag && <ZoomSelection drag={drag} x={x} plot={plot} />}
          {cell && (
            <rect
              x={cell.x}
              y={cell.y}
              width={cell.w}
              height={cell.h}
              fill="none"
              stroke="#fff"
              pointerEvents="none"
            />
          )}
        </HoverMarks>
      )}
      {cell &&
        row &&
        time !== undefined &&
        tooltipHost &&
        createPortal(
          <div
            style={{
              position: 'absolute',
              top: plot.y,
              ...(onRight
                ? { left: cell.x + cell.w + TOOLTIP_GAP }
                : { right: (tooltipHost.clientWidth || 0) - cell.x + TOOLTIP_GAP }),
              pointerEvents: 'none',
              zIndex: 2,
            }}
          >
            <div className="chart-tooltip" data-testid="chart-tooltip">
              <div className="chart-tooltip-time">
                {formatClock(time - stepMs, true)} – {formatClock(time, true)}
              </div>
              <div className="chart-tooltip-row">
                <span className="chart-tooltip-name">{rowLabel(row)}</span>
                <span className="chart-tooltip-value">{formatUnit(rate, 'reqps')}</span>
              </div>
              <div className="chart-tooltip-row">
                <span className="swatch" style={{ background: QUANTILE_COLOR }} />
                <span className="chart-tooltip-name">{quantile.label}</span>
                <span className="chart-tooltip-value">
                  {Number.isNaN(q) ? formatUnit(q, 'seconds') : formatSeconds(q)}
                </span>
              </div>
            </div>
          </div>,
          tooltipHost,
        )}
      {viaKeys &&
        row &&
        time !== undefined &&
        liveHost &&
        createPortal(
          `${formatClock(time - stepMs, true)} – ${formatClock(time, true)}, ${rowLabel(row)}: ${formatUnit(rate, 'reqps')}; ${quantile.label} ${Number.isNaN(q) ? formatUnit(q, 'seconds') : formatSeconds(q)}`,
          liveHost,
        )}
    </g>
  );
});
