// The recent log lines of one service: what to read when it exited.
import { useEffect } from 'react';
import type { ServiceName } from '../../../../shared/api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { useStackStore } from '../../stores/stack';

export function ServiceLogs({ service }: { service: ServiceName }) {
  const logs = useStackStore((s) => s.logs[service]);
  const loadLogs = useStackStore((s) => s.loadLogs);
  useEffect(() => {
    void loadLogs(service);
  }, [service, loadLogs]);

  return (
    <div className="logs" data-testid={`logs-${service}`}>
      <div className="row between">
        <span className="small muted">{service} — last 200 lines</span>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => void loadLogs(service)}
          disabled={logs?.loading}
        >
          <Icon name="refresh" /> Reload
        </button>
      </div>
      {logs?.error && <ErrorNotice error={logs.error} compact testId={`logs-${service}-error`} />}
      {!logs?.error && (
        <pre className="log-lines">
          {logs?.loading && !logs.lines.length
            ? 'Loading…'
            : logs?.lines.length
              ? logs.lines.join('\n')
              : '(no log lines)'}
        </pre>
      )}
    </div>
  );
}
