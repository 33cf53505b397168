// Variables, time range, refresh interval and pause — the bar above the panels. The variables
// (VariableControls) and the live state with its buttons (LiveControls) are parts of their own.
import { VARIABLES } from '../../../../shared/dashboard';
import { Icon } from '../../components/Icon';
import { MultiSelect } from '../../components/MultiSelect';
import { RangeSelect } from '../../components/RangeSelect';
import { useDelayedFlag } from '../../hooks/useDelayedFlag';
import {
  dashboardTiming,
  formatInterval,
  rangeChoices,
  refreshChoices,
} from '../../lib/time-range';
import { useDashboardStore, type QueryVariableName } from '../../stores/dashboard';
import { useSettingsStore } from '../../stores/settings';

interface Props {
  refreshSeconds: number;
  scrapeSeconds: number;
  live: boolean;
  visible: boolean;
}

/** One control per variable the user picks: a MultiSelect for a query variable, a select for a custom one. */
function VariableControls() {
  const values = useDashboardStore((s) => s.values);
  const options = useDashboardStore((s) => s.options);
  const { setValues, loadOptions } = useDashboardStore.getState();
  // The job is the console's choice (Settings → Source), shown in the page's subtitle.
  return VARIABLES.map((v) =>
    v.kind === 'constant' ? null : (
      <label key={v.name} className="control">
        <span className="control-label">{v.label}</span>
        {v.kind === 'query' ? (
          <MultiSelect
            label={v.label}
            options={options[v.name as QueryVariableName]}
            value={values[v.name]}
            onChange={(next) => setValues(v.name, next)}
            onOpen={() => void loadOptions()}
            testId={`var-${v.name}`}
          />
        ) : (
          <select
            className="select"
            value={values[v.name][0] ?? v.default}
            onChange={(e) => setValues(v.name, [e.target.value])}
            data-testid={`var-${v.name}`}
            aria-label={v.label}
          >
            {v.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        )}
      </label>
    ),
  );
}

/** Live or paused, with Pause/Resume and "Refresh now". */
function LiveControls({ live, visible }: Pick<Props, 'live' | 'visible'>) {
  const paused = useDashboardStore((s) => s.paused);
  // Only a slow refresh shows a spinner; the button stays enabled (a click while one runs queues
  // the next), so keyboard focus on it survives every auto-refresh.
  const inFlight = useDashboardStore((s) => s.inFlight);
  const slow = useDelayedFlag(inFlight);
  const { setPaused, refresh } = useDashboardStore.getState();
  return (
    <div className="control">
      <span className="control-label" data-testid="dashboard-live-state">
        {live ? 'Live' : !visible ? 'Paused (hidden)' : 'Paused'}
      </span>
      <div className="row tight">
        <button
          type="button"
          className={`btn btn-small${paused ? ' btn-active' : ''}`}
          aria-pressed={paused}
          onClick={() => setPaused(!paused)}
          data-testid="dashboard-pause"
        >
          <Icon name={paused ? 'play' : 'pause'} /> {paused ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => void refresh()}
          aria-label="Refresh now"
          data-testid="dashboard-refresh-now"
          aria-busy={slow}
        >
          {slow ? <span className="spinner" aria-hidden="true" /> : <Icon name="refresh" />}
        </button>
      </div>
    </div>
  );
}

export function DashboardControls({ refreshSeconds, scrapeSeconds, live, visible }: Props) {
  const chosenRange = useDashboardStore((s) => s.rangeMinutes);
  const configuredRange = useSettingsStore((s) => dashboardTiming(s.view?.settings).rangeMinutes);
  const rangeMinutes = chosenRange ?? configuredRange;
  const zoom = useDashboardStore((s) => s.zoom);
  const { setRange, setZoom, setRefreshSeconds } = useDashboardStore.getState();
  const refreshOptions = refreshChoices(scrapeSeconds, refreshSeconds).options;

  return (
    <div className="controls" data-testid="dashboard-controls">
      <VariableControls />
      <div className="controls-spacer" />
      <RangeSelect
        minutes={rangeMinutes}
        choices={rangeChoices(configuredRange)}
        zoom={zoom}
        onRange={setRange}
        onZoomOut={() => setZoom(null)}
        testId="dashboard-range"
      />
      <label className="control">
        <span className="control-label">Refresh</span>
        <select
          className="select"
          value={refreshSeconds}
          onChange={(e) => setRefreshSeconds(Number(e.target.value))}
          data-testid="dashboard-refresh"
          aria-label="Refresh interval"
          title={`Never faster than the scrape interval (${scrapeSeconds} s)`}
        >
          {refreshOptions.map((s) => (
            <option key={s} value={s}>
              every {formatInterval(s)}
            </option>
          ))}
        </select>
      </label>
      <LiveControls live={live} visible={visible} />
    </div>
  );
}
