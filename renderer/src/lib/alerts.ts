// Pure helpers of the Alerts page: filters, counts, the backtest's range, and what a browser
// notification says. Tested without a DOM.
import { formatNumber } from './format';
import type { AlertNotification, AlertRuleStatus, AlertState } from '../../../shared/api';

export type StateFilter = 'all' | AlertState;
export type SeverityFilter = 'all' | AlertRuleStatus['severity'];

export const STATE_FILTERS: readonly StateFilter[] = ['all', 'firing', 'pending', 'inactive'];
export const SEVERITY_FILTERS: readonly SeverityFilter[] = ['all', 'critical', 'warning'];

const ORDER: Record<AlertState, number> = { firing: 0, pending: 1, inactive: 2 };

/**
 * Firing first, then pending, then the rest in definition order. `stateUnknown`: an existing
 * source that does not evaluate our rules, so their state is unknown and only All lists them.
 */
export function filterRules(
  rules: readonly AlertRuleStatus[],
  state: StateFilter,
  severity: SeverityFilter,
  stateUnknown = false,
): AlertRuleStatus[] {
  return rules
    .map((r, i) => ({ r, i }))
    .filter(
      ({ r }) =>
        (state === 'all' || (!stateUnknown && r.state === state)) &&
        (severity === 'all' || r.severity === severity),
    )
    .sort((a, b) => ORDER[a.r.state] - ORDER[b.r.state] || a.i - b.i)
    .map(({ r }) => r);
}

/** `stateUnknown` as in filterRules: the rules count under All only, never as "inactive". */
export function countByState(
  rules: readonly AlertRuleStatus[],
  stateUnknown = false,
): Record<StateFilter, number> {
  const counts: Record<StateFilter, number> = {
    all: rules.length,
    firing: 0,
    pending: 0,
    inactive: 0,
  };
  if (!stateUnknown) for (const r of rules) counts[r.state]++;
  return counts;
}

/**
 * The "not loaded" pill's tooltip: the managed stack loads the rules file on Start; an existing
 * source loads them only when its administrator adds the exported file.
 */
export function notLoadedHint(existingSource: boolean): string {
  return existingSource
    ? 'The source does not evaluate our rules: add the file from `peak-watch alerts export` to its rule_files (or vmalert)'
    : 'Start the stack, or it runs an older rules file';
}

/** Prometheus refuses more than 11 000 points: the evaluation interval, or coarser for long ranges. */
export function backtestStep(rangeSeconds: number, evaluationSeconds: number): number {
  return Math.max(evaluationSeconds, Math.ceil(rangeSeconds / 11_000));
}

/**
 * An open backtest follows the rule as the page does: it queries again when the rule changes
 * state (the band that just started is drawn) and every BACKTEST_REFRESH_MS of evaluations
 * (a 6-hour range query per push would be wasteful), like a Grafana panel with a refresh.
 */
export const BACKTEST_REFRESH_MS = 15_000;

export function backtestRefreshKey(
  rule: Pick<AlertRuleStatus, 'state' | 'lastEvaluation'>,
): string {
  const at = rule.lastEvaluation ? Date.parse(rule.lastEvaluation) : 0;
  return `${rule.state}:${Math.floor(at / BACKTEST_REFRESH_MS)}`;
}

export function notificationText(n: AlertNotification): { title: string; body: string } {
  return { title: n.title, body: n.state === 'firing' ? `${n.summary}\n${n.fix}` : n.summary };
}

/** 0.05 → "5 %", 1.5 → "1.5 s": a threshold as the person set it. */
/**
 * The value that tripped an alert, as Prometheus gave it ("0e+00", "0.0731", "+Inf"), in the
 * rule's unit: 0, 7.31 %, +Inf.
 */
export function formatAlertValue(text: string, unit: AlertRuleStatus['unit']): string {
  if (text === '') return '—';
  if (text === '+Inf' || text === '-Inf' || text === 'NaN') return text;
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  if (unit === 'ratio') return `${formatNumber(value * 100)} %`;
  if (unit === 'seconds') return `${formatNumber(value)} s`;
  return formatNumber(value);
}

export function formatThreshold(value: number, unit: AlertRuleStatus['unit']): string {
  if (unit === 'ratio') return `${+(value * 100).toFixed(2)} %`;
  if (unit === 'seconds') return `${value} s`;
  return String(value);
}

/** How much of the range the backtest had data for, in the caption's words: "40 s", "12 min",
 * "5.5 h" — never "1 min" for a Prometheus that has held data for seconds. */
export function formatHeldSpan(seconds: number): string {
  if (seconds < 59.5) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${+(seconds / 3600).toFixed(1)} h`;
}
