// The alert names alone, so the settings schema can validate `alerts.muted` without importing the
// whole alert definition (alerts.ts imports the settings types; this breaks the cycle).
export const ALERT_NAMES = [
  'PeakTradeTargetDown',
  'PeakTradeMetricsFallback',
  'PeakTradeHighErrorRate',
  'PeakTradeHighLatencyP95',
  'PrometheusConfigReloadFailed',
  'PeakTradeExtraTargetDown',
  'PrometheusRuleEvaluationFailures',
] as const;

export type AlertName = (typeof ALERT_NAMES)[number];
