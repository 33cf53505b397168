// The landing page: is metrics flowing, and if not, what to do.
import { useDocumentVisible } from '../hooks/useDocumentVisible';
import { usePolling } from '../hooks/usePolling';
import { useRemoteWriteStore } from '../stores/remote-write';
import { useServerStore } from '../stores/server';
import { useTargetsStore } from '../stores/targets';
import { NextStepCallout } from './overview/NextStepCallout';
import { RemoteWriteCard } from './overview/RemoteWriteCard';
import { ServerCard } from './overview/ServerCard';
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

  return (
    <div className="page" data-testid="page-overview">
      <header className="page-header">
        <h1>Overview</h1>
      </header>
      <NextStepCallout />
      <div className="grid-2">
        <ServerCard />
        <StackCard />
        <TargetHealthCard />
        <TrafficCard />
        <RemoteWriteCard />
      </div>
    </div>
  );
}
