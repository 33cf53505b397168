// Long-term storage: where the managed Prometheus sends its samples, and whether each receiver
// takes them (from Prometheus's own prometheus_remote_storage_* metrics). Only the receiver's
// auth kind and user are shown; its password or token never reaches the page.
import type { RemoteWriteStatus } from '../../../../shared/api';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Pill, type Tone } from '../../components/Pill';
import { RelativeTime } from '../../components/RelativeTime';
import { useRemoteWriteStore } from '../../stores/remote-write';
import { useSettingsStore } from '../../stores/settings';

const TONE: Record<RemoteWriteStatus['health'], Tone> = {
  ok: 'ok',
  failing: 'error',
  behind: 'warn',
  unknown: 'muted',
  'stack-down': 'muted',
};

const LABEL: Record<RemoteWriteStatus['health'], string> = {
  ok: 'OK',
  failing: 'FAILING',
  behind: 'BEHIND',
  unknown: 'UNKNOWN',
  'stack-down': 'STACK DOWN',
};

const count = (n: number | null): string => (n === null ? '–' : Math.round(n).toLocaleString());

export function RemoteWriteCard() {
  const receivers = useRemoteWriteStore((s) => s.receivers);
  const error = useRemoteWriteStore((s) => s.error);
  const retention = useSettingsStore((s) => s.view?.settings.stack.retentionTime);

  return (
    <Card title="Long-term storage" testId="remote-write-card">
      {error && (
        <ErrorNotice
          error={error}
          title="The receivers' health could not be read"
          testId="remote-write-error"
          compact
        />
      )}
      {!error && receivers === null && <div className="muted">Loading…</div>}
      {receivers?.length === 0 && (
        <div className="muted" data-testid="remote-write-none">
          No receiver: the managed Prometheus keeps {retention ? `${retention} of ` : ''}data on
          this machine only. Send it to a long-term store with{' '}
          <span className="mono">peak-watch remote-write add URL</span>.
        </div>
      )}
      {receivers?.map((r) => (
        <div key={r.id} className="remote-write-receiver" data-testid="remote-write-receiver">
          <div className="row">
            <span className="mono strong">{r.url}</span>
            <Pill tone={TONE[r.health]} testId="remote-write-health">
              {LABEL[r.health]}
            </Pill>
          </div>
          <dl className="facts">
            <dt>Auth</dt>
            <dd>{r.auth}</dd>
            <dt>Samples</dt>
            <dd data-testid="remote-write-samples">
              {count(r.samplesSentTotal)} sent · {count(r.samplesFailedTotal)} failed ·{' '}
              {count(r.samplesPending)} pending
            </dd>
            <dt>Last sent</dt>
            <dd>
              <RelativeTime time={r.lastSendAt} />
            </dd>
          </dl>
          {r.detail && (
            <div
              className={r.health === 'failing' ? 'target-error' : 'small muted'}
              data-testid="remote-write-detail"
            >
              {r.detail}
            </div>
          )}
        </div>
      ))}
    </Card>
  );
}
