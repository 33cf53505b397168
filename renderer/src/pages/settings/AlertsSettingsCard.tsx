// Settings → Alerts: the evaluation interval, how often a rule may notify, and per rule its
// threshold, `for` and mute. While a threshold or `for` differs from the saved value (and the
// schema accepts it), the rule's backtest runs with the candidate values, so a person sees how
// often it would have fired before saving. Each rule's row is AlertRuleSettings.
import { useMemo } from 'react';
import { alertRules, type AlertRule } from '../../../../shared/alerts';
import type { Settings } from '../../../../shared/settings';
import { candidateAlertSettings, editedRules } from '../../lib/alert-settings';
import { BacktestChart } from '../alerts/BacktestChart';
import { useDraftForm } from './settings-draft';
import { NumberSetting } from './SettingFields';

const THRESHOLD_LABEL = {
  errorRatio: ['5xx share above', 'A share: 0.05 is 5 %.'],
  latencyP95Seconds: ['p95 latency above (s)', 'Per route.'],
} as const;

/** One rule's row: its name and severity, its threshold (editable or fixed), `for`, and mute. */
function AlertRuleSettings({
  rule,
  muted,
  onMute,
}: {
  rule: AlertRule;
  muted: boolean;
  onMute: (muted: boolean) => void;
}) {
  const threshold = rule.thresholdSetting && THRESHOLD_LABEL[rule.thresholdSetting];
  return (
    <div className="alert-settings-rule" data-testid="settings-alert-rule" data-rule={rule.name}>
      <div className="alert-settings-name">
        <span className="mono">{rule.name}</span>
        <span className="muted small">{rule.severity}</span>
      </div>
      {threshold && rule.thresholdSetting ? (
        <NumberSetting
          field={`alerts.${rule.thresholdSetting}`}
          label={threshold[0]}
          hint={threshold[1]}
        />
      ) : (
        <div className="muted small alert-settings-fixed">
          fires when {rule.op} {rule.threshold}
        </div>
      )}
      <NumberSetting field={`alerts.${rule.forSetting}`} label="For (s)" />
      <label className="alert-settings-mute small">
        <input
          type="checkbox"
          checked={muted}
          onChange={(e) => onMute(e.target.checked)}
          data-testid={`settings-alert-mute-${rule.name}`}
        />{' '}
        Mute notifications
      </label>
    </div>
  );
}

export function AlertsSettingsCard({ settings }: { settings: Settings }) {
  const { draft, check, setMuted } = useDraftForm();
  const saved = settings.alerts;
  const candidate = useMemo(() => candidateAlertSettings(saved, check), [saved, check]);
  const rules = useMemo(() => alertRules(candidate), [candidate]);
  const previews = useMemo(() => editedRules(saved, candidate), [saved, candidate]);

  function toggleMute(name: string, muted: boolean): void {
    setMuted(muted ? [...draft.muted, name] : draft.muted.filter((n) => n !== name));
  }

  return (
    <section className="card" data-testid="settings-alerts">
      <header className="card-header">
        <h2 className="card-title">Alerts</h2>
      </header>
      <div className="card-body">
        <div className="field-grid">
          <NumberSetting
            field="alerts.evaluationIntervalSeconds"
            label="Evaluate every (s)"
            hint="How often Prometheus checks the rules."
          />
          <NumberSetting
            field="alerts.notifyEveryMinutes"
            label="Notify at most every (min)"
            hint="Per rule; 0 notifies on every change."
          />
        </div>
        <div className="alert-settings-rules">
          {rules.map((rule) => (
            <AlertRuleSettings
              key={rule.name}
              rule={rule}
              muted={draft.muted.includes(rule.name)}
              onMute={(muted) => toggleMute(rule.name, muted)}
            />
          ))}
        </div>
        {previews.map((rule) => (
          <div
            key={rule.name}
            className="alert-settings-preview"
            data-testid="settings-alert-preview"
            data-rule={rule.name}
          >
            <div className="small">
              Backtest of <span className="mono">{rule.name}</span> with the values above (not saved
              yet):
            </div>
            <BacktestChart
              rule={rule}
              evaluationSeconds={candidate.evaluationIntervalSeconds}
              testId="settings-backtest"
            />
          </div>
        ))}
      </div>
    </section>
  );
}
