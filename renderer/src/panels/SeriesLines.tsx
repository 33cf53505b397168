// The lines of a timeseries panel, drawn inside the chart frame (ChartFrame.tsx). recharts' <Line>
// builds several objects per point (points, label entries, animation state): at 50 series × 360
// points that was 200–300 ms per panel per refresh (docs/PERFORMANCE.md, UI). Here each series is one path, built once when
// the result arrived (lib/series-paths) and placed on the plot by one transform; the stroke
// stays one pixel wide whatever the transform.
import { memo, useId } from 'react';
import type { ChartData } from '../lib/prom-rows';
import { PATH_BOX } from '../lib/series-paths';
import { seriesColor } from './colors';
import { usePlotMapping } from './usePlotMapping';

interface Props {
  data: ChartData;
  hidden: ReadonlySet<string>;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
}

// One CSS pixel: on a 1× screen Skia draws each line as an antialiased hairline instead of
// stroking it into a polygon — with 250 lines on screen, about 8× less raster work — and it is
// Grafana's default width.
const STROKE_PX = 1;

export const SeriesLines = memo(function SeriesLines({ data, hidden, xDomain, yDomain }: Props) {
  const mapping = usePlotMapping(xDomain, yDomain);
  const clipId = useId();
  if (!mapping) return null;
  const { x, y, plot } = mapping;
  const { box, lines, area } = data.paths;
  const left = x.scale * box.t0 + x.offset;
  const right = x.scale * box.t1 + x.offset;
  const top = y.scale * box.hi + y.offset;
  const bottom = y.scale * box.lo + y.offset;
  const transform = `matrix(${(right - left) / PATH_BOX} 0 0 ${(bottom - top) / PATH_BOX} ${left} ${top})`;
  const areaColor = seriesColor(0);
  const showArea = area !== null && !hidden.has(data.series[0]?.key ?? '');

  return (
    <g className="series-lines">
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y - 1} width={plot.width} height={plot.height + 2} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        <g transform={transform} fill="none" strokeWidth={STROKE_PX}>
          {showArea && <path d={area} fill={areaColor} fillOpacity={0.12} stroke="none" />}
          {data.series.map((s, i) =>
            hidden.has(s.key) ? null : (
              <path
                key={s.key}
                d={lines[i]}
                stroke={seriesColor(i)}
                vectorEffect="non-scaling-stroke"
              />
            ),
          )}
        </g>
      </g>
    </g>
  );
});
