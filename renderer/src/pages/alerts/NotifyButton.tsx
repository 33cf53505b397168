// The browser's notifications, asked for only on this click (never an automatic prompt). In the
// desktop app, Electron shows them; the button then only says so.
import { useAlertsStore } from '../../stores/alerts';

export function NotifyButton() {
  const permission = useAlertsStore((s) => s.permission);
  const ask = useAlertsStore((s) => s.askPermission);
  if (permission === 'electron')
    return <span className="muted small">Desktop notifications on</span>;
  if (permission === 'unsupported')
    return <span className="muted small">This browser has no notifications</span>;
  if (permission === 'granted')
    return (
      <span className="muted small" data-testid="notify-state">
        Browser notifications on
      </span>
    );
  if (permission === 'denied')
    return (
      <span className="muted small" data-testid="notify-state">
        Notifications blocked in this browser's site settings
      </span>
    );
  return (
    <button
      type="button"
      className="btn btn-small"
      onClick={() => void ask()}
      data-testid="notify-ask"
    >
      Notify me in this browser
    </button>
  );
}
