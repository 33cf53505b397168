// What the lines' canvas (SeriesLines.tsx) is asked to hold on one render: the panel's samples,
// which series are shown, and the plot's scales in the canvas's own coordinates — the input
// planDraw (lib/line-canvas.ts) compares with what the canvas holds. Pure, so it is tested
// without a canvas or a recharts chart.
import type { LinesToDraw } from '../lib/line-canvas';
import type { ChartData } from '../lib/prom-rows';
import type { PlotMapping } from './usePlotMapping';

/** The canvas's size in CSS px and the device pixel ratio it is drawn at. */
export interface CanvasSize {
  width: number;
  height: number;
  dpr: number;
}

export function linesToDraw(
  data: ChartData,
  hidden: ReadonlySet<string>,
  identities: readonly string[],
  xDomain: readonly [number, number],
  mapping: PlotMapping,
  size: CanvasSize,
): LinesToDraw {
  const { x, y, plot } = mapping;
  const shown = data.series.map((s) => (hidden.has(s.key) ? '0' : '1')).join('');
  return {
    times: data.times,
    columns: data.columns,
    identities,
    xStart: xDomain[0],
    xEnd: xDomain[1],
    pxPerMs: x.scale,
    // Canvas coordinates: its top edge is one pixel above the plot's.
    y: { scale: y.scale, offset: y.offset - plot.y + 1 },
    width: size.width,
    height: size.height,
    dpr: size.dpr,
    shown,
    // A chart of one series, shown, has the area under its line filled.
    area: data.columns.length === 1 && shown === '1',
  };
}
