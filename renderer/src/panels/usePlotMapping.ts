// Where a value and a time land in a chart's plot area, read from the recharts chart the layer
// is drawn in (ChartFrame.tsx): its plot area and its x and y axes' scales. Our layers (the
// canvas series, the hover, the time labels, the heatmap's cells) use recharts' own coordinate
// system, so they line up with its grid, axes, Lines and reference areas. Both scales are linear,
// so a layer gets them as `scale * value + offset` — what the canvas code draws with. The x axis
// is the fraction of the shown span (ChartFrame's chartX), the y axis the fraction of the value
// axis (value-axis.tsx); the maps returned here take the time and the value, so the layers need
// not know that.
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

/** v → (v - v0) / (v1 - v0) → pixels, as one linear map of v. */
function ofFraction(fraction: LinearMap, v0: number, v1: number): LinearMap {
  return linearMap(v0, v1, fraction.offset, fraction.scale + fraction.offset);
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
    const xFraction = throughScale(xScale, 0, 1);
    const yFraction = throughScale(yScale, 0, 1);
    if (!xFraction || !yFraction) return null;
    return {
      // An empty time span keeps the fraction's map; an empty value axis maps every value to
      // its bottom with a zero scale, which the layers read as "nothing to place" (HeatmapHover).
      x: x1 - x0 > 0 ? ofFraction(xFraction, x0, x1) : xFraction,
      y: ofFraction(yFraction, y0, y1),
      plot: { x: left, y: top, width, height },
    };
  }, [xScale, yScale, x0, x1, y0, y1, left, top, width, height]);
}
