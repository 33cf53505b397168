// The selected span: name, kind, status, its attributes, events and resource, as plain text.
import type { SpanRecord, TelemetryAttributes } from '../../../../shared/contract/telemetry';
import { formatClock, formatDurationMs, formatValue } from '../../lib/telemetry-view';

function Attributes({ attrs, testId }: { attrs: TelemetryAttributes; testId: string }) {
  const entries = Object.entries(attrs);
  if (entries.length === 0) return <div className="muted small">none</div>;
  return (
    <dl className="tel-attrs" data-testid={testId}>
      {entries.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{formatValue(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SpanDetails({ span }: { span: SpanRecord }) {
  return (
    <section className="card" data-testid="span-details">
      <header className="card-header">
        <h2 className="card-title">
          {span.name}{' '}
          <span className="muted small mono">
            {span.kind} · {span.status}
            {span.statusMessage && `: ${span.statusMessage}`} · {formatDurationMs(span.durationMs)}
          </span>
        </h2>
      </header>
      <div className="card-body" style={{ display: 'grid', gap: 10 }}>
        <div className="muted small mono">
          span {span.spanId} · parent {span.parentSpanId ?? '—'} · {span.service} · {span.scope}
        </div>
        <div>
          <h3 className="small">Attributes</h3>
          <Attributes attrs={span.attributes} testId="span-attributes" />
        </div>
        <div>
          <h3 className="small">Events</h3>
          {span.events.length === 0 ? (
            <div className="muted small">none</div>
          ) : (
            <ul data-testid="span-events">
              {span.events.map((e, i) => (
                <li key={i}>
                  <span className="mono small muted">{formatClock(e.timeMs)}</span> {e.name}
                  <Attributes attrs={e.attributes} testId="span-event-attributes" />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="small">Resource</h3>
          <Attributes attrs={span.resource} testId="span-resource" />
        </div>
      </div>
    </section>
  );
}
