// Logs: the log records the core's OTLP receiver keeps, filtered by level (and worse), text and
// trace id, followed live (the `telemetry` event, then searchLogs after the last seq) with
// pause/resume. Each record with a trace id links to its trace.
import { useEffect } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { VirtualList } from '../components/VirtualList';
import { followLogs, useLogsStore } from '../stores/logs';
import { LOG_LIMIT } from '../lib/telemetry-view';
import { receiverListening, useTelemetryFeed, useTelemetryStore } from '../stores/telemetry';
import { LogFilters } from './logs/LogFilters';
import { LogRow } from './logs/LogRow';
import { ReceiverStatus, SendDataHint } from './traces/ReceiverStatus';
import './traces/telemetry.css';
import { hashParam, traceHref, useHash } from './traces/useHashParams';

const ROW = 26;
const LIST_HEIGHT = 600;

function LogList() {
  const records = useLogsStore((s) => s.records);
  const filters = useLogsStore((s) => s.filters);
  const paused = useLogsStore((s) => s.paused);
  const listening = useTelemetryStore((s) => receiverListening(s.status));
  if (!records) return null;
  const filtered = filters.minSeverity !== 'unspecified' || filters.text || filters.traceId;
  if (records.length === 0) {
    return filtered ? (
      <div className="muted" data-testid="logs-none-match">
        No kept log record matches these filters.
      </div>
    ) : listening ? (
      <SendDataHint what="log records" />
    ) : null;
  }
  return (
    <>
      <div className="muted small" data-testid="logs-count">
        {records.length.toLocaleString()} record{records.length === 1 ? '' : 's'}, oldest first
        {records.length >= LOG_LIMIT
          ? ' (the newest that match: narrow the filters for older ones)'
          : ''}
        {paused ? ' · paused' : ' · following new records'} · ↑↓ to move, Enter opens the trace
      </div>
      <VirtualList
        count={records.length}
        rowHeight={ROW}
        height={LIST_HEIGHT}
        rowKey={(i) => String(records[i]!.seq)}
        renderRow={(i) => <LogRow r={records[i]!} />}
        onOpen={(i) => {
          const id = records[i]!.traceId;
          if (id) window.location.hash = traceHref(id).slice(1);
        }}
        label="Log records, oldest first: arrow keys move, Enter opens the record's trace"
        testId="logs-list"
        follow={!paused}
      />
    </>
  );
}

export function LogsPage() {
  useTelemetryFeed();
  const error = useLogsStore((s) => s.error);
  const answers = useLogsStore((s) => s.answers);
  const traceParam = hashParam(useHash(), 'trace');
  // #/logs?trace=<id> (the trace view's link) filters by that trace.
  useEffect(() => {
    const store = useLogsStore.getState();
    if (traceParam !== null && traceParam !== store.filters.traceId) {
      store.setFilters({ traceId: traceParam });
    } else void store.search();
    return followLogs();
  }, [traceParam]);
  return (
    <div className="page" data-testid="page-logs" data-answers={answers}>
      <header className="page-header">
        <h1>Logs</h1>
      </header>
      <ReceiverStatus />
      <LogFilters key={traceParam ?? ''} />
      {error && error.code !== 'telemetry-off' && (
        <ErrorNotice error={error} title="The log records could not be searched" />
      )}
      <LogList />
    </div>
  );
}
