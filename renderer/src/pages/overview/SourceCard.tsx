// The existing source on the Overview (docs/SOURCES.md): where the numbers come from, its health,
// product and auth ("basic auth as NAME", never a credential), the skip-TLS warning, and what it
// cannot answer. With no remote-write receiver it takes the stack's place (nothing local feeds
// the pages); with receivers both show ("scrapes here, writes there").
import { openExternal } from '../../api/actions';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { SourceSummary } from '../../components/SourceSummary';
import { navigate } from '../../hooks/useRoute';
import { useSourceStore, useSourceStatus } from '../../stores/source';

export function SourceCard() {
  const status = useSourceStatus();
  const error = useSourceStore((s) => s.error);
  const load = useSourceStore((s) => s.load);
  return (
    <Card
      title="Source"
      testId="source-overview-card"
      actions={
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => navigate('settings')}
          data-testid="source-overview-settings"
        >
          Change
        </button>
      }
    >
      {error && <ErrorNotice error={error} onRetry={() => void load()} testId="source-error" />}
      {!status && !error && <div className="muted">Loading…</div>}
      {status && (
        <>
          <SourceSummary status={status} testId="source-overview" />
          <div className="row wrap">
            <button
              type="button"
              className="btn"
              onClick={() => void openExternal('prometheus')}
              disabled={!status.uiUrl}
              title={status.uiUrl ?? 'This source has no web UI of its own'}
              data-testid="source-open-ui"
            >
              <Icon name="external" /> Open the source&apos;s UI
            </button>
            {!status.uiUrl && (
              <span className="muted small">This source has no web UI of its own.</span>
            )}
          </div>
          <div className="muted small">
            Start/Stop belong to the managed stack; this source is run by whoever runs it.
          </div>
        </>
      )}
    </Card>
  );
}
