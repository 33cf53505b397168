// When this panel's alerts fired (ALERTS, one query per dashboard refresh): a recharts
// `ReferenceArea` from the first firing sample to one step after the last (overlapping alerts
// joined), under the lines, with a firm edge where it started. The hover's tooltip names the
// alert.
import { chartX } from './ChartFrame';
import { memo, useMemo } from 'react';
import { ReferenceArea } from 'recharts';
import { joinSpans } from '../../../shared/backtest';
import type { AlertBand } from '../lib/alert-bands';

interface Props {
  bands: readonly AlertBand[];
  xDomain: readonly [number, number];
}

interface ShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

/** The band's rectangle and its start edge, named for e2e and for a reader (its title). */
function bandShape(names: string[]) {
  return function AlertBandShape({ x = 0, y = 0, width = 0, height = 0 }: ShapeProps) {
    return (
      <g data-testid="alert-band" data-alert={names.join(' ')} pointerEvents="none">
        <rect className="alert-mark" x={x} y={y} width={Math.max(2, width)} height={height} />
        <line className="alert-mark-edge" x1={x} x2={x} y1={y} y2={y + height} />
        <title>{`${names.join(', ')} firing`}</title>
      </g>
    );
  };
}

export const AlertMarks = memo(function AlertMarks({ bands, xDomain }: Props) {
  const [from, to] = xDomain;
  // Seven routes firing at once are one band, not seven stacked translucent ones over the lines.
  const spans = useMemo(
    () =>
      joinSpans(bands).flatMap((b) => {
        if (b.end <= from || b.start >= to) return [];
        const names = [
          ...new Set(
            bands.filter((a) => a.start < b.end && a.end > b.start).map((a) => a.alertname),
          ),
        ];
        // Cut to the span shown, so the edge marks where the band enters the plot; placed on the
        // chart's x (the fraction of the span: ChartFrame's chartX).
        return [
          {
            key: b.start,
            x1: chartX(Math.max(from, b.start), xDomain),
            x2: chartX(Math.min(to, b.end), xDomain),
            shape: bandShape(names),
          },
        ];
      }),
    [bands, from, to, xDomain],
  );
  return spans.map((s) => (
    <ReferenceArea key={s.key} x1={s.x1} x2={s.x2} ifOverflow="visible" shape={s.shape} />
  ));
});
