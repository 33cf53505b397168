// The embedded watch-only server at a glance, and the one-click way out when its port is held by
// what looks like the Peak_Trade web app: watch that as an instance, move the server elsewhere.
import { useState } from 'react';
import {
  toErrorInfo,
  type ConsoleErrorInfo,
  type PortHolderInfo,
  type SettingsUpdateResult,
} from '../../../../shared/api';
import { getApi } from '../../api/console-api';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Pill } from '../../components/Pill';
import { RelativeTime } from '../../components/RelativeTime';
import { useServerStore, useServerStatus } from '../../stores/server';

export function ServerCard() {
  const status = useServerStatus();
  const error = useServerStore((s) => s.error);
  const load = useServerStore((s) => s.load);
  const [moved, setMoved] = useState<{ target: string; port: number } | null>(null);

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
          {!status.listening && status.portHolder?.looksLikeApp && (
            <PortHolderOffer holder={status.portHolder} onDone={setMoved} />
          )}
          {/* Said while it is true: a later move or a new holder replaces it. */}
          {moved && status.listening && status.port === moved.port && (
            <p className="small" role="status" data-testid="port-holder-result">
              Watching <span className="mono">{moved.target}</span> as an instance of the app; Peak
              Watch&apos;s server now listens on port <strong>{moved.port}</strong>.
            </p>
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

/** The offer; the port it names is the core's suggestion, and the result shows the port used. */
function PortHolderOffer({
  holder,
  onDone,
}: {
  holder: PortHolderInfo;
  onDone: (moved: { target: string; port: number }) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleErrorInfo | null>(null);
  const where = holder.suggestedPort === null ? 'a free port' : `port ${holder.suggestedPort}`;

  async function watch(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const result: SettingsUpdateResult = await getApi().watchPortHolder();
      onDone({ target: holder.target, port: result.settings.server.port });
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="row wrap" data-testid="port-holder-offer">
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => void watch()}
        disabled={busy}
        data-testid="port-holder-watch"
      >
        {busy && <span className="spinner" aria-hidden="true" />}
        Watch it as an instance and move Peak Watch&apos;s server to {where}
      </button>
      {error && <ErrorNotice error={error} testId="port-holder-error" compact />}
    </div>
  );
}
