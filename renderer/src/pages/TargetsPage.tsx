// Prometheus's targets, like its own Status → Targets page, refreshing while visible.
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
import { countByHealth, filterTargets, HEALTH_FILTERS } from '../lib/targets';
import { useTargetsStore } from '../stores/targets';

const POLL_MS = 5000;

export function TargetsPage() {
  const targets = useTargetsStore((s) => s.targets);
  const error = useTargetsStore((s) => s.error);
  const loading = useTargetsStore((s) => s.loading);
  const fetchedAt = useTargetsStore((s) => s.fetchedAt);
  const filter = useTargetsStore((s) => s.filter);
  const { refresh, setFilter } = useTargetsStore.getState();
  const visible = useDocumentVisible();
  usePolling(refresh, POLL_MS, visible);

  // A poll every 5 s answers in milliseconds: a spinner only for one that is slow, not a flicker
  // (and the line shifting under it) at every poll.
  const slow = useDelayedFlag(loading);
  const counts = targets ? countByHealth(targets) : null;
  const rows = targets ? filterTargets(targets, filter) : [];

  return (
    <div className="page" data-testid="page-targets">
      <header className="page-header">
        <h1>Targets</h1>
        <div className="row">
          <span className="muted small" data-testid="targets-updated">
            {slow && <span className="spinner" aria-hidden="true" />}
            {fetchedAt ? <RelativeTime time={fetchedAt} prefix="updated " /> : 'loading…'}
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
            data-testid="open-prometheus"
          >
            <Icon name="external" /> Open Prometheus
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

      {error && (
        <ErrorNotice
          error={error}
          title={isHostError(error) ? undefined : 'Prometheus did not answer'}
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
            <tbody>
              {rows.map((t) => (
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
              {rows.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty-row" data-testid="targets-empty">
                    {targets.length === 0
                      ? 'Prometheus has no active targets. Start the stack, or check the scrape config.'
                      : `No target is ${filter}.`}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
