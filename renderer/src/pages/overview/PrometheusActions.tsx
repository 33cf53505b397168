// Prometheus shortcuts: open it outside the app and say how to get in. The managed Prometheus asks
// every visitor for a password (so no web page can read it); the user name is shown, the password
// goes to the clipboard on request and is never rendered, as Grafana's admin password.
import { MANAGED_PROMETHEUS_USER, type ServiceStatus } from '../../../../shared/api';
import { copyToClipboard, openExternal } from '../../api/actions';
import { getApi } from '../../api/console-api';
import { Icon } from '../../components/Icon';

export function PrometheusActions({ prometheus }: { prometheus: ServiceStatus | undefined }) {
  const running = prometheus?.state === 'running';
  async function copyPassword(): Promise<void> {
    await copyToClipboard(
      () => getApi().revealPrometheusPassword(),
      `Prometheus password for user "${MANAGED_PROMETHEUS_USER}"`,
    );
  }
  return (
    <div className="row wrap">
      <button
        type="button"
        className="btn"
        onClick={() => void openExternal('prometheus')}
        disabled={!running}
        title={
          running
            ? `${prometheus.url} — sign in as ${MANAGED_PROMETHEUS_USER} with the copied password`
            : `Prometheus is ${prometheus?.state ?? 'unknown'}`
        }
        data-testid="open-prometheus-stack"
      >
        <Icon name="external" /> Open Prometheus
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        onClick={() => void copyPassword()}
        data-testid="copy-prometheus-password"
      >
        <Icon name="copy" /> Copy Prometheus password
      </button>
      <span className="muted small" data-testid="prometheus-sign-in">
        Prometheus asks for a password: user <span className="mono">{MANAGED_PROMETHEUS_USER}</span>
        , password from “Copy Prometheus password”.
      </span>
    </div>
  );
}
