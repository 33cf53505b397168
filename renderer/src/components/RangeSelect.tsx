// The time range control of the dashboard and Explore. After a drag-zoom it shows the zoomed
// span as the chosen entry and a "Zoom out" button next to it, the visible way back; picking any
// range also leaves the zoom. Keyboard users narrow or widen the range with the same select; Zoom
// out hands the focus to the select, since the button it was on goes away with the zoom.
import { useRef } from 'react';
import type { ZoomSpan } from '../lib/zoom';
import { formatClock } from '../lib/format';
import { Icon } from './Icon';

interface Props {
  minutes: number;
  choices: readonly { minutes: number; label: string }[];
  zoom: ZoomSpan | null;
  onRange: (minutes: number) => void;
  onZoomOut: () => void;
  /** e.g. "dashboard-range": the select; "<id>-zoom-out" is the button. */
  testId: string;
}

const ZOOMED = 'zoomed';

export function zoomLabel(zoom: ZoomSpan): string {
  return `${formatClock(zoom.start * 1000, true)} – ${formatClock(zoom.end * 1000, true)}`;
}

export function RangeSelect({ minutes, choices, zoom, onRange, onZoomOut, testId }: Props) {
  const select = useRef<HTMLSelectElement>(null);
  const back = choices.find((c) => c.minutes === minutes)?.label ?? `${minutes} minutes`;
  return (
    <>
      <label className="control">
        <span className="control-label">Range</span>
        <select
          ref={select}
          className="select"
          value={zoom ? ZOOMED : minutes}
          onChange={(e) => {
            if (e.target.value !== ZOOMED) onRange(Number(e.target.value));
          }}
          data-testid={testId}
          data-zoomed={zoom ? 'true' : 'false'}
          aria-label="Time range"
        >
          {zoom && <option value={ZOOMED}>{zoomLabel(zoom)}</option>}
          {choices.map((r) => (
            <option key={r.minutes} value={r.minutes}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {zoom && (
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => {
            onZoomOut();
            select.current?.focus();
          }}
          title={`Back to ${back.toLowerCase()}`}
          data-testid={`${testId}-zoom-out`}
        >
          <Icon name="zoomOut" /> Zoom out
        </button>
      )}
    </>
  );
}
