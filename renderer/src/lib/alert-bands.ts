// When alerts fired, per dashboard panel: Prometheus's ALERTS{alertstate="firing"} over the
// dashboard's range (one query per refresh) cut into bands, each given to the panel that shows
// its rule's value (AlertRule.panel in shared/alerts.ts). Pure, tested without a DOM.
import {
  sampleAt,
  type Labels,
  type RangeQueryResult,
  type RangeSeries,
} from '../../../shared/api';
import { joinSpans } from '../../../shared/backtest';
import type { AlertRule } from '../../../shared/alerts';
import type { PanelDefinition } from '../../../shared/dashboard';
import type { QueryWindow } from './time-range';

export interface AlertBand {
  alertname: string;
  /** The alert's own labels (route, instance …), without alertname/alertstate. */
  labels: Labels;
  /** What the tooltip and the legend call it: `PeakTradeHighLatencyP95 route="/api/x"`. */
  name: string;
  /** Unix ms of the first firing sample. */
  start: number;
  /** Unix ms: one step after the last firing sample, or the range's end while still firing. */
  end: number;
  /** Still firing at the range's last step. */
  ongoing: boolean;
}

export type AlertBandsByPanel = Partial<Record<PanelDefinition['key'], AlertBand[]>>;

const OWN_LABELS = new Set(['__name__', 'alertname', 'alertstate']);

function ownLabels(metric: Labels): Labels {
  return Object.fromEntries(Object.entries(metric).filter(([k]) => !OWN_LABELS.has(k)));
}

export function alertBandName(alertname: string, labels: Labels): string {
  const text = Object.entries(labels)
    .filter(([k]) => k !== 'severity')
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
  return text ? `${alertname} ${text}` : alertname;
}

/** Bands of one ALERTS series: a missing sample (or a jump of more than a step) ends a band. */
function seriesBands(
  times: Float64Array,
  series: RangeSeries,
  window: QueryWindow,
): { start: number; end: number; ongoing: boolean }[] {
  const stepMs = window.step * 1000;
  const endMs = window.end * 1000;
  const bands: { start: number; end: number; ongoing: boolean }[] = [];
  let first: number | null = null;
  let last = 0;
  const close = (): void => {
    if (first === null) return;
    const ongoing = last + stepMs > endMs;
    bands.push({ start: first, end: ongoing ? endMs : last + stepMs, ongoing });
    first = null;
  };
  times.forEach((t, i) => {
    if (sampleAt(series, i) === null) return close();
    if (first !== null && t - last > stepMs * 1.5) close();
    first ??= t;
    last = t;
  });
  close();
  return bands;
}

/** ALERTS columns → the bands each panel draws; rules without a panel mark none. */
export function alertBandsByPanel(
  result: Pick<RangeQueryResult, 'times' | 'series'>,
  rules: readonly Pick<AlertRule, 'name' | 'panel'>[],
  window: QueryWindow,
): AlertBandsByPanel {
  const panelOf = new Map(rules.map((r) => [r.name as string, r.panel]));
  const out: AlertBandsByPanel = {};
  for (const s of result.series) {
    if (s.metric.alertstate !== undefined && s.metric.alertstate !== 'firing') continue;
    const alertname = s.metric.alertname ?? '';
    const panel = panelOf.get(alertname);
    if (!panel) continue;
    const labels = ownLabels(s.metric);
    const name = alertBandName(alertname, labels);
    const list = (out[panel] ??= []);
    for (const b of seriesBands(result.times, s, window))
      list.push({ alertname, labels, name, ...b });
  }
  for (const list of Object.values(out)) list.sort((a, b) => a.start - b.start);
  return out;
}

/** The bands under a time (ms): what the hover's tooltip names. */
export function bandsAt(bands: readonly AlertBand[], t: number): AlertBand[] {
  // A band still firing includes the range's last instant, where the newest sample may sit.
  return bands.filter((b) => t >= b.start && (t < b.end || (b.ongoing && t === b.end)));
}

export interface AlertLegendEntry {
  /** The alert with its own labels when one series fired, else the alert's name alone. */
  name: string;
  alertname: string;
  /** How many series (routes, instances) fired; their names for the entry's title. */
  series: string[];
  /** Episodes: overlapping bands of the alert's series count once, as they are drawn. */
  times: number;
  ongoing: boolean;
}

/**
 * One legend entry per alert rule: seven routes over the latency threshold are one line ("fired
 * 2× on 7 series"), not seven, and an episode in which they overlapped counts once.
 */
export function alertLegend(bands: readonly AlertBand[]): AlertLegendEntry[] {
  const byAlert = new Map<string, AlertBand[]>();
  for (const b of bands) byAlert.set(b.alertname, [...(byAlert.get(b.alertname) ?? []), b]);
  return [...byAlert.entries()].map(([alertname, group]) => {
    const series = [...new Set(group.map((b) => b.name))];
    return {
      name: series.length === 1 ? (series[0] ?? alertname) : alertname,
      alertname,
      series,
      times: joinSpans(group).length,
      ongoing: group.some((b) => b.ongoing),
    };
  });
}
