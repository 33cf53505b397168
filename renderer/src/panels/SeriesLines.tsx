// The lines of a timeseries panel: a canvas over the plot area, kept between refreshes
// (lib/line-canvas.ts). A refresh that only adds samples at the right draws those alone and
// slides the canvas left; anything else draws it all again. SVG paths, one per series, cost a
// layout, a paint record and a raster of every line on every refresh (docs/PERFORMANCE.md).
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { pointsToDraw } from '../lib/downsample';
import { clearCanvas, fillArea, planDraw, strokeSeries, type DrawnLines } from '../lib/line-canvas';
import type { ChartData } from '../lib/prom-rows';
import { seriesColor } from './colors';
import { linesToDraw } from './lines-to-draw';
import { usePlotMapping } from './usePlotMapping';
import { currentDevicePixelRatio, snapToDevicePixel } from './device-pixels';

interface Props {
  data: ChartData;
  hidden: ReadonlySet<string>;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** The element over the chart the canvas goes in (TooltipHost). */
  host: HTMLElement | null;
}

/** One CSS pixel, Grafana's default line width. */
const STROKE_PX = 1;
/** The canvas is this many plot widths wide, so it can slide left before it is drawn anew. */
const ROOM = 2;

export const SeriesLines = memo(function SeriesLines({
  data,
  hidden,
  xDomain,
  yDomain,
  host,
}: Props) {
  const mapping = usePlotMapping(xDomain, yDomain);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  /** What the canvas holds now, and which canvas element that is (a new one starts blank). */
  const drawn = useRef<{ lines: DrawnLines; canvas: HTMLCanvasElement } | null>(null);
  const identities = useMemo(() => data.series.map((s) => JSON.stringify(s.labels)), [data.series]);
  const plot = mapping?.plot;
  const width = plot ? plot.width * ROOM : 0;
  const height = plot ? plot.height + 2 : 0;
  const dpr = currentDevicePixelRatio();

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !mapping) return;
    const { x } = mapping;
    const next = linesToDraw(data, hidden, identities, xDomain, mapping, { width, height, dpr });
    const { shown, area } = next;
    const before = drawn.current?.canvas === canvas ? drawn.current.lines : null;
    const plan = planDraw(before, next);
    // The time at the canvas's left edge: kept for a tail, the plot's left edge for a full draw.
    const t0 = plan.kind === 'tail' && before ? before.t0 : next.xStart;
    if (plan.kind === 'full') clearCanvas(canvas, ctx, width, height, dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.lineWidth = STROKE_PX;
    ctx.lineJoin = 'round';
    const from = plan.kind === 'tail' ? plan.from : 0;
    const map = { t0, pxPerMs: x.scale, y: next.y };
    if (area && data.columns[0]) {
      const base = Math.min(height, Math.max(0, next.y.offset));
      ctx.fillStyle = seriesColor(0);
      ctx.globalAlpha = 0.12;
      fillArea(ctx, data.times, data.columns[0], map, base);
      ctx.globalAlpha = 1;
    }
    // A tail that starts at the last sample has nothing new to draw.
    if (plan.kind === 'full' || from < data.times.length - 1) {
      const xs = plan.kind === 'full' ? data.times.map((t) => (t - t0) * x.scale) : null;
      data.columns.forEach((column, i) => {
        if (shown[i] !== '1') return;
        ctx.strokeStyle = seriesColor(i);
        const indices = xs ? pointsToDraw(xs, column, 1 / dpr) : undefined;
        strokeSeries(ctx, data.times, column, map, from, indices);
      });
    }
    drawn.current = { lines: { ...next, t0 }, canvas };
    const shift = snapToDevicePixel((t0 - next.xStart) * x.scale, dpr);
    canvas.style.transform = `translateX(${shift}px)`;
  }, [data, hidden, mapping, identities, xDomain, width, height, dpr, host]);

  if (!plot || !host) return null;
  return createPortal(
    <div
      className="series-lines"
      style={{
        position: 'absolute',
        left: plot.x,
        top: plot.y - 1,
        width: plot.width,
        height,
        overflow: 'hidden',
        pointerEvents: 'none',
      }}
    >
      <canvas ref={canvasRef} style={{ position: 'absolute', left: 0, top: 0, width, height }} />
    </div>,
    host,
  );
});
