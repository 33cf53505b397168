// The Alerts page, like Prometheus's: every rule of the one definition with its state, filtered
// by state and severity, firing first. The core pushes changes; the page also asks on a timer.
import { useState } from 'react';
import type { AlertsView } from '../../../shared/api';
import { ErrorNotice } from '../components/ErrorNotice';
import { Icon } from '../components/Icon';
import { RelativeTime } from '../components/RelativeTime';
import { useDocumentVisible } from '../hooks/useDocumentVisible';
import { usePolling } from '../hooks/usePolling';
import { countByState, filterRules, type SeverityFilter, type StateFilter } from '../lib/alerts';
import { useAlertsStore } from '../stores/alerts';
import { useSettingsStore } from '../stores/settings';
import { AlertFilters } from './alerts/AlertFilters';
import { AlertRuleRow } from './alerts/AlertRuleRow';
import { SourceRules } from './alerts/SourceRules';
import { NotifyButton } from './alerts/NotifyButton';

export function AlertsPage() {
  const view = useAlertsStore((s) => s.view);
  const error = useAlertsStore((s) => s.error);
  const load = useAlertsStore((s) => s.load);
  const evaluation = useSettingsStore(
    (s) => s.view?.settings.alerts.evaluationIntervalSeconds ?? 15,
  );
  const [state, setState] = useState<StateFilter>('all');
  const [severity, setSeverity] = useState<SeverityFilter>('all');
  usePolling(load, Math.max(5, evaluation) * 1000, useDocumentVisible());

  // An existing source that does not evaluate our rules knows no state for them.
  const stateUnknown = !!view?.source && !view.source.oursLoaded;
  const rules = view ? filterRules(view.rules, state, severity, stateUnknown) : [];

  return (
    <div className="page" data-testid="page-alerts">
      <AlertsHeader view={view} load={load} />
      <AlertFilters
        state={state}
        setState={setState}
        severity={severity}
        setSeverity={setSeverity}
        counts={view ? countByState(view.rules, stateUnknown) : null}
      />
      {error && <ErrorNotice error={error} onRetry={() => void load()} testId="alerts-error" />}
      {view?.source && <SourceRules source={view.source} />}
      {view?.error && (
        <div className="notice notice-warn" data-testid="alerts-unknown">
          Alert states unknown: {view.error}
        </div>
      )}
      {view?.source && (
        <h2 className="section-title" data-testid="alerts-ours-title">
          Peak Watch&apos;s rules {view.source.oursLoaded ? '(loaded there)' : '(backtest only)'}
        </h2>
      )}
      <div className="alert-rules" data-testid="alert-rules">
        {rules.map((r) => (
          <AlertRuleRow
            key={r.name}
            rule={r}
            evaluationSeconds={evaluation}
            stateUnknown={stateUnknown}
          />
        ))}
        {view && rules.length === 0 && (
          <div className="empty-row">
            {stateUnknown
              ? `No rule is known to be ${state}: the source does not evaluate ours.`
              : `No rule is ${state}.`}
          </div>
        )}
      </div>
    </div>
  );
}

function AlertsHeader({ view, load }: { view: AlertsView | null; load: () => Promise<void> }) {
  return (
    <header className="page-header">
      <h1>Alerts</h1>
      <div className="row">
        <span className="muted small">
          {view && <RelativeTime time={view.checkedAt} prefix="checked " />}
        </span>
        <NotifyButton />
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => void load()}
          data-testid="alerts-refresh"
        >
          <Icon name="refresh" /> Refresh
        </button>
      </div>
    </header>
  );
}
