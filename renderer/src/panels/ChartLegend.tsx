// A legend that hides a series on click (Ctrl/⌘/Shift-click shows only that one), with each
// series' last value, scrolling when there are many.
import { memo } from 'react';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatUnit } from '../lib/format';
import type { SeriesMeta } from '../lib/prom-rows';
import { seriesColor } from './colors';

interface Props {
  series: readonly SeriesMeta[];
  /** Per series (the order of `series`): its latest value. */
  lastValues: readonly (number | null)[];
  hidden: ReadonlySet<string>;
  unit: PanelUnit;
  onToggle: (key: string, isolate: boolean) => void;
}

export const ChartLegend = memo(function ChartLegend({
  series,
  lastValues,
  hidden,
  unit,
  onToggle,
}: Props) {
  return (
    <ul className="legend" aria-label="Series">
      {series.map((s, i) => {
        const isHidden = hidden.has(s.key);
        return (
          <li key={s.key}>
            <button
              type="button"
              className={`legend-item${isHidden ? ' legend-item-hidden' : ''}`}
              aria-pressed={!isHidden}
              title={`${s.name} — click to ${isHidden ? 'show' : 'hide'}, Ctrl/⌘-click to show only this one`}
              onClick={(e) => onToggle(s.key, e.ctrlKey || e.metaKey || e.shiftKey)}
              data-testid="legend-item"
            >
              <span className="swatch" style={{ background: seriesColor(i) }} />
              <span className="legend-name">{s.name}</span>
              <span className="legend-value">{formatUnit(lastValues[i] ?? null, unit)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
});
