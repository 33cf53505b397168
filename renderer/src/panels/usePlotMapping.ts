// Where a value and a time land in a chart's plot area, read from the recharts chart the layer
// is drawn in (ChartFrame.tsx): its plot area and its x and y axes' scales. Our layers (the
// canvas series, the hover, the time labels, the heatmap's cells) use recharts' own coordinate
// system, so they line up with its grid, axes, Lines and reference areas. Both scales are linear,
// so a layer gets them as `scale * value + offset` — what the canvas code draws with. The x axis
// is the fraction of the shown span (ChartFrame's chartX); the map returned here takes the
// absolute time, so the layers need not know that.
import { useMemo } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { linearMap, type LinearMap } from '../lib/linear-map';

export interface PlotMapping {
  x: LinearMap;
  y: LinearMap;
  plot: { x: number; y: number; width: number; height: number };
}

/** The linear map through two points of a recharts scale (null before it has a range). */
function throughScale(
  scale: ((value: unknown) => number | undefined) | undefined,
  v0: number,
  v1: number,
): LinearMap | null {
  const p0 = scale?.(v0);
  const p1 = scale?.(v1);
  return p0 === undefined || p1 === undefined ? null : linearMap(v0, v1, p0, p1);
}

export function usePlotMapping(
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
): PlotMapping | null {
  const area = usePlotArea();
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const left = area?.x;
  const top = area?.y;
  const width = area?.width;
  const height = area?.height;
  return useMemo(() => {
    if (left === undefined || top === undefined || !width || !height) return null;
    const fraction = throughScale(xScale, 0, 1);
    const y = throughScale(yScale, y0, y1);
    if (!fraction || !y) return null;
    // t → (t - x0) / (x1 - x0) → pixels, as one linear map of t.
    const length = x1 - x0;
    const x =
      length > 0 ? linearMap(x0, x1, fraction.offset, fraction.scale + fraction.offset) : fraction;
    return { x, y, plot: { x: left, y: top, width, height } };
  }, [xScale, yScale, x0, x1, y0, y1, left, top, width, height]);
}
