// When this panel's alerts fired (ALERTS, one query per dashboard refresh): a shaded band from
// the first firing sample to one step after the last (overlapping alerts joined), under the
// lines, with a firm edge where it started. Drawn from the plot area like the other layers; the hover's tooltip names the alert.
import { memo, useMemo } from 'react';
import { joinSpans } from '../../../shared/backtest';
import type { AlertBand } from '../lib/alert-bands';
import { usePlotMapping } from './usePlotMapping';

interface Props {
  bands: readonly AlertBand[];
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
}

export const AlertMarks = memo(function AlertMarks({ bands, xDomain, yDomain }: Props) {
  const mapping = usePlotMapping(xDomain, yDomain);
  // Seven routes firing at once are one band, not seven stacked translucent ones over the lines.
  const spans = useMemo(() => joinSpans(bands), [bands]);
  if (!mapping || bands.length === 0) return null;
  const { x, plot } = mapping;
  const left = plot.x;
  const right = plot.x + plot.width;
  return (
    <g className="alert-marks" pointerEvents="none">
      {spans.map((b) => {
        const x0 = Math.max(left, x.scale * b.start + x.offset);
        const x1 = Math.min(right, x.scale * b.end + x.offset);
        if (x1 <= left || x0 >= right) return null;
        const names = [
          ...new Set(
            bands.filter((a) => a.start < b.end && a.end > b.start).map((a) => a.alertname),
          ),
        ];
        return (
          <g key={b.start} data-testid="alert-band" data-alert={names.join(' ')}>
            <rect
              className="alert-mark"
              x={x0}
              y={plot.y}
              width={Math.max(2, x1 - x0)}
              height={plot.height}
            />
            <line
              className="alert-mark-edge"
              x1={x0}
              x2={x0}
              y1={plot.y}
              y2={plot.y + plot.height}
            />
            <title>{`${names.join(', ')} firing`}</title>
          </g>
        );
      })}
    </g>
  );
});
