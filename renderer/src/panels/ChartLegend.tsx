// A legend that hides a series on click (Ctrl/⌘/Shift-click shows only that one), with each
// series' last value, scrolling when there are many. The entries sit in a grid of equal cells
// (lib/legend-grid.ts) and only the rows in view, with one more either side, are rendered: a
// refresh changes every series' last value, and laying out, painting and compositing fifty
// entries of which a dozen can be seen was most of what a refresh of such a panel cost
// (docs/PERFORMANCE.md). An entry that scrolls into view is rendered with the current value.
// Ours, not recharts' `Legend`: that one renders every entry, inside the chart's wrapper, and
// neither toggles nor virtualises them.
import { memo, useState } from 'react';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatUnit } from '../lib/format';
import {
  LEGEND_GAP_PX,
  LEGEND_ROW_PX,
  legendCellWidth,
  legendGrid,
  scrollTopShowing,
} from '../lib/legend-grid';
import type { SeriesMeta } from '../lib/prom-rows';
import { useWidth } from './ChartFrame';
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
  const [list, boxWidth] = useWidth<HTMLUListElement>();
  const [scrollTop, setScrollTop] = useState(0);
  const values = series.map((_, i) => formatUnit(lastValues[i] ?? null, unit));
  const cellWidth = useCellWidth(series, values, unit, boxWidth);
  const grid = legendGrid(series.length, boxWidth, cellWidth, scrollTop);
  const shown = series.slice(grid.first, grid.end);
  return (
    <ul
      ref={list}
      className="legend"
      aria-label="Series"
      onFocus={(e) => {
        // Rendered at once around the entry Tab moved to; the browser scrolls it into view.
        const place = Number(e.target.closest('li')?.getAttribute('aria-posinset'));
        if (place > 0)
          setScrollTop((top) => scrollTopShowing(top, Math.floor((place - 1) / grid.columns)));
      }}
      onScroll={(e) => {
        // Only a new first row re-renders: scrolling within a row moves nothing in or out.
        const row = Math.floor(e.currentTarget.scrollTop / LEGEND_ROW_PX);
        setScrollTop(row * LEGEND_ROW_PX);
      }}
      style={{
        gridTemplateColumns: `repeat(${grid.columns}, ${cellWidth}px)`,
        gridTemplateRows: `repeat(${grid.rows}, ${LEGEND_ROW_PX}px)`,
        columnGap: LEGEND_GAP_PX,
      }}
    >
      {shown.map((s, j) => {
        const i = grid.first + j;
        return (
          <LegendItem
            key={s.key}
            index={i}
            count={series.length}
            row={Math.floor(i / grid.columns)}
            column={i % grid.columns}
            seriesKey={s.key}
            name={s.name}
            color={seriesColor(i)}
            value={values[i] ?? ''}
            hidden={hidden.has(s.key)}
            onToggle={onToggle}
          />
        );
      })}
    </ul>
  );
});

let measuring: CanvasRenderingContext2D | null | undefined;
let fontsOnce: { name: string; value: string } | null = null;

/** The entries' fonts, from the custom properties styles.css draws them in. */
function legendFonts(): { name: string; value: string } | null {
  if (fontsOnce || typeof document === 'undefined') return fontsOnce;
  const style = getComputedStyle(document.documentElement);
  const name = style.getPropertyValue('--legend-name-font').trim();
  const value = style.getPropertyValue('--legend-value-font').trim();
  if (name && value) fontsOnce = { name, value };
  return fontsOnce;
}

/** Text widths measured so far, per font: values repeat their shape ("0.00 req/s") refresh after
 * refresh, so a refresh measures almost nothing. Bounded: cleared when it grows large. */
const measured = new Map<string, Map<string, number>>();

/** The widest of `texts` in `font` (digits as wide as "0": the values use tabular figures). */
function widestText(texts: readonly string[], font: string, digits: boolean): number {
  let widths = measured.get(font);
  if (!widths || widths.size > 2000) measured.set(font, (widths = new Map<string, number>()));
  let widest = 0;
  for (const text of texts) {
    const t = digits ? text.replace(/\d/g, '0') : text;
    let w = widths.get(t);
    if (w === undefined) {
      measuring ??= document.createElement('canvas').getContext('2d');
      if (!measuring) return 0;
      measuring.font = font;
      w = measuring.measureText(t).width;
      widths.set(t, w);
    }
    if (w > widest) widest = w;
  }
  return widest;
}

/**
 * One cell width for every entry: the widest name and the widest value shown so far. It only
 * grows while the series and unit stay the same, so a refresh whose values are a digit shorter
 * does not lay the grid out anew.
 */
function useCellWidth(
  series: readonly SeriesMeta[],
  values: readonly string[],
  unit: PanelUnit,
  boxWidth: number,
): number {
  const fonts = legendFonts();
  const names = series.map((s) => s.name);
  // Both measured from the cache in widestText: a refresh measures only a new shape of text.
  const nameWidth = fonts ? widestText(names, fonts.name, false) : 0;
  const px = fonts ? widestText(values, fonts.value, true) : 0;
  // The widest value so far, for these series in this unit (React's "state from the previous
  // render": set during render, so the grid is right in the same commit).
  const [widest, setWidest] = useState({ of: '', px: 0 });
  const of = `${unit}\n${names.join('\n')}`;
  const next = widest.of !== of || px > widest.px ? { of, px } : widest;
  if (next !== widest) setWidest(next);
  return legendCellWidth(nameWidth, next.px, boxWidth);
}

interface ItemProps {
  /** Its place among all entries (for assistive technology: "3 of 50"), row and column. */
  index: number;
  count: number;
  row: number;
  column: number;
  seriesKey: string;
  name: string;
  color: string;
  value: string;
  hidden: boolean;
  onToggle: (key: string, isolate: boolean) => void;
}

const LegendItem = memo(function LegendItem({
  index,
  count,
  row,
  column,
  seriesKey,
  name,
  color,
  value,
  hidden,
  onToggle,
}: ItemProps) {
  return (
    <li
      data-series-key={seriesKey}
      aria-posinset={index + 1}
      aria-setsize={count}
      style={{ gridRow: row + 1, gridColumn: column + 1 }}
    >
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
