// The Alerts page's data and the tray's health: the one alert definition (shared/alerts.ts) with
// what Prometheus says of each rule, and the notifications a rule's change raises.
import type { Labels } from './prometheus';

// ---------------------------------------------------------------- alerts

export type AlertState = 'inactive' | 'pending' | 'firing';

/** One active alert of a rule (a label set for which the expression returns a sample). */
export interface ActiveAlert {
  labels: Labels;
  annotations: Labels;
  state: 'pending' | 'firing';
  /** ISO time of the first evaluation that returned this label set. */
  activeAt: string | null;
  /** The expression's value that tripped it, as Prometheus printed it. */
  value: string;
}

/** A rule from the one alert definition (shared/alerts.ts) with what Prometheus says of it. */
export interface AlertRuleStatus {
  name: string;
  severity: 'critical' | 'warning';
  /** The worst state of its alerts; 'inactive' when Prometheus has not loaded the rule. */
  state: AlertState;
  /** The alerting expression as the rules file holds it (value, comparison, threshold). */
  expr: string;
  /** The watched value without the comparison (what the backtest draws). */
  valueExpr: string;
  op: '>' | '==';
  threshold: number;
  unit: 'ratio' | 'seconds' | 'bool' | 'count';
  forSeconds: number;
  summary: string;
  description: string;
  fix: string;
  /** The dashboard panel that shows the same value, if any. */
  panel: string | null;
  alerts: ActiveAlert[];
  /** Prometheus's health of the rule: 'err' with lastError when its evaluation failed. */
  health: 'ok' | 'err' | 'unknown';
  lastError: string;
  lastEvaluation: string | null;
  evaluationSeconds: number;
  /** Whether the person muted this rule's notifications (alerts.muted). */
  muted: boolean;
  /** false while Prometheus has not loaded this rule (an old rules file, or none). */
  loaded: boolean;
}

/**
 * The tray's health, computed in the core so both hosts show the same:
 * 'stack-down' — Prometheus unreachable (the stack is stopped or died);
 * 'firing' — an unmuted rule is firing;
 * 'warning' — a rule is pending, a muted rule is firing, or a rule fails to evaluate;
 * 'ok' — otherwise.
 */
export type TrayHealth = 'ok' | 'warning' | 'firing' | 'stack-down';

export interface HealthStatus {
  health: TrayHealth;
  /** A line for the tray's tooltip: "PeakTradeTargetDown firing", "Prometheus not reachable". */
  detail: string;
  firing: number;
}

export interface AlertsView {
  rules: AlertRuleStatus[];
  /** Rules firing / pending right now (muted ones included; the badge counts them). */
  firing: number;
  pending: number;
  health: HealthStatus;
  /** Why the states are unknown (Prometheus unreachable), with what to do; null when fresh. */
  error: string | null;
  /** When the core last asked Prometheus (ISO). */
  checkedAt: string;
  /** With an existing source (docs/SOURCES.md): what it holds of alerting; absent or null while
   * the source is the managed Prometheus, which loads our rules itself. */
  source?: SourceAlerting | null;
}

/** One alerting rule an existing source evaluates itself, shown read-only. */
export interface SourceAlertRule {
  group: string;
  name: string;
  state: AlertState;
  query: string;
  health: 'ok' | 'err' | 'unknown';
  lastError: string;
  /** Alerts pending or firing now. */
  active: number;
  /** The rule's summary annotation, when it has one. */
  summary: string;
}

export interface SourceAlerting {
  url: string;
  /** The source's own alerting rules (ours excluded); null when it has no rules API. */
  rules: SourceAlertRule[] | null;
  /** Why there are no rules (the capability's note), or null. */
  note: string | null;
  /** Whether the source evaluates our rules (their group is loaded there). */
  oursLoaded: boolean;
}

/**
 * A rule started firing or resolved: at most one firing notification per rule per
 * alerts.notifyEveryMinutes, and a resolved one only after a notified firing; none for a
 * muted rule. Hosts show it as a desktop notification whose click opens the Alerts page
 * (`#/alerts`, or `#/alerts?rule=<rule>`).
 */
export interface AlertNotification {
  rule: string;
  state: 'firing' | 'resolved';
  severity: 'critical' | 'warning';
  /** The notification's title: "PeakTradeTargetDown is firing". */
  title: string;
  /** The first alert's expanded summary, or the rule's. */
  summary: string;
  fix: string;
  at: string;
}
