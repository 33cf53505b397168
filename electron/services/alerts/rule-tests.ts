// The promtool unit tests of every rule (resources/alerts/tests.yml): hand-written series that
// fire, series that must not, and the `for` boundary, against the rules file rendered with the
// default settings. The expected annotations are expanded from the definition, so a changed
// summary does not need editing twice; the values in them are written here by hand.
import { ALERT_RULES_FILE, alertRules, type AlertName } from '../../../shared/alerts';
import { SETTINGS_DEFAULTS, type AlertSettings } from '../../../shared/settings';

type Labels = Record<string, string>;

export interface RuleCase {
  name: string;
  /** Spacing of the input samples (promtool's `interval`). */
  interval: string;
  series: { series: string; values: string }[];
  checks: {
    alertname: AlertName;
    at: string;
    /** Firing alerts expected at `at`: their own labels and `$value` as the templates print it. */
    firing: { labels: Labels; value?: string }[];
  }[];
}

const APP = 'job="peak_trade_web", instance="127.0.0.1:8000"';
const APP_LABELS = { job: 'peak_trade_web', instance: '127.0.0.1:8000' };
const req = (code: string) =>
  `peak_trade_http_requests_total{${APP}, method="GET", route="/api/health", status_code="${code}"}`;
const bucket = (le: string) =>
  `peak_trade_http_request_duration_seconds_bucket{${APP}, method="GET", route="/api/runs", status_code="200", le="${le}"}`;

export const RULE_CASES: RuleCase[] = [
  {
    name: 'target down: pending for 45s, firing at exactly 1m, resolved when the scrape works again',
    interval: '15s',
    series: [{ series: `up{${APP}}`, values: '1 1 0x8 1x4' }],
    checks: [
      { alertname: 'PeakTradeTargetDown', at: '15s', firing: [] },
      { alertname: 'PeakTradeTargetDown', at: '75s', firing: [] },
      { alertname: 'PeakTradeTargetDown', at: '90s', firing: [{ labels: APP_LABELS }] },
      { alertname: 'PeakTradeTargetDown', at: '180s', firing: [] },
    ],
  },
  {
    name: 'a target that is up never fires target down',
    interval: '15s',
    series: [{ series: `up{${APP}}`, values: '1x20' }],
    checks: [{ alertname: 'PeakTradeTargetDown', at: '5m', firing: [] }],
  },
  {
    name: 'the fallback exposition fires after 1m; the real exposition (0) never does',
    interval: '15s',
    series: [
      { series: `peak_trade_metrics_fallback{${APP}}`, values: '1x10' },
      {
        series: 'peak_trade_metrics_fallback{job="peak_trade_web", instance="b:1"}',
        values: '0x10',
      },
    ],
    checks: [
      { alertname: 'PeakTradeMetricsFallback', at: '45s', firing: [] },
      {
        alertname: 'PeakTradeMetricsFallback',
        at: '60s',
        firing: [{ labels: { instance: '127.0.0.1:8000' } }],
      },
    ],
  },
  {
    name: '10 % 5xx fires after 2m above the 5 % threshold',
    interval: '1m',
    series: [
      { series: req('200'), values: '0+90x10' },
      { series: req('500'), values: '0+10x10' },
    ],
    checks: [
      { alertname: 'PeakTradeHighErrorRate', at: '165s', firing: [] },
      { alertname: 'PeakTradeHighErrorRate', at: '180s', firing: [{ labels: {}, value: '10%' }] },
    ],
  },
  {
    name: '2 % 5xx stays below the threshold',
    interval: '1m',
    series: [
      { series: req('200'), values: '0+98x10' },
      { series: req('500'), values: '0+2x10' },
    ],
    checks: [{ alertname: 'PeakTradeHighErrorRate', at: '10m', firing: [] }],
  },
  {
    name: 'p95 between 1 s and 2.5 s fires per route after 5m; fast requests do not',
    interval: '1m',
    series: [
      { series: bucket('1'), values: '0x10' },
      { series: bucket('2.5'), values: '0+10x10' },
      { series: bucket('+Inf'), values: '0+10x10' },
    ],
    checks: [
      { alertname: 'PeakTradeHighLatencyP95', at: '345s', firing: [] },
      {
        alertname: 'PeakTradeHighLatencyP95',
        at: '6m',
        firing: [{ labels: { route: '/api/runs' }, value: '2.425s' }],
      },
    ],
  },
  {
    name: 'fast requests (all under 1 s) never fire the latency alert',
    interval: '1m',
    series: [
      { series: bucket('1'), values: '0+10x10' },
      { series: bucket('+Inf'), values: '0+10x10' },
    ],
    checks: [{ alertname: 'PeakTradeHighLatencyP95', at: '10m', firing: [] }],
  },
  {
    name: 'a failed config reload fires at once and resolves after a good one',
    interval: '15s',
    series: [
      {
        series:
          'prometheus_config_last_reload_successful{job="prometheus", instance="127.0.0.1:9091"}',
        values: '1 1 0 0 1',
      },
    ],
    checks: [
      { alertname: 'PrometheusConfigReloadFailed', at: '15s', firing: [] },
      {
        alertname: 'PrometheusConfigReloadFailed',
        at: '30s',
        firing: [{ labels: { job: 'prometheus', instance: '127.0.0.1:9091' } }],
      },
      { alertname: 'PrometheusConfigReloadFailed', at: '60s', firing: [] },
    ],
  },
  {
    name: 'an extra target down fires after 2m, not at 105s',
    interval: '15s',
    series: [{ series: 'up{job="extra", instance="127.0.0.1:9100"}', values: '0x12' }],
    checks: [
      { alertname: 'PeakTradeExtraTargetDown', at: '105s', firing: [] },
      {
        alertname: 'PeakTradeExtraTargetDown',
        at: '120s',
        firing: [{ labels: { job: 'extra', instance: '127.0.0.1:9100' } }],
      },
    ],
  },
  {
    name: 'rule evaluation failures fire while they increase, and not before',
    interval: '1m',
    series: [
      {
        series:
          'prometheus_rule_evaluation_failures_total{job="prometheus", instance="127.0.0.1:9091", rule_group="g"}',
        values: '0 0 0 3 6 9',
      },
    ],
    checks: [
      { alertname: 'PrometheusRuleEvaluationFailures', at: '2m', firing: [] },
      { alertname: 'PrometheusRuleEvaluationFailures', at: '4m', firing: [{ labels: {} }] },
    ],
  },
];

const q = (s: string): string => JSON.stringify(s);

/** Expands the templates the rules use, as Prometheus would for these labels and value. */
function expand(template: string, labels: Labels, value: string | undefined): string {
  return template.replace(/\{\{ \$(labels\.(\w+)|value)( \| \w+)? \}\}/g, (m, _w, label) => {
    if (label) return labels[label as string] ?? '';
    if (value === undefined) throw new Error(`a case needs the printed $value for ${template}`);
    return value;
  });
}

export function renderRuleTests(cases: readonly RuleCase[] = RULE_CASES): string {
  const settings = SETTINGS_DEFAULTS.alerts as unknown as AlertSettings;
  const rules = new Map(alertRules(settings).map((r) => [r.name, r]));
  const lines = [
    '# Generated by scripts/write-dashboard.ts from electron/services/alerts/rule-tests.ts.',
    '# Run: promtool test rules resources/alerts/tests.yml',
    `rule_files: [${q(ALERT_RULES_FILE)}]`,
    `evaluation_interval: ${settings.evaluationIntervalSeconds}s`,
    'tests:',
  ];
  for (const c of cases) {
    lines.push(`  - name: ${q(c.name)}`, `    interval: ${c.interval}`, '    input_series:');
    for (const s of c.series)
      lines.push(`      - series: ${q(s.series)}`, `        values: ${q(s.values)}`);
    lines.push('    alert_rule_test:');
    for (const check of c.checks) {
      const rule = rules.get(check.alertname);
      if (!rule) throw new Error(`no rule ${check.alertname}`);
      lines.push(`      - eval_time: ${check.at}`, `        alertname: ${q(check.alertname)}`);
      if (!check.firing.length) {
        lines.push('        exp_alerts: []');
        continue;
      }
      lines.push('        exp_alerts:');
      for (const alert of check.firing) {
        const labels = { ...alert.labels, severity: rule.severity };
        lines.push('          - exp_labels:');
        for (const [k, v] of Object.entries(labels)) lines.push(`              ${k}: ${q(v)}`);
        lines.push('            exp_annotations:');
        for (const k of ['summary', 'description', 'fix'] as const) {
          lines.push(`              ${k}: ${q(expand(rule[k], labels, alert.value))}`);
        }
      }
    }
  }
  return lines.join('\n') + '\n';
}
