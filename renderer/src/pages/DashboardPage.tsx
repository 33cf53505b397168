// The live dashboard: the panels of the Grafana dashboard, drawn from the same definition
// (shared/dashboard.ts PANELS).
import { useEffect } from 'react';
import { PANELS } from '../../../shared/dashboard';
import { openExternal } from '../api/actions';
import { ErrorNotice } from '../components/ErrorNotice';
import { Icon } from '../components/Icon';
import { Pill } from '../components/Pill';
import { RelativeTime } from '../components/RelativeTime';
import { useDocumentVisible } from '../hooks/useDocumentVisible';
import { usePolling } from '../hooks/usePolling';
import { isSharedQueryError } from '../lib/errors';
import { dashboardTiming, refreshChoices } from '../lib/time-range';
import { PanelCard } from '../panels/PanelCard';
import { useDashboardStore } from '../stores/dashboard';
import { useSettings } from '../stores/settings';
import { useStackStatus } from '../stores/stack';
import { useAppJob, useAppTarget } from '../stores/targets';
import { DashboardControls } from './dashboard/DashboardControls';

function TargetStrip() {
  const target = useAppTarget();
  const job = useAppJob();
  if (!target) return null;
  return (
    <div className="target-strip" data-testid="dashboard-target">
      <span className="mono">{job}</span>
      <Pill tone={target.health === 'up' ? 'ok' : target.health === 'down' ? 'error' : 'muted'}>
        {target.health.toUpperCase()}
      </Pill>
      <span className="muted">
        scraped <RelativeTime time={target.lastScrape} />
      </span>
    </div>
  );
}

export function DashboardPage() {
  const settings = useSettings();
  const chosenRefresh = useDashboardStore((s) => s.refreshSeconds);
  const paused = useDashboardStore((s) => s.paused);
  const optionsError = useDashboardStore((s) => s.optionsError);
  const { refresh, loadOptions } = useDashboardStore.getState();
  const visible = useDocumentVisible();
  // As on the Overview: no button to a Grafana that is not running (with the native runtime
  // and no grafana binary it never is).
  const grafana = useStackStatus()?.services.find((s) => s.name === 'grafana');
  const grafanaRunning = grafana?.state === 'running';

  const timing = dashboardTiming(settings);
  const scrape = timing.scrapeSeconds;
  const { initial } = refreshChoices(scrape, timing.refreshSeconds);
  // A chosen interval faster than a newly raised scrape interval is raised with it.
  const refreshSeconds = Math.max(chosenRefresh ?? initial, scrape);
  const live = visible && !paused && settings !== null;

  useEffect(() => {
    void loadOptions();
  }, [loadOptions]);
  usePolling(() => refresh({ tick: true }), refreshSeconds * 1000, live);

  return (
    <div className="page page-wide" data-testid="page-dashboard">
      <header className="page-header">
        <h1>Dashboard</h1>
        <div className="row">
          <TargetStrip />
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => void openExternal('grafana')}
            disabled={!grafanaRunning}
            title={
              grafanaRunning
                ? grafana.url
                : (grafana?.detail ?? `Grafana is ${grafana?.state ?? 'unknown'}`)
            }
            data-testid="dashboard-open-grafana"
          >
            <Icon name="external" /> Open in Grafana
          </button>
        </div>
      </header>
      <DashboardControls
        refreshSeconds={refreshSeconds}
        scrapeSeconds={scrape}
        live={live}
        visible={visible}
      />
      {optionsError && !isSharedQueryError(optionsError) && (
        <ErrorNotice
          error={optionsError}
          title="Could not load route and method values"
          compact
          testId="dashboard-options-error"
        />
      )}
      <div className="panels">
        {PANELS.map((panel) => (
          <PanelCard key={panel.key} panel={panel} />
        ))}
      </div>
    </div>
  );
}
