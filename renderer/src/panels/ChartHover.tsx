// What the mouse shows over a timeseries panel: a cursor line at the nearest sample, a dot on
// each shown series there, and the tooltip with their values (CursorReadout). With the chart
// focused, the arrow keys step from sample to sample (Home/End, Escape to leave), Shift+arrows
// select a span and Enter zooms into it (useHoverCursor). The hover state is local to this
// component, so moving the mouse re-renders only this, never the lines or the axes. Dragging
// across the plot selects a span to zoom into (shaded while dragging; useDragZoom).
// Ours, not recharts' `Tooltip`: recharts' keyboard layer moves its tooltip by data index only
// (no Shift selection, no Enter to zoom, no live region saying the sample), and a Tooltip fed
// by chart rows cost ~13 ms p50 more a refresh in the dense case (issue 20's table); the
// canvas series have no chart rows to feed it. It places everything through recharts' scales.
import { memo, type MouseEvent } from 'react';
import type { PanelUnit } from '../../../shared/dashboard';
import type { AlertBand } from '../lib/alert-bands';
import { nearestIndex } from '../lib/chart-axes';
import type { ChartData } from '../lib/prom-rows';
import { CursorReadout } from './CursorReadout';
import { entriesAt } from './hover-entries';
import { ZoomArea } from './ZoomSelection';
import { useDragZoom } from './useDragZoom';
import { useHoverCursor } from './useHoverCursor';
import { usePlotMapping } from './usePlotMapping';

interface Props {
  data: ChartData;
  hidden: ReadonlySet<string>;
  unit: PanelUnit;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** Where the tooltip goes: an element over the chart, outside the SVG. */
  tooltipHost: HTMLElement | null;
  /** Where the keyboard cursor's sample is said for screen readers (a polite live region). */
  liveHost: HTMLElement | null;
  /** Alerts that fired on this panel: the tooltip names those under the cursor. */
  alertBands: readonly AlertBand[];
  /** Told the span (ms) a person dragged across the plot; without it, dragging does nothing. */
  onZoom?: (fromMs: number, toMs: number) => void;
}

export const ChartHover = memo(function ChartHover({
  data,
  hidden,
  unit,
  xDomain,
  yDomain,
  tooltipHost,
  liveHost,
  alertBands,
  onZoom,
}: Props) {
  const mapping = usePlotMapping(xDomain, yDomain);
  const {
    drag,
    timeAt,
    onDown,
    onDragMove,
    onUp: endDrag,
    cancel,
    select,
  } = useDragZoom(mapping?.x ?? null, onZoom);
  const { area, at, viaKeys, pointAt, clear } = useHoverCursor(data.times, mapping, select, onZoom);
  const { times } = data;

  if (!mapping || mapping.x.scale === 0) return null;
  const { x, y, plot } = mapping;

  function onMove(e: MouseEvent<SVGRectElement>): void {
    const t = timeAt(e);
    if (t === null) return;
    pointAt(t);
    onDragMove(t);
  }
  function onUp(): void {
    if (endDrag()) clear();
  }

  const index = at === null ? null : nearestIndex(times, at);
  const time = index === null ? undefined : times[index];
  const cursorX = time === undefined ? 0 : x.scale * time + x.offset;
  const entries = entriesAt(data, hidden, index, y);

  return (
    <g className="chart-hover">
      <rect
        ref={area}
        x={plot.x}
        y={plot.y}
        width={plot.width}
        height={plot.height}
        fill="transparent"
        onMouseMove={onMove}
        onMouseDown={onDown}
        onMouseUp={onUp}
        onMouseLeave={() => {
          clear();
          cancel();
        }}
        style={onZoom ? { cursor: 'crosshair' } : undefined}
        data-testid="chart-plot"
      />
      {drag && <ZoomArea drag={drag} xDomain={xDomain} />}
      {time !== undefined && (
        <CursorReadout
          time={time}
          cursorX={cursorX}
          entries={entries}
          plot={plot}
          unit={unit}
          alertBands={alertBands}
          tooltipHost={tooltipHost}
          liveHost={liveHost}
          viaKeys={viaKeys}
        />
      )}
    </g>
  );
});
