// A bounded burst of watch-only requests, so the panels have something to show.
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { formatByStatus, formatElapsedMs } from '../../lib/format';
import { trafficCardText } from '../../lib/traffic';
import { useServerStore } from '../../stores/server';
import { useSourceStatus } from '../../stores/source';

export function TrafficCard() {
  const traffic = useServerStore((s) => s.traffic);
  const error = useServerStore((s) => s.trafficError);
  const sending = useServerStore((s) => s.sendingTraffic);
  const listening = useServerStore((s) => s.status?.listening ?? false);
  const sendTraffic = useServerStore((s) => s.sendTraffic);
  const source = useSourceStatus();

  return (
    <Card title="Test traffic" testId="traffic-card">
      <p className="muted small" data-testid="traffic-text">
        {trafficCardText(source?.kind === 'existing' ? source : null)}
      </p>
      <div className="row">
        <button
          type="button"
          className="btn"
          onClick={() => void sendTraffic()}
          disabled={sending || !listening}
          title={listening ? undefined : 'The server is not listening'}
          data-testid="send-traffic"
        >
          {sending ? <span className="spinner" aria-hidden="true" /> : <Icon name="send" />}
          {sending ? 'Sending…' : 'Send test traffic'}
        </button>
        {traffic && !sending && (
          <span data-testid="traffic-result">
            Sent <strong>{traffic.sent}</strong> in {formatElapsedMs(traffic.durationMs)} —{' '}
            <span className="mono">{formatByStatus(traffic.byStatus)}</span>
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} testId="traffic-error" compact />}
    </Card>
  );
}
