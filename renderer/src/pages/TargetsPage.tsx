// The source's targets, like Prometheus's own Status → Targets page (grouped by job, the app's
// job first), refreshing while visible. A source without a targets API shows the core's note
// about it instead of an error on every refresh.
import { openExternal } from '../api/actions';
import { ErrorNotice } from '../components/ErrorNotice';
import { Icon } from '../components/Icon';
import { Pill } from '../components/Pill';
import { RelativeTime } from '../components/RelativeTime';
import { useDelayedFlag } from '../hooks/useDelayedFlag';
import { useDocumentVisible } from '../hooks/useDocumentVisible';
import { usePolling } from '../hooks/usePolling';
import { isHostError } from '../lib/errors';
import { formatScrapeDuration } from '../lib/format';
import { countByHealth, filterTargets, groupByJob, HEALTH_FILTERS } from '../lib/targets';
import { useSourceStatus } from '../stores/source';
import { useAppJob, useTargetsStore } from '../stores/targets';

const POLL_MS = 5000;

export function TargetsPage() {
  const targets = useTargetsStore((s) => s.targets);
  const error = useTargetsStore((s) => s.error);
  const loading = useTargetsStore((s) => s.loading);
  const fetchedAt = useTargetsStore((s) => s.fetchedAt);
  const filter = useTargetsStore((s) => s.filter);
  const { refresh, setFilter } = useTargetsStore.getState();
  const source = useSourceStatus();
  const appJob = useAppJob();
  const noTargetsApi = source?.health === 'up' && !source.capabilities.targets.available;
  const visible = useDocumentVisible();
  usePolling(refresh, POLL_MS, visible);

  // A poll every 5 s answers in milliseconds: a spinner only for one that is slow, not a flicker
  // (and the line shifting under it) at every poll.
  const slow = useDelayedFlag(loading);
  const counts = targets ? countByHealth(targets) : null;
  const rows = targets ? filterTargets(targets, filter) : [];
  const groups = groupByJob(rows, appJob);
  const existing = source?.kind === 'existing';

  return (
    <div className="page" data-testid="page-targets">
      <header className="page-header">
        <h1>Targets</h1>
        <div className="row">
          <span className="muted small" data-testid="targets-updated">
            {slow && <span className="spinner" aria-hidden="true" />}
            {fetchedAt ? (
              <RelativeTime time={fetchedAt} prefix="updated " />
            ) : noTargetsApi ? (
              ''
            ) : (
              'loading…'
            )}
            {!visible && ' · paused'}
          </span>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => void refresh()}
            data-testid="targets-refresh"
          >
            <Icon name="refresh" /> Refresh
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => void openExternal('prometheus')}
            disabled={existing && !source.uiUrl}
            title={existing && !source.uiUrl ? 'This source has no web UI' : undefined}
            data-testid="open-prometheus"
          >
            <Icon name="external" /> {existing ? 'Open the source' : 'Open Prometheus'}
          </button>
        </div>
      </header>

      <div
        className="segmented"
        role="radiogroup"
        aria-label="Filter by health"
        data-testid="targets-filter"
      >
        {HEALTH_FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            role="radio"
            aria-checked={filter === f.value}
            className={filter === f.value ? 'active' : ''}
            onClick={() => setFilter(f.value)}
            data-testid={`targets-filter-${f.value}`}
          >
            {f.label}
            {counts && <span className="count">{counts[f.value]}</span>}
          </button>
        ))}
      </div>

      {noTargetsApi && (
        <div className="notice notice-warn" role="note" data-testid="targets-unavailable">
          <div className="notice-body">
            <div className="notice-title">This source lists no scrape targets</div>
            <div data-testid="targets-unavailable-note">{source.capabilities.targets.note}</div>
            <div className="muted small">
              The Dashboard and Explore still read its series (job{' '}
              <span className="mono">{appJob}</span>).
            </div>
          </div>
        </div>
      )}

      {error && (
        <ErrorNotice
          error={error}
          title={
            isHostError(error)
              ? undefined
              : existing
                ? 'The source did not answer'
                : 'Prometheus did not answer'
          }
          onRetry={() => void refresh()}
          testId="targets-error"
        />
      )}

      {targets && (
        <div className="table-wrap">
          <table className="table targets-table" data-testid="targets-table">
            <thead>
              <tr>
                <th>Job</th>
                <th>Endpoint</th>
                <th>State</th>
                <th>Last scrape</th>
                <th className="right">Duration</th>
                <th>Error</th>
              </tr>
            </thead>
            {groups.map((g) => (
              <tbody key={g.job} data-testid="targets-group" data-job={g.job}>
                <tr className="targets-group-header">
                  <th colSpan={6} scope="rowgroup" data-testid="targets-group-title">
                    <span className="mono">{g.job}</span>{' '}
                    <span className="muted small">
                      ({g.up}/{g.targets.length} up{g.job === appJob ? ' · the app' : ''})
                    </span>
                  </th>
                </tr>
                {g.targets.map((t) => (
                  <tr
                    key={`${t.job}|${t.scrapeUrl}`}
                    data-testid="target-row"
                    data-job={t.job}
                    data-health={t.health}
                  >
                    <td className="mono">{t.job}</td>
                    <td>
                      <div className="mono">{t.scrapeUrl}</div>
                      <div className="muted small">{t.instance}</div>
                    </td>
                    <td>
                      <Pill
                        tone={t.health === 'up' ? 'ok' : t.health === 'down' ? 'error' : 'muted'}
                        testId="target-health-pill"
                      >
                        {t.health.toUpperCase()}
                      </Pill>
                    </td>
                    <td>
                      <RelativeTime time={t.lastScrape} />
                    </td>
                    <td className="right mono">
                      {formatScrapeDuration(t.lastScrapeDurationSeconds)}
                    </td>
                    <td className="target-error-cell" data-testid="target-last-error">
                      {t.lastError}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
            {rows.length === 0 && (
              <tbody>
                <tr>
                  <td colSpan={6} className="empty-row" data-testid="targets-empty">
                    {targets.length === 0
                      ? existing
                        ? 'The source has no active targets: whatever writes to it scrapes elsewhere.'
                        : 'Prometheus has no active targets. Start the stack, or check the scrape config.'
                      : `No target is ${filter}.`}
                  </td>
                </tr>
              </tbody>
            )}
          </table>
        </div>
      )}
    </div>
  );
}
