// Pure: the alert definition (shared/alerts.ts) joined with what Prometheus reports of its rules,
// and the tray's health computed from that. Tested without Prometheus.
import type {
  ActiveAlert,
  AlertRuleStatus,
  AlertsView,
  AlertState,
  HealthStatus,
  SourceAlertRule,
} from '../../../shared/api';
import { ALERT_GROUP, alertRules, ruleExpr } from '../../../shared/alerts';
import type { AlertSettings } from '../../../shared/settings';
import type { LoadedAlertingRule } from '../prometheus/responses';

function toAlert(a: LoadedAlertingRule['alerts'][number]): ActiveAlert {
  return {
    labels: a.labels,
    annotations: a.annotations,
    state: a.state === 'firing' ? 'firing' : 'pending',
    activeAt: a.activeAt && !a.activeAt.startsWith('0001-') ? a.activeAt : null,
    value: a.value,
  };
}

export function buildAlertsView(
  settings: AlertSettings,
  loaded: readonly LoadedAlertingRule[] | null,
  error: string | null,
  now: Date,
  /** The watched app's job the rules watch (configuredJob(settings.source)). */
  job?: string,
): AlertsView {
  const ours = new Map(
    (loaded ?? []).filter((r) => r.group === ALERT_GROUP).map((r) => [r.name, r]),
  );
  const rules: AlertRuleStatus[] = alertRules(settings, job).map((def) => {
    const got = ours.get(def.name);
    const alerts = (got?.alerts ?? []).map(toAlert);
    const state: AlertState = alerts.some((a) => a.state === 'firing')
      ? 'firing'
      : alerts.length
        ? 'pending'
        : 'inactive';
    return {
      name: def.name,
      severity: def.severity,
      state,
      expr: got?.query ?? ruleExpr(def),
      valueExpr: def.valueExpr,
      op: def.op,
      threshold: def.threshold,
      unit: def.unit,
      forSeconds: def.forSeconds,
      summary: def.summary,
      description: def.description,
      fix: def.fix,
      panel: def.panel,
      alerts,
      health: got?.health === 'ok' || got?.health === 'err' ? got.health : 'unknown',
      lastError: got?.lastError ?? '',
      lastEvaluation:
        got?.lastEvaluation && !got.lastEvaluation.startsWith('0001-') ? got.lastEvaluation : null,
      evaluationSeconds: got?.evaluationTime ?? 0,
      muted: (settings.muted as readonly string[]).includes(def.name),
      loaded: got !== undefined,
    };
  });
  return {
    rules,
    firing: rules.filter((r) => r.state === 'firing').length,
    pending: rules.filter((r) => r.state === 'pending').length,
    health: trayHealth(rules, error),
    error,
    checkedAt: now.toISOString(),
  };
}

export function trayHealth(rules: readonly AlertRuleStatus[], error: string | null): HealthStatus {
  const firing = rules.filter((r) => r.state === 'firing');
  if (error !== null) {
    return { health: 'stack-down', detail: 'Prometheus is not reachable', firing: 0 };
  }
  const loud = firing.filter((r) => !r.muted);
  if (loud.length) {
    return {
      health: 'firing',
      detail: `${loud.map((r) => r.name).join(', ')} firing`,
      firing: firing.length,
    };
  }
  const pending = rules.filter((r) => r.state === 'pending');
  const failing = rules.filter((r) => r.health === 'err');
  if (firing.length || pending.length || failing.length) {
    const parts = [
      ...firing.map((r) => `${r.name} firing (muted)`),
      ...pending.map((r) => `${r.name} pending`),
      ...failing.map((r) => `${r.name} fails to evaluate`),
    ];
    return { health: 'warning', detail: parts.join(', '), firing: firing.length };
  }
  return { health: 'ok', detail: 'All alert rules quiet', firing: 0 };
}

/** An existing source's own alerting rules (every group but ours), read-only on the page. */
export function sourceRules(loaded: readonly LoadedAlertingRule[]): SourceAlertRule[] {
  return loaded
    .filter((r) => r.group !== ALERT_GROUP)
    .map((r) => {
      const alerts = r.alerts.map(toAlert);
      return {
        group: r.group,
        name: r.name,
        state: alerts.some((a) => a.state === 'firing')
          ? 'firing'
          : alerts.length
            ? 'pending'
            : 'inactive',
        query: r.query,
        health: r.health === 'ok' || r.health === 'err' ? r.health : 'unknown',
        lastError: r.lastError,
        active: alerts.length,
        summary: r.annotations.summary ?? '',
      };
    });
}
