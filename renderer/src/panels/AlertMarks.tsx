// When this panel's alerts fired (ALERTS, one query per dashboard refresh): a band from the first
// firing sample to one step after the last (overlapping alerts joined), under the lines, with a
// firm edge where it started. The hover's tooltip names the alert. The bands are ours, placed
// through the chart's scales (usePlotMapping): a recharts `ReferenceArea` registers itself in
// the chart's store on every render (its effect has no dependencies), and every band moves on
// every refresh as the window slides, so each refresh made the chart recompute its axes and
// re-render its grid and axis (docs/PERFORMANCE.md, "Charts on recharts").
import { memo, useMemo } from 'react';
import { joinSpans } from '../../../shared/backtest';
import type { AlertBand } from '../lib/alert-bands';
import { usePlotMapping } from './usePlotMapping';

interface Props {
  bands: readonly AlertBand[];
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
}

interface Span {
  key: number;
  start: number;
  end: number;
  names: string[];
}

/** The joined spans inside the shown window, each named by every alert that overlaps it. */
function spansShown(bands: readonly AlertBand[], from: number, to: number): Span[] {
  // Seven routes firing at once are one band, not seven stacked translucent ones over the lines.
  return joinSpans(bands).flatMap((b) => {
    if (b.end <= from || b.start >= to) return [];
    const names = [
      ...new Set(bands.filter((a) => a.start < b.end && a.end > b.start).map((a) => a.alertname)),
    ];
    // Cut to the span shown, so the edge marks where the band enters the plot.
    return [{ key: b.start, start: Math.max(from, b.start), end: Math.min(to, b.end), names }];
  });
}

export const AlertMarks = memo(function AlertMarks({ bands, xDomain, yDomain }: Props) {
  const map = usePlotMapping(xDomain, yDomain);
  const [from, to] = xDomain;
  const spans = useMemo(() => spansShown(bands, from, to), [bands, from, to]);
  if (!map || spans.length === 0) return null;
  const { y, height } = map.plot;
  return (
    <g className="alert-marks" pointerEvents="none">
      {spans.map((s) => {
        const x = map.x.scale * s.start + map.x.offset;
        const width = map.x.scale * (s.end - s.start);
        return (
          <g key={s.key} data-testid="alert-band" data-alert={s.names.join(' ')}>
            <rect className="alert-mark" x={x} y={y} width={Math.max(2, width)} height={height} />
            <line className="alert-mark-edge" x1={x} x2={x} y1={y} y2={y + height} />
            <title>{`${s.names.join(', ')} firing`}</title>
          </g>
        );
      })}
    </g>
  );
});
