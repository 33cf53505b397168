// Exemplar dots on the latency heatmap and the latency panel: ours, inside the recharts chart and
// through its scales (usePlotMapping), drawn last so they sit above the hover's rect and take its
// clicks. Each dot is the sampled request of a bucket at (time, value); hover names its trace id
// and value, click or Enter opens #/traces/<id>. A source without exemplars, or telemetry off,
// draws nothing and says nothing: the panel is as it was.
import { createContext, useContext, useEffect, useState } from 'react';
import { getApi } from '../api/console-api';
import { exemplarPoints, type ExemplarPoint } from '../lib/exemplars';
import { formatUnit } from '../lib/format';
import { useSourceStore } from '../stores/source';
import { usePlotMapping } from './usePlotMapping';

/** The bucket selector whose exemplars a chart shows (PanelCard provides it; null: none). */
export const ExemplarSelectorContext = createContext<string | null>(null);

/** Asked again only when the selector or the span (to 10 s) changes, not on every repaint. */
function useExemplars(given: string | null, fromMs: number, toMs: number): ExemplarPoint[] {
  const [points, setPoints] = useState<ExemplarPoint[]>([]);
  // Asked only of a source that keeps exemplars (its status says so; VictoriaMetrics does not):
  // a dashboard refresh then sends no request that can only fail.
  const kept = useSourceStore((s) => s.status?.capabilities.exemplars.available === true);
  const selector = kept ? given : null;
  const start = Math.floor(fromMs / 10_000) * 10;
  const end = Math.ceil(toMs / 10_000) * 10;
  useEffect(() => {
    if (!selector) return;
    let live = true;
    getApi()
      .queryExemplars({ query: selector, start, end })
      .then(
        (series) => live && setPoints(exemplarPoints(series)),
        // No exemplars here (telemetry off, a source without them): no dots, no error noise.
        () => live && setPoints([]),
      );
    return () => {
      live = false;
    };
  }, [selector, start, end]);
  return selector ? points : [];
}

const open = (traceId: string) => {
  window.location.hash = `/traces/${traceId}`;
};

export function ExemplarDots({
  xDomain,
  yDomain,
  toY,
}: {
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** The exemplar's value (seconds) on the y axis: itself, or the heatmap's row position. */
  toY: (seconds: number) => number;
}) {
  const selector = useContext(ExemplarSelectorContext);
  const points = useExemplars(selector, xDomain[0], xDomain[1]);
  const mapping = usePlotMapping(xDomain, yDomain);
  if (!mapping || points.length === 0) return null;
  const { x, y, plot } = mapping;
  return (
    <g className="exemplar-dots" data-testid="exemplar-dots" data-count={points.length}>
      {points.map((p) => {
        const cx = x.scale * p.timeMs + x.offset;
        const cy = y.scale * toY(p.value) + y.offset;
        if (!(cx >= plot.x && cx <= plot.x + plot.width && cy >= plot.y - 1)) return null;
        const label = `Exemplar: trace ${p.traceId}, ${formatUnit(p.value, 'seconds')} — open the trace`;
        return (
          <g
            key={p.traceId}
            role="link"
            tabIndex={0}
            aria-label={label}
            style={{ cursor: 'pointer' }}
            onClick={() => open(p.traceId)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                open(p.traceId);
              }
            }}
            data-testid="exemplar-dot"
            data-trace-id={p.traceId}
          >
            <title>{`trace ${p.traceId}\n${formatUnit(p.value, 'seconds')}`}</title>
            <circle
              cx={cx}
              cy={Math.min(cy, plot.y + plot.height)}
              r={4}
              fill="#f1f4f8"
              stroke="#0e1116"
              strokeWidth={1.5}
            />
          </g>
        );
      })}
    </g>
  );
}
