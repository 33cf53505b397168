// Settings: live flags, the rest as a checked form, where they are stored, and load warnings.
import { ErrorNotice } from '../components/ErrorNotice';
import { useSettingsStore } from '../stores/settings';
import { FlagsCard } from './settings/FlagsCard';
import { SettingsForm } from './settings/SettingsForm';

export function SettingsPage() {
  const view = useSettingsStore((s) => s.view);
  const error = useSettingsStore((s) => s.error);
  const load = useSettingsStore((s) => s.load);

  return (
    <div className="page page-narrow" data-testid="page-settings">
      <header className="page-header">
        <h1>Settings</h1>
        {view && (
          <span className="muted small">
            Stored in{' '}
            <span className="mono" data-testid="settings-data-dir">
              {view.dataDir}
            </span>
          </span>
        )}
      </header>
      {view && view.warnings.length > 0 && (
        <div className="banner banner-warn" role="alert" data-testid="settings-warnings">
          {view.warnings.map((w) => (
            <div key={w}>{w}</div>
          ))}
        </div>
      )}
      {error && (
        <ErrorNotice
          error={error}
          title="Settings could not be loaded"
          onRetry={() => void load()}
          testId="settings-error"
        />
      )}
      {!view && !error && <div className="muted">Loading…</div>}
      {view && (
        <>
          <FlagsCard />
          <SettingsForm settings={view.settings} />
        </>
      )}
    </div>
  );
}
