// The landing page: is metrics flowing, and if not, what to do.
import { useDocumentVisible } from '../hooks/useDocumentVisible';
import { usePolling } from '../hooks/usePolling';
import { useRemoteWriteStore } from '../stores/remote-write';
import { useServerStore } from '../stores/server';
import { useSettings } from '../stores/settings';
import { useSourceStatus } from '../stores/source';
import { useTargetsStore } from '../stores/targets';
import { NextStepCallout } from './overview/NextStepCallout';
import { RemoteWriteCard } from './overview/RemoteWriteCard';
import { ServerCard } from './overview/ServerCard';
import { SourceCard } from './overview/SourceCard';
import { StackCard } from './overview/StackCard';
import { TargetHealthCard } from './overview/TargetHealthCard';
import { TrafficCard } from './overview/TrafficCard';

const POLL_MS = 5000;

function refreshOverview(): void {
  void useTargetsStore.getState().refresh();
  // Status events cover state changes; the request counter moves without one.
  void useServerStore.getState().load();
  void useRemoteWriteStore.getState().refresh();
}

export function OverviewPage() {
  const visible = useDocumentVisible();
  usePolling(refreshOverview, POLL_MS, visible);
  const source = useSourceStatus();
  const receivers = useSettings()?.stack.remoteWrite.length ?? 0;
  // An existing source with no receiver: the local stack feeds nothing, so its URL and health
  // take Start/Stop's place. With receivers the stack still scrapes and writes there.
  const existing = source?.kind === 'existing';

  return (
    <div className="page" data-testid="page-overview">
      <header className="page-header">
        <h1>Overview</h1>
      </header>
      <NextStepCallout />
      <div className="grid-2">
        <ServerCard />
        {existing && <SourceCard />}
        {(!existing || receivers > 0) && <StackCard />}
        <TargetHealthCard />
        <TrafficCard />
        <RemoteWriteCard />
      </div>
    </div>
  );
}
