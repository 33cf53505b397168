// The text a screen reader gets for a panel's chart: what it shows and the latest values, the
// same numbers the legend, the bars and the heatmap's quantile line show to the eye.
import type { PanelUnit } from '../../../shared/dashboard';
import { formatSeconds, formatUnit } from './format';
import type { HeatmapData } from './heatmap-cells';
import type { BarData, ChartData } from './prom-rows';

/** Past this many series the sentence names the rest by count; the legend lists every one. */
const NAMED = 12;

function listed(pairs: readonly string[]): string {
  if (pairs.length <= NAMED) return pairs.join('; ');
  return `${pairs.slice(0, NAMED).join('; ')}; and ${pairs.length - NAMED} more in the legend`;
}

export function seriesSummary(
  description: string,
  chart: ChartData,
  latest: readonly (number | null)[],
  unit: PanelUnit,
): string {
  const pairs = chart.series.map((s, i) => `${s.name} ${formatUnit(latest[i] ?? null, unit)}`);
  return `${description} Latest values: ${pairs.length ? listed(pairs) : 'none'}.`;
}

export function barSummary(description: string, bars: BarData, unit: PanelUnit): string {
  const pairs = bars.rows.map((r) => `${r.name} ${formatUnit(r.value, unit)}`);
  return `${description} Latest values, largest first: ${pairs.length ? listed(pairs) : 'none'}.`;
}

export function heatmapSummary(description: string, heatmap: HeatmapData): string {
  const { quantile, rates } = heatmap;
  let q: number | undefined;
  for (let i = quantile.values.length - 1; i >= 0 && q === undefined; i--) {
    const v = quantile.values[i];
    if (v !== undefined && Number.isFinite(v)) q = v;
  }
  const line =
    quantile.label && q !== undefined
      ? ` Latest ${quantile.label} latency: ${formatSeconds(q)}.`
      : '';
  return `${description}${line} Busiest bucket: ${formatUnit(rates.max, 'reqps')}.`;
}
