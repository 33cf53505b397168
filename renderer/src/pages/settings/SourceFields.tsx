// Settings → Source's fields: the kind of source, an existing source's URL, auth and TLS, and the
// app job with the offer to save the job the source carries the app under. Each edits the card's
// draft (source-draft.ts). An existing source's secret and TLS fields are parts of their own.
import { useId } from 'react';
import type { SourceAuthKind, SourceStatus } from '../../../../shared/api';
import type { Settings } from '../../../../shared/settings';
import { SkipTlsWarning } from '../../components/SourceSummary';
import { jobOffer } from '../../lib/source-job';
import { useSourceStore } from '../../stores/source';
import { Field } from './Field';
import type { SourceDraftForm } from './source-draft';

export function SourceKindChoice({ form, name }: { form: SourceDraftForm; name: string }) {
  const { draft, set } = form;
  return (
    <fieldset className="source-kind" data-testid="source-kind">
      <legend className="field-label">Kind of source</legend>
      <label>
        <input
          type="radio"
          name={name}
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
          name={name}
          value="existing"
          checked={draft.kind === 'existing'}
          onChange={() => set('kind', 'existing')}
          data-testid="source-kind-existing"
        />{' '}
        Use an existing Prometheus
      </label>
    </fieldset>
  );
}

export function ExistingSourceFields({ form }: { form: SourceDraftForm }) {
  const { draft, errors, set } = form;
  return (
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
      {draft.auth !== 'none' && <SecretField form={form} />}
      <TlsFields form={form} />
    </div>
  );
}

/** How the source's certificate is checked: a private CA file, or no check at all (with its warning). */
function TlsFields({ form }: { form: SourceDraftForm }) {
  const { draft, errors, set } = form;
  const tlsId = useId();
  return (
    <>
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
        <label className="field-label" htmlFor={tlsId}>
          <input
            id={tlsId}
            type="checkbox"
            checked={draft.skipTlsVerify}
            onChange={(e) => set('skipTlsVerify', e.target.checked)}
            data-testid="source-skip-tls"
          />{' '}
          Skip TLS verification
        </label>
        {draft.skipTlsVerify && <SkipTlsWarning testId="source-skip-tls-warning" />}
      </div>
    </>
  );
}

/** Write-only: the page never receives a stored secret, it only says one is kept. */
function SecretField({ form }: { form: SourceDraftForm }) {
  const { draft, secretStored, set } = form;
  return (
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
  );
}

interface AppJobProps {
  form: SourceDraftForm;
  saved: Settings['source'];
  status: SourceStatus | null;
}

export function AppJobField({ form, saved, status }: AppJobProps) {
  const { draft, jobChanged, set, saveJob } = form;
  const pending = useSourceStore((s) => s.pending);
  const jobsId = useId();
  const detected = status?.job.detected ?? [];
  const offer = jobChanged ? null : jobOffer(saved, status);
  return (
    <>
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
                list={jobsId}
                placeholder={status?.job.effective || 'detected'}
                onChange={(e) => set('job', e.target.value)}
                spellCheck={false}
              />
              <datalist id={jobsId}>
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
    </>
  );
}
