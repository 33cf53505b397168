// Where a value and a time land in a chart's plot area. The timeseries panels fix both axes'
// domains themselves (the range, and nice y ticks from lib/nice-scale), so the lines need only
// the frame's plot area (ChartFrame.tsx) — and are placed in the same render as new data.
import { useMemo } from 'react';
import { usePlotArea } from './ChartFrame';
import { linearMap, type LinearMap } from '../lib/linear-map';

export interface PlotMapping {
  x: LinearMap;
  y: LinearMap;
  plot: { x: number; y: number; width: number; height: number };
}

export function usePlotMapping(
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
): PlotMapping | null {
  const area = usePlotArea();
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const left = area?.x;
  const top = area?.y;
  const width = area?.width;
  const height = area?.height;
  return useMemo(() => {
    if (left === undefined || top === undefined || !width || !height) return null;
    return {
      x: linearMap(x0, x1, left, left + width),
      y: linearMap(y0, y1, top + height, top),
      plot: { x: left, y: top, width, height },
    };
  }, [x0, x1, y0, y1, left, top, width, height]);
}
