// Traces: the spans the core's OTLP receiver keeps, searched by route, status, minimum duration
// and time range (newest first), and one trace's waterfall with its logs at #/traces/<id>.
import { useEffect } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { Icon } from '../components/Icon';
import { followTraces, useTracesStore } from '../stores/traces';
import { receiverListening, useTelemetryFeed, useTelemetryStore } from '../stores/telemetry';
import { ReceiverStatus, SendDataHint } from './traces/ReceiverStatus';
import './traces/telemetry.css';
import { TraceDetail } from './traces/TraceDetail';
import { TraceFilters } from './traces/TraceFilters';
import { TraceList } from './traces/TraceList';
import { traceIdOfHash, useHash } from './traces/useHashParams';

const LIST_HEIGHT = 560;

function TraceSearch() {
  const traces = useTracesStore((s) => s.traces);
  const error = useTracesStore((s) => s.error);
  const filters = useTracesStore((s) => s.filters);
  const answers = useTracesStore((s) => s.answers);
  const listening = useTelemetryStore((s) => receiverListening(s.status));
  useEffect(() => {
    void useTracesStore.getState().search();
    return followTraces();
  }, []);
  const filtered = filters.route || filters.status || filters.minDurationMs || filters.rangeMinutes;
  return (
    <div style={{ display: 'contents' }} data-testid="traces-results" data-answers={answers}>
      <TraceFilters />
      {error && error.code !== 'telemetry-off' && (
        <ErrorNotice error={error} title="The traces could not be searched" />
      )}
      {traces && traces.length > 0 && (
        <>
          <div className="muted small" data-testid="traces-count">
            {traces.length.toLocaleString()} trace{traces.length === 1 ? '' : 's'}
            {traces.length >= 1000 ? ' (the newest 1,000)' : ''} · ↑↓ to move, Enter to open
          </div>
          <TraceList traces={traces} height={LIST_HEIGHT} />
        </>
      )}
      {traces && traces.length === 0 && filtered && (
        <div className="muted" data-testid="traces-none-match">
          No kept trace matches these filters.
        </div>
      )}
      {traces && traces.length === 0 && !filtered && listening && <SendDataHint what="traces" />}
    </div>
  );
}

export function TracesPage() {
  useTelemetryFeed();
  const traceId = traceIdOfHash(useHash());
  return (
    <div className="page" data-testid="page-traces">
      <header className="page-header">
        <h1>Traces</h1>
        <div className="row">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => void useTracesStore.getState().search()}
            data-testid="traces-refresh"
          >
            <Icon name="refresh" /> Refresh
          </button>
        </div>
      </header>
      <ReceiverStatus />
      {traceId ? <TraceDetail key={traceId} traceId={traceId} /> : <TraceSearch />}
    </div>
  );
}
