// The source's targets, like Prometheus's own Status → Targets page (grouped by job, the app's
// job first), refreshing while visible. A source without a targets API shows the core's note
// about it instead of an error on every refresh.
import type { SourceStatus } from '../../../shared/api';
import { openExternal } from '../api/actions';
import { ErrorNotice } from '../components/ErrorNotice';
import { Icon } from '../components/Icon';
import { RelativeTime } from '../components/RelativeTime';
import { useDelayedFlag } from '../hooks/useDelayedFlag';
import { useDocumentVisible } from '../hooks/useDocumentVisible';
import { usePolling } from '../hooks/usePolling';
import { isHostError } from '../lib/errors';
import {
  countByHealth,
  filterTargets,
  groupByJob,
  HEALTH_FILTERS,
  type HealthFilter,
} from '../lib/targets';
import { useSourceStatus } from '../stores/source';
import { useAppJob, useTargetsStore } from '../stores/targets';
import { TargetsTable } from './targets/TargetsTable';

const POLL_MS = 5000;

export function TargetsPage() {
  const targets = useTargetsStore((s) => s.targets);
  const error = useTargetsStore((s) => s.error);
  const filter = useTargetsStore((s) => s.filter);
  const { refresh } = useTargetsStore.getState();
  const source = useSourceStatus();
  const appJob = useAppJob();
  const noTargetsApi = source?.health === 'up' && !source.capabilities.targets.available;
  const visible = useDocumentVisible();
  usePolling(refresh, POLL_MS, visible);

  const existing = source?.kind === 'existing';
  const groups = groupByJob(targets ? filterTargets(targets, filter) : [], appJob);

  return (
    <div className="page" data-testid="page-targets">
      <TargetsHeader
        source={source}
        noTargetsApi={noTargetsApi}
        visible={visible}
        refresh={refresh}
      />
      <HealthFilterBar filter={filter} counts={targets ? countByHealth(targets) : null} />
      {noTargetsApi && (
        <NoTargetsApiNotice note={source.capabilities.targets.note} appJob={appJob} />
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
        <TargetsTable
          targets={targets}
          groups={groups}
          appJob={appJob}
          filter={filter}
          existing={existing}
        />
      )}
    </div>
  );
}

interface HeaderProps {
  source: SourceStatus | null;
  noTargetsApi: boolean;
  visible: boolean;
  refresh: () => Promise<void>;
}

function TargetsHeader({ source, noTargetsApi, visible, refresh }: HeaderProps) {
  const loading = useTargetsStore((s) => s.loading);
  const fetchedAt = useTargetsStore((s) => s.fetchedAt);
  // A poll every 5 s answers in milliseconds: a spinner only for one that is slow, not a flicker
  // (and the line shifting under it) at every poll.
  const slow = useDelayedFlag(loading);
  const existing = source?.kind === 'existing';
  return (
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
  );
}

function HealthFilterBar(p: { filter: HealthFilter; counts: Record<HealthFilter, number> | null }) {
  const { setFilter } = useTargetsStore.getState();
  return (
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
          aria-checked={p.filter === f.value}
          className={p.filter === f.value ? 'active' : ''}
          onClick={() => setFilter(f.value)}
          data-testid={`targets-filter-${f.value}`}
        >
          {f.label}
          {p.counts && <span className="count">{p.counts[f.value]}</span>}
        </button>
      ))}
    </div>
  );
}

function NoTargetsApiNotice({ note, appJob }: { note: string; appJob: string }) {
  return (
    <div className="notice notice-warn" role="note" data-testid="targets-unavailable">
      <div className="notice-body">
        <div className="notice-title">This source lists no scrape targets</div>
        <div data-testid="targets-unavailable-note">{note}</div>
        <div className="muted small">
          The Dashboard and Explore still read its series (job{' '}
          <span className="mono">{appJob}</span>).
        </div>
      </div>
    </div>
  );
}
