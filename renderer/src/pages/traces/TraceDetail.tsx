// One trace (#/traces/<id>): its waterfall, the selected span's details, and the log records that
// share its trace id, with a link to the Logs page filtered by it.
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDurationMs } from '../../lib/telemetry-view';
import { layoutWaterfall } from '../../lib/waterfall';
import { useTracesStore } from '../../stores/traces';
import { LogRow } from '../logs/LogRow';
import { SpanDetails } from './SpanDetails';
import { logsForTraceHref } from './useHashParams';
import { Waterfall } from './Waterfall';

export function TraceDetail({ traceId }: { traceId: string }) {
  const trace = useTracesStore((s) => (s.trace?.traceId === traceId ? s.trace : null));
  const error = useTracesStore((s) => s.traceError);
  const loading = useTracesStore((s) => s.traceLoading);
  const [selected, setSelected] = useState<string | null>(null);
  // Mounted per trace id (keyed by it), so the selection starts afresh with each trace.
  useEffect(() => {
    void useTracesStore.getState().open(traceId);
  }, [traceId]);

  const back = (
    <a href="#/traces" className="btn btn-ghost btn-small" data-testid="trace-back">
      ← All traces
    </a>
  );
  if (error && !trace) {
    return (
      <>
        {back}
        <ErrorNotice error={error} title={`Trace ${traceId} is not here`} />
      </>
    );
  }
  if (!trace) return <div className="muted">{loading ? 'Loading the trace…' : ''}</div>;

  const { durationMs, rows } = layoutWaterfall(trace.spans);
  const root = rows[0]?.span;
  const span = trace.spans.find((s) => s.spanId === selected) ?? root ?? null;
  return (
    <div style={{ display: 'grid', gap: 12 }} data-testid="trace-view" data-trace-id={traceId}>
      <div className="row">
        {back}
        <h2 style={{ margin: 0 }}>{root?.name ?? 'Trace'}</h2>
        <span className="muted small mono" data-testid="trace-id">
          {traceId}
        </span>
        <span className="muted small">
          {formatDurationMs(durationMs)} · {trace.spans.length} spans · {trace.logs.length} logs
        </span>
      </div>
      <section className="card">
        <div className="card-body">
          <Waterfall spans={trace.spans} selected={span?.spanId ?? null} onSelect={setSelected} />
        </div>
      </section>
      {span && <SpanDetails span={span} />}
      <section className="card" data-testid="trace-logs">
        <header className="card-header">
          <h2 className="card-title">Log records of this trace ({trace.logs.length})</h2>
          <div className="card-actions">
            <a
              href={logsForTraceHref(traceId)}
              className="btn btn-ghost btn-small"
              data-testid="trace-open-logs"
            >
              Open in Logs
            </a>
          </div>
        </header>
        <div className="card-body">
          {trace.logs.length === 0 ? (
            <div className="muted small">No log record carries this trace id.</div>
          ) : (
            trace.logs.slice(0, 500).map((r) => (
              <div key={r.seq} className="vlist-row" style={{ height: 26 }} data-testid="trace-log">
                <LogRow r={r} />
              </div>
            ))
          )}
        </div>
      </section>
    </div>
  );
}
