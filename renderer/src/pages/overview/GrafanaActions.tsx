// Grafana shortcuts: open it outside the app, copy the admin password without ever showing it.
import type { ServiceStatus } from '../../../../shared/api';
import { copyToClipboard, openExternal } from '../../api/actions';
import { getApi } from '../../api/console-api';
import { Icon } from '../../components/Icon';
import { useStackStore } from '../../stores/stack';

export function GrafanaActions({ grafana }: { grafana: ServiceStatus | undefined }) {
  const info = useStackStore((s) => s.grafana);
  const running = grafana?.state === 'running';
  // A runtime that cannot run Grafana (native without a grafana binary) has no use for its
  // password; a stopped Grafana does (copy it before starting).
  const unavailable = grafana?.state === 'unavailable';
  async function copyPassword(): Promise<void> {
    // The password goes from the host straight to the clipboard; it is never rendered.
    await copyToClipboard(
      () => getApi().revealGrafanaPassword(),
      `Grafana admin password for user "${info?.user ?? 'admin'}"`,
    );
  }
  return (
    <div className="row wrap">
      <button
        type="button"
        className="btn"
        onClick={() => void openExternal('grafana')}
        disabled={!running}
        title={running ? grafana.url : `Grafana is ${grafana?.state ?? 'unknown'}`}
        data-testid="open-grafana"
      >
        <Icon name="external" /> Open Grafana
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        onClick={() => void copyPassword()}
        disabled={unavailable}
        title={unavailable ? 'Grafana does not run with this runtime' : undefined}
        data-testid="copy-grafana-password"
      >
        <Icon name="copy" /> Copy admin password
      </button>
      {info?.health && (
        <span className="muted small" data-testid="grafana-health">
          Grafana {info.health.version} · database {info.health.database}
        </span>
      )}
      {running && info?.healthError && <span className="text-warn small">{info.healthError}</span>}
    </div>
  );
}
