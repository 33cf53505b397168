// Settings → Source (docs/SOURCES.md): the managed stack or an existing Prometheus-compatible API
// with its auth and TLS. Like Grafana's data source page: "Test" checks without switching,
// "Save" switches. The password/token field is write-only: the page never receives a stored
// secret, it only says one is kept. The job is the one source field a plain settings patch
// changes, so it saves through updateSettings.
import { useId, useState } from 'react';
import type {
  ConsoleErrorInfo,
  SourceAuthKind,
  SourceStatus,
  SourceUseRequest,
} from '../../../../shared/api';
import { isAbsolutePath, isSourceUrl, type Settings } from '../../../../shared/settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SkipTlsWarning, SourceSummary } from '../../components/SourceSummary';
import { jobOffer } from '../../lib/source-job';
import { useSettingsStore } from '../../stores/settings';
import { useSourceStore, useSourceStatus } from '../../stores/source';
import { toast } from '../../stores/toasts';
import { Field } from './Field';

interface Draft {
  kind: 'managed' | 'existing';
  url: string;
  auth: SourceAuthKind;
  user: string;
  secret: string;
  caFile: string;
  skipTlsVerify: boolean;
  job: string;
}

function draftOf(s: Settings['source']): Draft {
  return {
    kind: s.kind,
    url: s.url,
    auth: s.auth,
    user: s.user,
    secret: '',
    caFile: s.caFile,
    skipTlsVerify: s.skipTlsVerify,
    job: s.job,
  };
}

/** The same rules as the host's schema, shown under the field before a request is sent. */
function checkDraft(d: Draft): Partial<Record<'url' | 'user' | 'caFile', string>> {
  const errors: Partial<Record<'url' | 'user' | 'caFile', string>> = {};
  if (d.kind !== 'existing') return errors;
  if (!d.url.trim()) errors.url = 'An existing source needs its URL, e.g. http://127.0.0.1:9090.';
  else if (!isSourceUrl(d.url.trim()))
    errors.url =
      'An http:// or https:// URL without user, password, query or #fragment (auth goes below).';
  if (d.auth === 'basic' && !d.user.trim()) errors.user = 'Basic auth needs a user name.';
  if (d.caFile.trim() && !isAbsolutePath(d.caFile.trim()))
    errors.caFile = 'An absolute path to a PEM file, or empty for the system’s CAs.';
  return errors;
}

function requestOf(d: Draft): SourceUseRequest {
  if (d.kind === 'managed') return { kind: 'managed' };
  return {
    kind: 'existing',
    url: d.url.trim(),
    auth: d.auth,
    ...(d.auth === 'basic' ? { user: d.user.trim() } : {}),
    ...(d.auth !== 'none' && d.secret ? { secret: d.secret } : {}),
    caFile: d.caFile.trim(),
    skipTlsVerify: d.skipTlsVerify,
  };
}

type Outcome =
  | { what: 'test' | 'save'; status: SourceStatus }
  | { what: 'test' | 'save'; error: ConsoleErrorInfo };

export function SourceCard({ settings }: { settings: Settings }) {
  const saved = settings.source;
  const status = useSourceStatus();
  const pending = useSourceStore((s) => s.pending);
  const { test, use: switchTo } = useSourceStore.getState();
  const updateSettings = useSettingsStore((s) => s.update);
  const [edit, setEdit] = useState<Partial<Draft>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const ids = { kind: useId(), tls: useId(), jobs: useId() };

  const draft: Draft = { ...draftOf(saved), ...edit };
  const errors = checkDraft(draft);
  const invalid = Object.keys(errors).length > 0;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => {
    setEdit((e) => ({ ...e, [key]: value }));
    setOutcome(null);
  };
  // The host keeps a credential only for the same origin and user; say "stored" only then.
  const sameOrigin = (() => {
    try {
      return new URL(draft.url.trim()).origin === new URL(saved.url).origin;
    } catch {
      return false;
    }
  })();
  const secretStored =
    saved.kind === 'existing' &&
    saved.auth !== 'none' &&
    draft.auth === saved.auth &&
    sameOrigin &&
    (draft.auth !== 'basic' || draft.user.trim() === saved.user);
  const sourceChanged =
    JSON.stringify(requestOf(draft)) !== JSON.stringify(requestOf(draftOf(saved)));
  const jobChanged = draft.job.trim() !== saved.job;

  async function runTest(): Promise<void> {
    if (invalid) return;
    const r = await test(requestOf(draft));
    setOutcome(r.ok ? { what: 'test', status: r.status } : { what: 'test', error: r.error });
  }

  async function save(): Promise<void> {
    if (invalid) return;
    let status: SourceStatus | null = null;
    if (sourceChanged || draft.secret) {
      const r = await switchTo(requestOf(draft));
      if (!r.ok) {
        setOutcome({ what: 'save', error: r.error });
        return;
      }
      status = r.status;
    }
    if (jobChanged) {
      const r = await updateSettings({ source: { job: draft.job.trim() } });
      if (!r.ok) {
        setOutcome({ what: 'save', error: r.error });
        return;
      }
    }
    setEdit({});
    if (status) setOutcome({ what: 'save', status });
    toast(
      'ok',
      'Source saved',
      status ? `${status.url || 'managed'}: ${status.health}` : undefined,
    );
  }

  const detected = status?.job.detected ?? [];
  const existing = draft.kind === 'existing';
  const offer = jobChanged ? null : jobOffer(saved, status);

  async function saveJob(job: string): Promise<void> {
    const r = await updateSettings({ source: { job } });
    if (!r.ok) {
      setOutcome({ what: 'save', error: r.error });
      return;
    }
    toast('ok', 'App job saved', `${job}: the Grafana dashboard and alert rules follow`);
  }

  return (
    <section className="card" data-testid="source-card" aria-labelledby={`${ids.kind}-title`}>
      <header className="card-header">
        <h2 className="card-title" id={`${ids.kind}-title`}>
          Source
        </h2>
        <span className="muted small">Where every number on every page comes from.</span>
      </header>
      <div className="card-body source-form">
        <fieldset className="source-kind" data-testid="source-kind">
          <legend className="field-label">Kind of source</legend>
          <label>
            <input
              type="radio"
              name={ids.kind}
              value="managed"
              checked={draft.kind === 'managed'}
              onChange={() => set('kind', 'managed')}
              data-testid="source-kind-managed"
            />{' '}
            Managed (Peak Watch starts Prometheus)
          </label>
          <label>
            <input
              type="radio"
              name={ids.kind}
              value="existing"
              checked={existing}
              onChange={() => set('kind', 'existing')}
              data-testid="source-kind-existing"
            />{' '}
            Use an existing Prometheus
          </label>
        </fieldset>

        {existing && (
          <div className="field-grid">
            <Field
              label="URL"
              hint="Prometheus, VictoriaMetrics, Thanos Query, or Mimir with its path prefix (…/prometheus)."
              error={errors.url}
              testId="source-url"
            >
              {(p) => (
                <input
                  {...p}
                  className="input mono"
                  value={draft.url}
                  placeholder="http://127.0.0.1:9090"
                  onChange={(e) => set('url', e.target.value)}
                  spellCheck={false}
                />
              )}
            </Field>
            <Field label="Authentication" testId="source-auth">
              {(p) => (
                <select
                  {...p}
                  className="select"
                  value={draft.auth}
                  onChange={(e) => set('auth', e.target.value as SourceAuthKind)}
                >
                  <option value="none">None</option>
                  <option value="basic">Basic auth (user + password)</option>
                  <option value="bearer">Bearer token</option>
                </select>
              )}
            </Field>
            {draft.auth === 'basic' && (
              <Field label="User" error={errors.user} testId="source-user">
                {(p) => (
                  <input
                    {...p}
                    className="input mono"
                    value={draft.user}
                    autoComplete="off"
                    onChange={(e) => set('user', e.target.value)}
                    spellCheck={false}
                  />
                )}
              </Field>
            )}
            {draft.auth !== 'none' && (
              <Field
                label={draft.auth === 'basic' ? 'Password' : 'Token'}
                hint={
                  <span data-testid="source-secret-state">
                    {secretStored
                      ? 'stored — leave empty to keep it, type to replace it.'
                      : 'Kept in the data folder’s secrets (0600), never shown again.'}
                  </span>
                }
                testId="source-secret"
              >
                {(p) => (
                  <input
                    {...p}
                    className="input mono"
                    type="password"
                    autoComplete="new-password"
                    value={draft.secret}
                    placeholder={secretStored ? 'stored' : ''}
                    onChange={(e) => set('secret', e.target.value)}
                  />
                )}
              </Field>
            )}
            <Field
              label="CA file"
              hint="A PEM file for a private CA (https only); empty: the system’s CAs."
              error={errors.caFile}
              testId="source-ca-file"
            >
              {(p) => (
                <input
                  {...p}
                  className="input mono"
                  value={draft.caFile}
                  placeholder="/etc/ssl/team-ca.pem"
                  onChange={(e) => set('caFile', e.target.value)}
                  spellCheck={false}
                />
              )}
            </Field>
            <div className="field">
              <label className="field-label" htmlFor={ids.tls}>
                <input
                  id={ids.tls}
                  type="checkbox"
                  checked={draft.skipTlsVerify}
                  onChange={(e) => set('skipTlsVerify', e.target.checked)}
                  data-testid="source-skip-tls"
                />{' '}
                Skip TLS verification
              </label>
              {draft.skipTlsVerify && <SkipTlsWarning testId="source-skip-tls-warning" />}
            </div>
          </div>
        )}

        <div className="field-grid">
          <Field
            label="App job"
            hint={
              <span data-testid="source-job-hint">
                {detected.length
                  ? `Detected: ${detected.join(', ')}. Empty: use what is detected.`
                  : 'Empty: detected from the source (the job carrying peak_trade_* metrics).'}
              </span>
            }
            testId="source-job"
          >
            {(p) => (
              <>
                <input
                  {...p}
                  className="input mono"
                  value={draft.job}
                  list={ids.jobs}
                  placeholder={status?.job.effective || 'detected'}
                  onChange={(e) => set('job', e.target.value)}
                  spellCheck={false}
                />
                <datalist id={ids.jobs}>
                  {detected.map((j) => (
                    <option key={j} value={j} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
        {offer && (
          <div className="notice notice-warn row" data-testid="source-job-offer">
            <span>{offer.text}</span>
            <button
              type="button"
              className="btn btn-small"
              disabled={pending !== null}
              onClick={() => void saveJob(offer.job)}
              data-testid="source-job-use"
            >
              Use job {offer.job}
            </button>
          </div>
        )}

        <div className="form-actions">
          <span className="muted small">
            {invalid
              ? 'Fix the marked fields.'
              : sourceChanged || jobChanged || draft.secret
                ? 'Unsaved changes.'
                : 'No changes.'}
          </span>
          <button
            type="button"
            className="btn"
            onClick={() => void runTest()}
            disabled={invalid || pending !== null}
            data-testid="source-test"
          >
            {pending === 'testing' && <span className="spinner" aria-hidden="true" />}
            Test
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void save()}
            disabled={invalid || pending !== null || !(sourceChanged || jobChanged || draft.secret)}
            data-testid="source-save"
          >
            {pending === 'saving' && <span className="spinner" aria-hidden="true" />}
            Save
          </button>
        </div>

        <div aria-live="polite" data-testid="source-outcome">
          {outcome && 'error' in outcome && (
            <ErrorNotice
              error={outcome.error}
              title={outcome.what === 'test' ? 'The test did not run' : 'The source was not saved'}
              testId="source-outcome-error"
            />
          )}
          {outcome && 'status' in outcome && (
            <>
              <div className="small strong" data-testid="source-outcome-title">
                {outcome.what === 'test'
                  ? `Test: the source is ${outcome.status.health === 'up' ? 'up' : 'not usable'}`
                  : 'Saved: every page now reads this source'}
              </div>
              <SourceSummary status={outcome.status} testId="source-result" />
            </>
          )}
          {!outcome && status && (
            <>
              <div className="small strong">In use now</div>
              <SourceSummary status={status} testId="source-current" />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
