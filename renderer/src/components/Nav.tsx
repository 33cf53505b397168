// The left navigation: the pages, Preflight's fail/warn and the firing-alerts badges, and where
// the app runs.
import type { Page } from '../hooks/useRoute';
import { useFiringCount } from '../stores/alerts';
import { usePreflightStore } from '../stores/preflight';
import { useServerStore } from '../stores/server';
import { Icon, type IconName } from './Icon';

const ITEMS: readonly { page: Page; label: string; icon: IconName }[] = [
  { page: 'overview', label: 'Overview', icon: 'overview' },
  { page: 'targets', label: 'Targets', icon: 'targets' },
  { page: 'dashboard', label: 'Dashboard', icon: 'dashboard' },
  { page: 'explore', label: 'Explore', icon: 'explore' },
  { page: 'alerts', label: 'Alerts', icon: 'alerts' },
  { page: 'traces', label: 'Traces', icon: 'traces' },
  { page: 'logs', label: 'Logs', icon: 'logs' },
  { page: 'preflight', label: 'Preflight', icon: 'preflight' },
  { page: 'settings', label: 'Settings', icon: 'settings' },
];

function PreflightBadge() {
  const fail = usePreflightStore((s) => s.report?.summary.fail ?? 0);
  const warn = usePreflightStore((s) => s.report?.summary.warn ?? 0);
  const running = usePreflightStore((s) => s.running && !s.report);
  if (running) return <span className="nav-badge nav-badge-muted">…</span>;
  if (!fail && !warn) return null;
  const parts = [fail ? `${fail} fail` : '', warn ? `${warn} warn` : ''].filter(Boolean);
  return (
    <span
      className={`nav-badge ${fail ? 'nav-badge-fail' : 'nav-badge-warn'}`}
      data-testid="nav-preflight-badge"
      data-fail={fail}
      data-warn={warn}
      title={parts.join(', ')}
      aria-label={`Preflight: ${parts.join(', ')}`}
    >
      {fail > 0 && <span className="badge-fail">{fail}</span>}
      {warn > 0 && <span className="badge-warn">{warn}</span>}
    </span>
  );
}

function AlertsBadge() {
  const firing = useFiringCount();
  if (!firing) return null;
  return (
    <span
      className="nav-badge nav-badge-fail"
      data-testid="nav-alerts-badge"
      data-firing={firing}
      title={`${firing} firing`}
      aria-label={`Alerts: ${firing} firing`}
    >
      <span className="badge-fail">{firing}</span>
    </span>
  );
}

export function Nav({ page }: { page: Page }) {
  const url = useServerStore((s) => (s.status?.listening ? s.status.url : null));
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Peak Watch</span>
      </div>
      <ul className="nav-list">
        {ITEMS.map((item) => (
          <li key={item.page}>
            <a
              href={`#/${item.page}`}
              className={`nav-item${page === item.page ? ' nav-item-active' : ''}`}
              aria-current={page === item.page ? 'page' : undefined}
              data-testid={`nav-${item.page}`}
            >
              <Icon name={item.icon} />
              <span className="nav-label">{item.label}</span>
              {item.page === 'preflight' && <PreflightBadge />}
              {item.page === 'alerts' && <AlertsBadge />}
            </a>
          </li>
        ))}
      </ul>
      <div className="nav-footer">
        <div className="nav-footer-label">watch-only server</div>
        <div className="nav-footer-value mono" data-testid="nav-server-url">
          {url ?? 'not listening'}
        </div>
      </div>
    </nav>
  );
}
