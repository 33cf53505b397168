// Is the source scraping the app? The app job's health and last error, plus the other targets.
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Pill } from '../../components/Pill';
import { RelativeTime } from '../../components/RelativeTime';
import { navigate } from '../../hooks/useRoute';
import { isHostError } from '../../lib/errors';
import { countByHealth } from '../../lib/targets';
import { useAppJob, useAppTarget, useTargetsStore } from '../../stores/targets';

export function TargetHealthCard() {
  const target = useAppTarget();
  // The job the source carries the app under (source.job, or the one detected or scraped).
  const job = useAppJob();
  const targets = useTargetsStore((s) => s.targets);
  const error = useTargetsStore((s) => s.error);
  const counts = targets ? countByHealth(targets) : null;

  return (
    <Card
      title="Scrape target"
      testId="target-health-card"
      actions={
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => navigate('targets')}
        >
          All targets
        </button>
      }
    >
      {error && (
        <ErrorNotice
          error={error}
          title={isHostError(error) ? undefined : 'Prometheus did not answer'}
          testId="target-health-error"
          compact
        />
      )}
      {!error && target === undefined && <div className="muted">Loading…</div>}
      {target === null && (
        <div className="muted" data-testid="target-health-missing">
          Prometheus has no <span className="mono">{job}</span> target.
        </div>
      )}
      {target && (
        <>
          <div className="row">
            <span className="mono strong">{job}</span>
            <Pill
              tone={target.health === 'up' ? 'ok' : target.health === 'down' ? 'error' : 'muted'}
              testId="target-health"
            >
              {target.health.toUpperCase()}
            </Pill>
          </div>
          <dl className="facts">
            <dt>Endpoint</dt>
            <dd className="mono">{target.scrapeUrl}</dd>
            <dt>Last scrape</dt>
            <dd>
              <RelativeTime time={target.lastScrape} />
            </dd>
          </dl>
          {target.lastError && (
            <div className="target-error" data-testid="target-health-last-error">
              {target.lastError}
            </div>
          )}
        </>
      )}
      {counts && counts.all > 1 && (
        <div className="small muted">
          All targets: {counts.up} up · {counts.down} down · {counts.unknown} unknown
        </div>
      )}
    </Card>
  );
}
