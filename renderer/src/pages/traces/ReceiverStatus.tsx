// What the Traces and Logs pages say about the OTLP receiver: off (with the way to Settings), not
// listening (its error), or its endpoint, counts kept and dropped, and memory against the ceiling.
// Data is shown as text only: a span's strings come from any local process (docs/TELEMETRY.md).
import type { TelemetryStatus } from '../../../../shared/contract/telemetry';
import { ErrorNotice } from '../../components/ErrorNotice';
import { exporterSnippets } from '../../lib/telemetry-view';
import { useTelemetryStore } from '../../stores/telemetry';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function ReceiverOff() {
  return (
    <div className="notice notice-warn" role="note" data-testid="telemetry-off">
      <div className="notice-body">
        <div className="notice-title">The OTLP receiver is off</div>
        <div>
          Peak Watch keeps traces and logs only while its receiver listens. Switch it on in{' '}
          <a href="#/settings" data-testid="telemetry-open-settings">
            Settings → Telemetry
          </a>
          , then point an app&apos;s OpenTelemetry exporter at it.
        </div>
      </div>
    </div>
  );
}

function StatusLine({ status }: { status: TelemetryStatus }) {
  const used = status.spans.bytes + status.logs.bytes;
  return (
    <div className="tel-status" data-testid="telemetry-status">
      <span>
        endpoint{' '}
        <strong className="mono" data-testid="telemetry-endpoint">
          {status.endpoint}
        </strong>
        {status.tokenRequired && ' (bearer token required)'}
      </span>
      <span data-testid="telemetry-spans">
        spans <strong>{status.spans.count.toLocaleString()}</strong> kept ·{' '}
        {status.spans.dropped.toLocaleString()} dropped
      </span>
      <span data-testid="telemetry-logs">
        logs <strong>{status.logs.count.toLocaleString()}</strong> kept ·{' '}
        {status.logs.dropped.toLocaleString()} dropped
      </span>
      <span data-testid="telemetry-memory">
        memory <strong>{mb(used)}</strong> of {mb(status.ceilingBytes)}
      </span>
      {status.rejected > 0 && (
        <span className="text-warn" title={status.lastRejection?.message}>
          {status.rejected} export{status.rejected === 1 ? '' : 's'} refused
        </span>
      )}
    </div>
  );
}

/** The receiver's state above a page's content; false from `children` while it is not usable. */
export function ReceiverStatus() {
  const status = useTelemetryStore((s) => s.status);
  const error = useTelemetryStore((s) => s.error);
  if (!status) {
    return error ? <ErrorNotice error={error} title="The receiver's status is unknown" /> : null;
  }
  if (!status.enabled) return <ReceiverOff />;
  if (!status.listening) {
    return status.error ? (
      <ErrorNotice error={status.error} title="The OTLP receiver is not listening" />
    ) : (
      <div className="muted small">The OTLP receiver is starting…</div>
    );
  }
  return <StatusLine status={status} />;
}

/** Nothing kept yet: how to send something (the endpoint and two exporter setups). */
export function SendDataHint({ what }: { what: 'traces' | 'log records' }) {
  const endpoint = useTelemetryStore((s) => s.status?.endpoint) ?? null;
  if (!endpoint) return null;
  const { python, node } = exporterSnippets(endpoint);
  return (
    <section className="card" data-testid="telemetry-empty">
      <header className="card-header">
        <h2 className="card-title">No {what} yet</h2>
      </header>
      <div className="card-body">
        <p>
          Send OTLP/HTTP (protobuf or JSON) to <span className="mono">{endpoint}</span> —{' '}
          <span className="mono">/v1/traces</span> and <span className="mono">/v1/logs</span>. With
          “Trace the embedded server” on, the watch-only server&apos;s own requests show up here
          too.
        </p>
        <div className="muted small">A Python app</div>
        <pre className="tel-snippet" data-testid="telemetry-snippet-python">
          {python}
        </pre>
        <div className="muted small">A Node app</div>
        <pre className="tel-snippet" data-testid="telemetry-snippet-node">
          {node}
        </pre>
      </div>
    </section>
  );
}
