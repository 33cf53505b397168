// Long-term storage receivers in Settings: the managed Prometheus remote-writes to each. A receiver
// changes only with its credential (addRemoteWrite / removeRemoteWrite), so this card applies at
// once and is not part of the settings form's patch. The password or token is write-only: the
// page never gets it back, only "basic auth as NAME".
import { useState } from 'react';
import { toErrorInfo, type ConsoleErrorInfo, type SourceAuthKind } from '../../../../shared/api';
import { isSourceUrl } from '../../../../shared/settings';
import { getApi } from '../../api/console-api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { useRemoteWriteStore } from '../../stores/remote-write';
import { useSettingsStore } from '../../stores/settings';
import { toast } from '../../stores/toasts';

const AUTH_LABELS: Record<SourceAuthKind, string> = {
  none: 'No authentication',
  basic: 'Basic auth (user + password)',
  bearer: 'Bearer token',
};

export function ReceiversCard() {
  const settings = useSettingsStore((s) => s.view?.settings);
  const [url, setUrl] = useState('');
  const [auth, setAuth] = useState<SourceAuthKind>('none');
  const [user, setUser] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleErrorInfo | null>(null);
  if (!settings) return null;
  const receivers = settings.stack.remoteWrite;

  const typed = url.trim();
  const urlError =
    typed === ''
      ? null
      : !isSourceUrl(typed)
        ? 'an http:// or https:// URL without a user, password, query or #fragment'
        : receivers.some((r) => r.url === typed)
          ? 'this receiver is listed already'
          : null;
  const missing =
    auth === 'basic' && user.trim() === ''
      ? 'basic auth needs a user'
      : auth !== 'none' && secret === ''
        ? `${auth === 'basic' ? 'the password' : 'the token'} is needed`
        : null;
  const canAdd = typed !== '' && !urlError && !missing && !busy;

  async function run(action: () => Promise<unknown>, done: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      toast('ok', done);
      void useRemoteWriteStore.getState().refresh();
      return true;
    } catch (err) {
      setError(toErrorInfo(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(): Promise<void> {
    if (!canAdd) return;
    const req = {
      url: typed,
      auth,
      ...(auth === 'basic' ? { user: user.trim() } : {}),
      ...(auth !== 'none' ? { secret } : {}),
    };
    if (await run(() => getApi().addRemoteWrite(req), `Writing to ${typed}`)) {
      setUrl('');
      setUser('');
      setSecret('');
      setAuth('none');
    }
  }

  return (
    <section className="card" data-testid="settings-receivers">
      <header className="card-header">
        <h2 className="card-title">Long-term storage (remote write)</h2>
      </header>
      <div className="card-body">
        <p className="muted small">
          The managed Prometheus sends every sample to each receiver: VictoriaMetrics
          (/api/v1/write), Mimir, Thanos Receive, or a Prometheus with its remote-write receiver on.
          Read them back by making the store the source. Adding or removing one reloads Prometheus.
        </p>
        {receivers.length === 0 ? (
          <p className="muted small" data-testid="settings-receivers-empty">
            No receiver: data stays on this machine for {settings.stack.retentionTime}.
          </p>
        ) : (
          <ul className="target-list" data-testid="settings-receivers-list">
            {receivers.map((r) => (
              <li key={r.id} className="row tight" data-testid="settings-receiver">
                <span className="mono">{r.url}</span>
                <span className="muted small nowrap">
                  {r.auth === 'basic'
                    ? `basic auth as ${r.user}`
                    : r.auth === 'bearer'
                      ? 'bearer token'
                      : 'no authentication'}
                </span>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  disabled={busy}
                  onClick={() =>
                    void run(
                      () => getApi().removeRemoteWrite({ url: r.url }),
                      `Stopped writing to ${r.url}`,
                    )
                  }
                  aria-label={`Remove receiver ${r.url}`}
                  data-testid="settings-receiver-remove"
                >
                  <Icon name="close" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="field-grid">
          <label className="field">
            <span className="field-label">Receiver URL</span>
            <input
              className={`input mono${urlError ? ' input-invalid' : ''}`}
              value={url}
              placeholder="http://127.0.0.1:8428/api/v1/write"
              onChange={(e) => setUrl(e.target.value)}
              aria-invalid={!!urlError}
              spellCheck={false}
              data-testid="settings-receiver-url"
            />
          </label>
          <label className="field">
            <span className="field-label">Authentication</span>
            <select
              className="input"
              value={auth}
              onChange={(e) => setAuth(e.target.value as SourceAuthKind)}
              data-testid="settings-receiver-auth"
            >
              {(Object.keys(AUTH_LABELS) as SourceAuthKind[]).map((k) => (
                <option key={k} value={k}>
                  {AUTH_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          {auth === 'basic' && (
            <label className="field">
              <span className="field-label">User</span>
              <input
                className="input"
                value={user}
                onChange={(e) => setUser(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                data-testid="settings-receiver-user"
              />
            </label>
          )}
          {auth !== 'none' && (
            <label className="field">
              <span className="field-label">{auth === 'basic' ? 'Password' : 'Token'}</span>
              <input
                className="input"
                type="password"
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                autoComplete="new-password"
                data-testid="settings-receiver-secret"
              />
            </label>
          )}
        </div>
        {(urlError ?? (typed !== '' ? missing : null)) && (
          <div className="field-error" role="alert" data-testid="settings-receiver-error">
            {urlError ?? missing}
          </div>
        )}
        <div className="row tight">
          <button
            type="button"
            className="btn btn-small"
            disabled={!canAdd}
            onClick={() => void add()}
            data-testid="settings-receiver-add"
          >
            <Icon name="plus" /> Add receiver
          </button>
        </div>
        {error && (
          <ErrorNotice
            error={error}
            title="The receivers were not changed"
            testId="settings-receivers-error"
          />
        )}
      </div>
    </section>
  );
}
