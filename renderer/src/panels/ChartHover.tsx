// What the mouse shows over a timeseries panel: a cursor line at the nearest sample, a dot on
// each shown series there, and the tooltip with their values. With the chart focused, the arrow
// keys step from sample to sample (Home/End, Escape to leave), Shift+arrows select a span and
// Enter zooms into it. The hover state is local to this
// component, so moving the mouse re-renders only this, never the lines or the axes. Dragging
// across the plot selects a span to zoom into (shaded while dragging; useDragZoom).
// Ours, not recharts' `Tooltip`: recharts' keyboard layer moves its tooltip by data index only
// (no Shift selection, no Enter to zoom, no live region saying the sample), and a Tooltip fed
// by chart rows cost ~13 ms p50 more a refresh in the dense case (issue 20's table); the
// canvas series have no chart rows to feed it. It places everything through recharts' scales.
import { memo, useEffect, useRef, useState, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import type { PanelUnit } from '../../../shared/dashboard';
import { bandsAt, type AlertBand } from '../lib/alert-bands';
import { nearestIndex } from '../lib/chart-axes';
import { formatClock, formatUnit } from '../lib/format';
import { cursorKey } from './keyboard-cursor';
import type { ChartData } from '../lib/prom-rows';
import { HoverMarks } from './ChartFrame';
import { ChartTooltip, type TooltipEntry } from './ChartTooltip';
import { AXIS_COLOR, seriesColor } from './colors';
import { ZoomArea } from './ZoomSelection';
import { useDragZoom } from './useDragZoom';
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

const TOOLTIP_GAP = 14;

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
  /** The time (ms) pointed at: it stays put while refreshes slide the range. */
  const [at, setAt] = useState<number | null>(null);
  /** Whether the keys moved the cursor last: only then is its sample read out. */
  const [viaKeys, setViaKeys] = useState(false);
  const area = useRef<SVGRectElement>(null);
  const { times } = data;

  /** The cursor and a Shift selection's start, as the keys last left them (keyboard-cursor.ts). */
  const cursor = useRef<number | null>(null);
  const anchor = useRef<number | null>(null);

  useEffect(() => {
    const svg = area.current?.ownerSVGElement;
    if (!svg) return;
    const keys = {
      times,
      cursor,
      anchor,
      move: (t: number | null) => {
        cursor.current = t;
        setAt(t);
        setViaKeys(true);
      },
      select,
      zoom: onZoom,
    };
    const onKey = (e: KeyboardEvent): void => {
      if (cursorKey(e, keys)) e.preventDefault(); // the keys move the cursor, not the page
    };
    const onBlur = (): void => {
      anchor.current = null;
      keys.move(null);
      select(null);
    };
    svg.addEventListener('keydown', onKey);
    svg.addEventListener('blur', onBlur);
    return () => {
      svg.removeEventListener('keydown', onKey);
      svg.removeEventListener('blur', onBlur);
    };
  }, [times, mapping, select, onZoom]);

  if (!mapping || mapping.x.scale === 0) return null;
  const { x, y, plot } = mapping;

  function onMove(e: MouseEvent<SVGRectElement>): void {
    const t = timeAt(e);
    if (t === null) return;
    cursor.current = t;
    setAt(t);
    setViaKeys(false);
    onDragMove(t);
  }
  function onUp(): void {
    if (endDrag()) {
      cursor.current = null;
      setAt(null);
    }
  }

  const index = at === null ? null : nearestIndex(times, at);
  const time = index === null ? undefined : times[index];
  const cursorX = time === undefined ? 0 : x.scale * time + x.offset;
  const entries: (TooltipEntry & { y: number })[] = [];
  if (index !== null) {
    data.series.forEach((s, i) => {
      const value = data.columns[i]?.[index] ?? Number.NaN;
      if (hidden.has(s.key) || Number.isNaN(value)) return;
      entries.push({
        key: s.key,
        name: s.name,
        color: seriesColor(i),
        value,
        y: y.scale * value + y.offset,
      });
    });
  }
  const onRight = cursorX < plot.x + plot.width / 2;

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
          cursor.current = null;
          setAt(null);
          cancel();
        }}
        style={onZoom ? { cursor: 'crosshair' } : undefined}
        data-testid="chart-plot"
      />
      {drag && <ZoomArea drag={drag} xDomain={xDomain} />}
      {time !== undefined && (
        // Over the lines' canvas (SeriesLines, in the same host): the cursor and the dots on top.
        <HoverMarks host={tooltipHost}>
          <line
            x1={cursorX}
            x2={cursorX}
            y1={plot.y}
            y2={plot.y + plot.height}
            stroke={AXIS_COLOR}
            strokeDasharray="3 3"
          />
          {entries.map((e) => (
            <circle key={e.key} cx={cursorX} cy={e.y} r={3} fill={e.color} stroke="#0f1318" />
          ))}
        </HoverMarks>
      )}
      {time !== undefined &&
        tooltipHost &&
        createPortal(
          <div
            style={{
              position: 'absolute',
              top: plot.y,
              ...(onRight
                ? { left: cursorX + TOOLTIP_GAP }
                : { right: (tooltipHost.clientWidth || 0) - cursorX + TOOLTIP_GAP }),
              pointerEvents: 'none',
              zIndex: 2,
            }}
          >
            <ChartTooltip
              time={time}
              entries={entries}
              unit={unit}
              alerts={bandsAt(alertBands, time).map((b) => b.name)}
            />
          </div>,
          tooltipHost,
        )}
      {viaKeys &&
        time !== undefined &&
        liveHost &&
        createPortal(
          `${formatClock(time, true)}: ${
            entries.map((e) => `${e.name} ${formatUnit(e.value, unit)}`).join(', ') || 'no value'
          }`,
          liveHost,
        )}
    </g>
  );
});
