// A legend that hides a series on click (Ctrl/⌘/Shift-click shows only that one), with each
// series' last value, scrolling when there are many. Each entry re-renders only when its own
// text or state changes, not on every refresh of a fifty-series panel — and an entry scrolled
// out of the legend's box keeps the value it last showed until it is scrolled back into view:
// a refresh changes every series' last value, and re-laying out and re-painting fifty values of
// which a dozen can be seen was most of what a refresh of such a panel cost (docs/PERFORMANCE.md).
import { memo, useEffect, useRef, useState, type RefObject } from 'react';
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
  const list = useRef<HTMLUListElement>(null);
  const inView = useInView(list, series);
  return (
    <ul ref={list} className="legend" aria-label="Series" style={isolated}>
      {series.map((s, i) => (
        <LegendItem
          key={s.key}
          seriesKey={s.key}
          name={s.name}
          color={seriesColor(i)}
          value={inView(s.key) ? formatUnit(lastValues[i] ?? null, unit) : undefined}
          hidden={hidden.has(s.key)}
          onToggle={onToggle}
        />
      ))}
    </ul>
  );
});

/**
 * Which entries are within the legend's scrolling box (all of them until the observer reports):
 * a test by key, re-rendering the legend when an entry scrolls in or out.
 */
function useInView(
  list: RefObject<HTMLUListElement | null>,
  series: readonly SeriesMeta[],
): (key: string) => boolean {
  const [outside, setOutside] = useState<ReadonlySet<string>>(() => new Set());
  // The entries, not the result: a refresh brings new series objects for the same entries.
  const keys = series.map((s) => `${s.key} ${s.name}`).join('\n');
  useEffect(() => {
    const root = list.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) =>
        setOutside((before) => {
          const next = new Set(before);
          for (const e of entries) {
            const key = (e.target as HTMLElement).dataset.seriesKey ?? '';
            if (e.isIntersecting) next.delete(key);
            else next.add(key);
          }
          return next.size === before.size && [...next].every((k) => before.has(k)) ? before : next;
        }),
      { root },
    );
    for (const item of root.querySelectorAll<HTMLElement>('[data-series-key]'))
      observer.observe(item);
    return () => observer.disconnect();
  }, [list, keys]);
  return (key) => !outside.has(key);
}

interface ItemProps {
  seriesKey: string;
  name: string;
  color: string;
  /** Its last value as text; undefined while scrolled out of view (it keeps what it showed). */
  value: string | undefined;
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
  // What it showed last while in view, and for which series (an entry can change series when
  // the query does: then it shows nothing until it is in view again).
  const [shown, setShown] = useState({ name, value: value ?? '' });
  if (value !== undefined && (value !== shown.value || name !== shown.name))
    setShown({ name, value });
  const text = value ?? (shown.name === name ? shown.value : '');
  return (
    <li data-series-key={seriesKey}>
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
        <span className="legend-value">{text}</span>
      </button>
    </li>
  );
});
