// What a timeseries chart's hover shows at one sample (ChartHover): each shown series' value
// with its colour and where its dot goes, and the sentence a screen reader hears when the keys
// moved the cursor. Pure, so it is tested without a chart.
import type { PanelUnit } from '../../../shared/dashboard';
import { formatClock, formatUnit } from '../lib/format';
import type { LinearMap } from '../lib/linear-map';
import type { ChartData } from '../lib/prom-rows';
import type { TooltipEntry } from './ChartTooltip';
import { seriesColor } from './colors';

/** A tooltip row, and the y (px) of its dot on the cursor line. */
export type HoverEntry = TooltipEntry & { y: number };

/** The shown series with a value at sample `index`, in the series' order (gaps left out). */
export function entriesAt(
  data: ChartData,
  hidden: ReadonlySet<string>,
  index: number | null,
  y: LinearMap,
): HoverEntry[] {
  const entries: HoverEntry[] = [];
  if (index === null) return entries;
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
  return entries;
}

/** "12:00:05: api 3 ms, db 1 ms" — the sample the keyboard cursor is on, for the live region. */
export function sampleSentence(
  time: number,
  entries: readonly HoverEntry[],
  unit: PanelUnit,
): string {
  return `${formatClock(time, true)}: ${
    entries.map((e) => `${e.name} ${formatUnit(e.value, unit)}`).join(', ') || 'no value'
  }`;
}
