// Settings → Alerts before saving: the rules as the candidate values would make them, so the
// backtest can show how often an edited threshold or `for` would have fired. Pure, no DOM.
import { alertRules, type AlertRule } from '../../../shared/alerts';
import type { AlertSettings } from '../../../shared/settings';
import type { DraftCheck } from './settings-form';

/** The saved alert settings with every edited field the schema accepted laid over them. */
export function candidateAlertSettings(
  saved: AlertSettings,
  check: Pick<DraftCheck, 'patch' | 'errors'>,
): AlertSettings {
  const edited = Object.entries(check.patch?.alerts ?? {}).filter(
    ([key]) => check.errors[`alerts.${key}`] === undefined,
  );
  return { ...saved, ...Object.fromEntries(edited) };
}

/** The rules whose threshold or `for` the candidate changes, built from the candidate. */
export function editedRules(saved: AlertSettings, candidate: AlertSettings): AlertRule[] {
  const before = alertRules(saved);
  return alertRules(candidate).filter((rule, i) => {
    const old = before[i];
    return !old || old.threshold !== rule.threshold || old.forSeconds !== rule.forSeconds;
  });
}
