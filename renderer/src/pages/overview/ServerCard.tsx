// The embedded watch-only server at a glance.
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Pill } from '../../components/Pill';
import { RelativeTime } from '../../components/RelativeTime';
import { useServerStore, useServerStatus } from '../../stores/server';

export function ServerCard() {
  const status = useServerStatus();
  const error = useServerStore((s) => s.error);
  const load = useServerStore((s) => s.load);

  return (
    <Card title="Watch-only server" testId="server-card">
      {error && <ErrorNotice error={error} onRetry={() => void load()} testId="server-error" />}
      {!status && !error && <div className="muted">Loading…</div>}
      {status && (
        <>
          <div className="pills">
            <Pill tone={status.listening ? 'ok' : 'error'} testId="server-listening">
              {status.listening ? 'listening' : 'not listening'}
            </Pill>
            <Pill tone={status.enabled ? 'ok' : 'warn'} testId="server-enabled">
              instrumentation {status.enabled ? 'on' : 'off'}
            </Pill>
            <Pill tone={status.strict ? 'info' : 'muted'} testId="server-strict">
              strict {status.strict ? 'on' : 'off'}
            </Pill>
            {status.requiresToken && <Pill tone="info">token required</Pill>}
          </div>
          {status.error && (
            <ErrorNotice
              error={{ code: 'server-not-listening', message: status.error }}
              testId="server-listen-error"
              compact
            />
          )}
          <dl className="facts">
            <dt>URL</dt>
            <dd className="mono" data-testid="server-url">
              {status.url || `${status.host}:${status.port} (not bound)`}
            </dd>
            <dt>Requests served</dt>
            <dd data-testid="server-requests">{status.requestsServed.toLocaleString()}</dd>
            <dt>prom-client</dt>
            <dd data-testid="server-prom-client">
              {status.promClientAvailable ? (
                (status.promClientVersion ?? 'available')
              ) : (
                <span className="text-warn">
                  unavailable — /metrics {status.strict ? 'answers 503' : 'serves the fallback'}
                </span>
              )}
            </dd>
            {status.startedAt && (
              <>
                <dt>Started</dt>
                <dd>
                  <RelativeTime time={status.startedAt} />
                </dd>
              </>
            )}
          </dl>
        </>
      )}
    </Card>
  );
}
