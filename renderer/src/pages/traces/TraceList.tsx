// The matching traces, newest first, in a virtualised list: arrow keys move, Enter opens.
import type { TraceSummary } from '../../../../shared/contract/telemetry';
import { VirtualList } from '../../components/VirtualList';
import { formatClock, formatDurationMs } from '../../lib/telemetry-view';
import { traceHref } from './useHashParams';

const ROW = 30;

function statusText(t: TraceSummary): string {
  if (t.statusCode !== null) return String(t.statusCode);
  return t.error ? 'error' : 'ok';
}

function Row({ t }: { t: TraceSummary }) {
  return (
    <>
      <span className="mono muted tel-cell" style={{ width: 96 }}>
        {formatClock(t.startMs)}
      </span>
      <span className="tel-cell" style={{ flex: 1, minWidth: 0 }} title={t.name}>
        {t.method && <span className="muted">{t.method} </span>}
        <span className="mono">{t.route ?? t.name}</span>
        <span className="muted small"> · {t.service}</span>
      </span>
      <span
        className={`tel-cell mono ${t.error ? 'text-error' : ''}`}
        style={{ width: 48 }}
        data-testid="trace-row-status"
      >
        {statusText(t)}
      </span>
      <span className="tel-cell mono" style={{ width: 80, textAlign: 'right' }}>
        {formatDurationMs(t.durationMs)}
      </span>
      <span className="tel-cell muted small" style={{ width: 80, textAlign: 'right' }}>
        {t.spanCount} span{t.spanCount === 1 ? '' : 's'}
      </span>
      <a className="small" href={traceHref(t.traceId)} tabIndex={-1} data-testid="trace-row-open">
        open
      </a>
    </>
  );
}

export function TraceList({ traces, height }: { traces: TraceSummary[]; height: number }) {
  return (
    <VirtualList
      count={traces.length}
      rowHeight={ROW}
      height={height}
      rowKey={(i) => traces[i]!.traceId}
      renderRow={(i) => <Row t={traces[i]!} />}
      onOpen={(i) => {
        window.location.hash = traceHref(traces[i]!.traceId).slice(1);
      }}
      label="Traces, newest first: arrow keys move, Enter opens"
      testId="traces-list"
    />
  );
}
