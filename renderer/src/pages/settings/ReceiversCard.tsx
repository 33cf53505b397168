// Long-term storage receivers in Settings: the managed Prometheus remote-writes to each. A receiver
// changes only with its credential (addRemoteWrite / removeRemoteWrite), so this card applies at
// once and is not part of the settings form's patch. The password or token is write-only: the
// page never gets it back, only "basic auth as NAME".
import { useState } from 'react';
import type { SourceAuthKind } from '../../../../shared/api';
import type { RemoteWriteReceiverSettings } from '../../../../shared/settings';
import { getApi } from '../../api/console-api';
import { Icon } from '../../components/Icon';
import { receiverAuthLabel, receiverAuthMissing, receiverUrlError } from '../../lib/list-drafts';
import { useRemoteWriteStore } from '../../stores/remote-write';
import { useSettingsStore } from '../../stores/settings';
import { AddFormError, ListEditorCard, useListChange, type ListChange } from './ListEditorCard';

const AUTH_LABELS: Record<SourceAuthKind, string> = {
  none: 'No authentication',
  basic: 'Basic auth (user + password)',
  bearer: 'Bearer token',
};

/** Runs a receiver change and, when it applies, re-reads the receivers' state. */
async function applied(call: () => Promise<unknown>) {
  await call();
  void useRemoteWriteStore.getState().refresh();
  return { ok: true } as const;
}

export function ReceiversCard() {
  const settings = useSettingsStore((s) => s.view?.settings);
  const change = useListChange();
  if (!settings) return null;
  return (
    <ListEditorCard<RemoteWriteReceiverSettings>
      testId="settings-receivers"
      itemTestId="settings-receiver"
      title="Long-term storage (remote write)"
      note="The managed Prometheus sends every sample to each receiver: VictoriaMetrics (/api/v1/write), Mimir, Thanos Receive, or a Prometheus with its remote-write receiver on. Read them back by making the store the source. Adding or removing one reloads Prometheus."
      empty={`No receiver: data stays on this machine for ${settings.stack.retentionTime}.`}
      items={settings.stack.remoteWrite}
      itemKey={(r) => r.id}
      describe={(r) => (
        <>
          <span className="mono">{r.url}</span>
          <span className="muted small nowrap">{receiverAuthLabel(r)}</span>
        </>
      )}
      removeLabel={(r) => `Remove receiver ${r.url}`}
      removeTestId={() => 'settings-receiver-remove'}
      onRemove={(r) =>
        void change.run(
          () => applied(() => getApi().removeRemoteWrite({ url: r.url })),
          `Stopped writing to ${r.url}`,
        )
      }
      change={change}
      errorTitle="The receivers were not changed"
    >
      <ReceiverForm receivers={settings.stack.remoteWrite} change={change} />
    </ListEditorCard>
  );
}

function ReceiverForm(p: {
  receivers: readonly RemoteWriteReceiverSettings[];
  change: ListChange;
}) {
  const [url, setUrl] = useState('');
  const [auth, setAuth] = useState<SourceAuthKind>('none');
  const [user, setUser] = useState('');
  const [secret, setSecret] = useState('');
  const typed = url.trim();
  const urlError = receiverUrlError(typed, p.receivers);
  const missing = receiverAuthMissing(auth, user, secret);
  const canAdd = typed !== '' && !urlError && !missing && !p.change.busy;

  async function add(): Promise<void> {
    if (!canAdd) return;
    const req = {
      url: typed,
      auth,
      ...(auth === 'basic' ? { user: user.trim() } : {}),
      ...(auth !== 'none' ? { secret } : {}),
    };
    if (
      await p.change.run(() => applied(() => getApi().addRemoteWrite(req)), `Writing to ${typed}`)
    ) {
      setUrl('');
      setUser('');
      setSecret('');
      setAuth('none');
    }
  }

  return (
    <>
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
        <ReceiverAuthFields
          auth={auth}
          user={user}
          secret={secret}
          setAuth={setAuth}
          setUser={setUser}
          setSecret={setSecret}
        />
      </div>
      <AddFormError
        message={urlError ?? (typed !== '' ? missing : null)}
        testId="settings-receiver-error"
      />
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
    </>
  );
}

interface AuthFieldsProps {
  auth: SourceAuthKind;
  user: string;
  secret: string;
  setAuth: (auth: SourceAuthKind) => void;
  setUser: (user: string) => void;
  setSecret: (secret: string) => void;
}

function ReceiverAuthFields({ auth, user, secret, setAuth, setUser, setSecret }: AuthFieldsProps) {
  return (
    <>
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
    </>
  );
}
