// Other instances of the watched app (host:port, an optional bearer-token file), scraped in its
// job beside the embedded server. Each add or remove applies at once, like the flags: a token-less
// instance is a write of Prometheus's file_sd file, which it re-reads without a reload.
import { useState } from 'react';
import type { ConsoleErrorInfo } from '../../../../shared/api';
import { configuredJob } from '../../../../shared/dashboard';
import { INSTANCE_TOKEN_FIX, namesEmbeddedServer, scrapeTarget } from '../../../../shared/settings';
import { runsOnWebHost } from '../../api/console-api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { useSettingsStore } from '../../stores/settings';
import { toast } from '../../stores/toasts';

export function InstancesCard() {
  const settings = useSettingsStore((s) => s.view?.settings);
  const update = useSettingsStore((s) => s.update);
  const [target, setTarget] = useState('');
  const [tokenFile, setTokenFile] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleErrorInfo | null>(null);
  // The web host refuses a token file (Prometheus would send the file to that host).
  const webHost = runsOnWebHost();
  if (!settings) return null;
  const instances = settings.stack.instances;
  const job = configuredJob(settings.source);

  const typed = target.trim();
  const parsed = typed === '' ? null : scrapeTarget.safeParse(typed);
  const targetError =
    parsed && !parsed.success
      ? (parsed.error.issues[0]?.message ?? 'host:port')
      : instances.some((i) => i.target === typed)
        ? `${typed} is already listed`
        : namesEmbeddedServer(settings, typed)
          ? `${typed} is the embedded server, scraped already`
          : null;
  const token = tokenFile.trim();
  const tokenError =
    token !== '' && !/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(token)
      ? 'a token file is an absolute path, or empty for none'
      : null;
  const canAdd = !!parsed?.success && !targetError && !tokenError && !busy;

  async function apply(next: typeof instances, done: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    const outcome = await update({ stack: { instances: next } });
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return false;
    }
    toast('ok', done, outcome.result.applied.join(' · ') || undefined);
    return true;
  }

  async function add(): Promise<void> {
    if (!canAdd) return;
    const next = [...instances, { target: typed, tokenFile: webHost ? '' : token }];
    if (await apply(next, `Watching ${typed}`)) {
      setTarget('');
      setTokenFile('');
    }
  }

  return (
    <section className="card" data-testid="settings-instances">
      <header className="card-header">
        <h2 className="card-title">Instances of the app</h2>
      </header>
      <div className="card-body">
        <p className="muted small">
          Scraped in the job <span className="mono">{job}</span> beside the embedded server, as
          host:port (e.g. the Python app on 127.0.0.1:8000). The Dashboard&apos;s Instance picker
          lists them.
        </p>
        {instances.length === 0 ? (
          <p className="muted small" data-testid="settings-instances-empty">
            Only the embedded server so far.
          </p>
        ) : (
          <ul className="target-list" data-testid="settings-instances-list">
            {instances.map((i) => (
              <li key={i.target} className="row tight" data-testid="settings-instance">
                <span className="mono">{i.target}</span>
                <span className="muted small">
                  {i.tokenFile ? `bearer token from ${i.tokenFile}` : 'no token'}
                </span>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  disabled={busy}
                  onClick={() =>
                    void apply(
                      instances.filter((x) => x.target !== i.target),
                      `Stopped watching ${i.target}`,
                    )
                  }
                  aria-label={`Remove instance ${i.target}`}
                  data-testid={`settings-instance-remove-${i.target}`}
                >
                  <Icon name="close" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="row tight">
          <input
            className={`input mono${targetError ? ' input-invalid' : ''}`}
            value={target}
            placeholder="127.0.0.1:8000"
            onChange={(e) => setTarget(e.target.value)}
            onKeyDown={(e) => {
              // Enter adds the instance; the settings form around this card is not submitted.
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
            aria-label="New instance (host:port)"
            aria-invalid={!!targetError}
            spellCheck={false}
            data-testid="settings-instance-target"
          />
          {!webHost && (
            <input
              className={`input mono${tokenError ? ' input-invalid' : ''}`}
              value={tokenFile}
              placeholder="Token file (optional, absolute path)"
              onChange={(e) => setTokenFile(e.target.value)}
              aria-label="Bearer token file (optional)"
              aria-invalid={!!tokenError}
              spellCheck={false}
              data-testid="settings-instance-token-file"
            />
          )}
          <button
            type="button"
            className="btn btn-small"
            disabled={!canAdd}
            onClick={() => void add()}
            data-testid="settings-instance-add"
          >
            <Icon name="plus" /> Add instance
          </button>
        </div>
        {(targetError ?? tokenError) && (
          <div className="field-error" role="alert" data-testid="settings-instance-error">
            {targetError ?? tokenError}
          </div>
        )}
        {webHost && (
          <p className="muted small" data-testid="settings-instance-token-desktop-only">
            An instance with a bearer-token file cannot be added here. {INSTANCE_TOKEN_FIX}
          </p>
        )}
        {error && (
          <ErrorNotice
            error={error}
            title="The instances were not changed"
            testId="settings-instances-error"
          />
        )}
      </div>
    </section>
  );
}
