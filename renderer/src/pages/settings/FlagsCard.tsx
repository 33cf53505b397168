// The watch-only server's two flags, switched live: enabled and strict, which the environment
// variables PEAK_TRADE_PROMETHEUS_ENABLED and REQUIRE_PROMETHEUS_CLIENT set for one run (README
// "Flags"). Each switch applies at once and says what that caused.
import { useState } from 'react';
import type { ConsoleErrorInfo } from '../../../../shared/api';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Switch } from '../../components/Switch';
import { useSettingsStore } from '../../stores/settings';
import { toast } from '../../stores/toasts';

type Flag = 'enabled' | 'strict';

const FLAGS: readonly { flag: Flag; title: string; env: string; help: string }[] = [
  {
    flag: 'enabled',
    title: 'Instrumentation',
    env: 'PEAK_TRADE_PROMETHEUS_ENABLED',
    help: 'Record peak_trade_http_requests_total, …_request_duration_seconds and …_in_flight_requests for every request.',
  },
  {
    flag: 'strict',
    title: 'Strict mode',
    env: 'REQUIRE_PROMETHEUS_CLIENT',
    help: 'If prom-client cannot be loaded, /metrics answers 503 (the scrape turns red) instead of the fallback metric.',
  },
];

export function FlagsCard() {
  const server = useSettingsStore((s) => s.view?.settings.server);
  const update = useSettingsStore((s) => s.update);
  const [busy, setBusy] = useState<Flag | null>(null);
  const [error, setError] = useState<ConsoleErrorInfo | null>(null);

  async function apply(flag: Flag, value: boolean): Promise<void> {
    setBusy(flag);
    setError(null);
    const outcome = await update({ server: { [flag]: value } });
    setBusy(null);
    if (outcome.ok) {
      const { applied } = outcome.result;
      toast(
        'ok',
        `${flag === 'enabled' ? 'Instrumentation' : 'Strict mode'} ${value ? 'on' : 'off'}`,
        applied.join(' · '),
      );
    } else {
      setError(outcome.error);
    }
  }

  if (!server) return null;
  return (
    <Card title="Flags" testId="settings-flags">
      <ul className="flag-list">
        {FLAGS.map(({ flag, title, env, help }) => (
          <li key={flag} className="flag">
            <Switch
              checked={server[flag]}
              onChange={(next) => void apply(flag, next)}
              label={title}
              testId={`settings-${flag}`}
              disabled={busy !== null}
              busy={busy === flag}
            />
            <div>
              <div className="flag-title">
                {title} <span className="muted mono small">{env}</span>
              </div>
              <div className="muted small">{help}</div>
            </div>
          </li>
        ))}
      </ul>
      {error && (
        <ErrorNotice
          error={error}
          title="The change was not applied"
          testId="settings-flags-error"
        />
      )}
    </Card>
  );
}
