// One trace's spans as a waterfall: a row per span (nested by parent), its bar placed by start
// and duration within the trace. Rows are buttons: Tab or arrow keys move, Enter selects the span
// whose attributes and events show below.
import { useMemo } from 'react';
import type { SpanRecord } from '../../../../shared/contract/telemetry';
import { formatDurationMs } from '../../lib/telemetry-view';
import { layoutWaterfall } from '../../lib/waterfall';

/** A trace with more spans draws the first this many (each row is real DOM). */
const MAX_ROWS = 2000;

function moveFocus(e: React.KeyboardEvent<HTMLButtonElement>): void {
  const to =
    e.key === 'ArrowDown'
      ? e.currentTarget.nextElementSibling
      : e.key === 'ArrowUp'
        ? e.currentTarget.previousElementSibling
        : null;
  if (to instanceof HTMLButtonElement) {
    e.preventDefault();
    to.focus();
  }
}

export function Waterfall({
  spans,
  selected,
  onSelect,
}: {
  spans: SpanRecord[];
  selected: string | null;
  onSelect: (spanId: string) => void;
}) {
  const waterfall = useMemo(() => layoutWaterfall(spans), [spans]);
  const rows = waterfall.rows.slice(0, MAX_ROWS);
  return (
    <div role="group" aria-label="Spans of the trace" data-testid="trace-waterfall">
      {rows.map(({ span, depth, offset, width }) => (
        <button
          type="button"
          key={span.spanId}
          className={`wf-row${span.spanId === selected ? ' wf-row-selected' : ''}`}
          aria-pressed={span.spanId === selected}
          onClick={() => onSelect(span.spanId)}
          onKeyDown={moveFocus}
          data-testid="waterfall-row"
          data-span-id={span.spanId}
          data-depth={depth}
        >
          <span className="tel-cell" style={{ paddingLeft: depth * 14 }} title={span.name}>
            <span className="muted small">{span.service} </span>
            {span.name}
          </span>
          <span className="wf-track" aria-hidden="true">
            <span
              className={`wf-bar${span.status === 'error' ? ' wf-bar-error' : ''}`}
              style={{ left: `${offset * 100}%`, width: `${Math.max(width * 100, 0.2)}%` }}
            />
          </span>
          <span className="mono small" style={{ textAlign: 'right' }}>
            {formatDurationMs(span.durationMs)}
          </span>
        </button>
      ))}
      {waterfall.rows.length > MAX_ROWS && (
        <div className="muted small">
          {waterfall.rows.length - MAX_ROWS} more spans are not drawn.
        </div>
      )}
    </div>
  );
}
