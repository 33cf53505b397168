// A legend that hides a series on click (Ctrl/⌘/Shift-click shows only that one), with each
// series' last value, scrolling when there are many. Each entry re-renders only when its own
// text or state changes, not on every refresh of a fifty-series panel.
import { memo } from 'react';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatUnit } from '../lib/format';
import type { SeriesMeta } from '../lib/prom-rows';
import { seriesColor } from './colors';

/** Its own paint layer, like the chart's: fifty entries are not re-recorded for a change
 * elsewhere on the page. */
const isolated = { isolation: 'isolate' } as const;

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
    <ul className="legend" aria-label="Series" style={isolated}>
      {series.map((s, i) => (
        <LegendItem
          key={s.key}
          seriesKey={s.key}
          name={s.name}
          color={seriesColor(i)}
          value={formatUnit(lastValues[i] ?? null, unit)}
          hidden={hidden.has(s.key)}
          onToggle={onToggle}
        />
      ))}
    </ul>
  );
});

interface ItemProps {
  seriesKey: string;
  name: string;
  color: string;
  value: string;
  hidden: boolean;
  onToggle: (key: string, isolate: boolean) => void;
}

const LegendItem = memo(function LegendItem({
  seriesKey,
  name,
  color,
  value,
  hidden,
  onToggle,
}: ItemProps) {
  return (
    <li>
      <button
        type="button"
        className={`legend-item${hidden ? ' legend-item-hidden' : ''}`}
        aria-pressed={!hidden}
        title={`${name} — click to ${hidden ? 'show' : 'hide'}, Ctrl/⌘-click to show only this one`}
        onClick={(e) => onToggle(seriesKey, e.ctrlKey || e.metaKey || e.shiftKey)}
        data-testid="legend-item"
      >
        <span className="swatch" style={{ background: color }} />
        <span className="legend-name">{name}</span>
        <span className="legend-value">{value}</span>
      </button>
    </li>
  );
});
