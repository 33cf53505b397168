// One log record on a line: time, severity, service, body (text only), and its trace's link.
import type { LogRecordView } from '../../../../shared/contract/telemetry';
import { formatClock } from '../../lib/telemetry-view';
import { traceHref } from '../traces/useHashParams';

export function LogRow({ r }: { r: LogRecordView }) {
  return (
    <>
      <span className="mono muted tel-cell" style={{ width: 96, flex: 'none' }}>
        {formatClock(r.timeMs)}
      </span>
      <span className={`tel-sev tel-sev-${r.severity}`} data-testid="log-severity">
        {r.severityText || r.severity}
      </span>
      <span className="muted small tel-cell" style={{ width: 120, flex: 'none' }}>
        {r.service}
      </span>
      <span className="mono tel-cell" style={{ flex: 1, minWidth: 0 }} title={r.body}>
        {r.body}
      </span>
      {r.traceId && (
        <a
          className="small mono"
          href={traceHref(r.traceId)}
          tabIndex={-1}
          title={`Open trace ${r.traceId}`}
          data-testid="log-trace-link"
        >
          trace {r.traceId.slice(0, 8)}…
        </a>
      )}
    </>
  );
}
