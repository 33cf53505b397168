// Ports, images, runtime, extra targets, quit behaviour, dashboard defaults and alerts. The form keeps
// only the user's edits on top of the current settings, so a change made elsewhere (the CLI,
// another window) shows up in every field not being edited. Checked with the shared schema.
import { useState } from 'react';
import type { ConsoleErrorInfo } from '../../../../shared/api';
import {
  DESKTOP_ONLY_SETTINGS,
  desktopOnlyFix,
  isLoopbackHost,
  type DesktopOnlySetting,
  type Settings,
} from '../../../../shared/settings';
import { runsOnWebHost } from '../../api/console-api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import {
  checkDraft,
  draftFromSettings,
  extraTargetsHint,
  type ScalarField,
  type SettingsDraft,
} from '../../lib/settings-form';
import { useSettingsStore } from '../../stores/settings';
import { toast } from '../../stores/toasts';
import { AlertsSettingsCard } from './AlertsSettingsCard';
import { Field } from './Field';
import { InstancesCard } from './InstancesCard';
import { ReceiversCard } from './ReceiversCard';
import { SourceCard } from './SourceCard';

const testIdOf = (field: ScalarField) => `settings-${field.replace('.', '-')}`;

export function SettingsForm({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const saving = useSettingsStore((s) => s.saving);
  const [edits, setEdits] = useState<Partial<Record<ScalarField, string>>>({});
  const [targetsEdit, setTargetsEdit] = useState<string[] | null>(null);
  const [mutedEdit, setMutedEdit] = useState<string[] | null>(null);
  const [saveError, setSaveError] = useState<ConsoleErrorInfo | null>(null);

  const base = draftFromSettings(settings);
  const draft: SettingsDraft = {
    fields: { ...base.fields, ...edits },
    extraTargets: targetsEdit ?? base.extraTargets,
    muted: mutedEdit ?? base.muted,
  };
  const check = checkDraft(draft, settings);
  const { patch, errors } = check;
  const hasErrors = Object.keys(errors).length > 0;

  const set = (field: ScalarField) => (value: string) =>
    setEdits((e) => ({ ...e, [field]: value }));
  // Fields that choose a program to run are read-only in a browser: the web host refuses them.
  const webHost = runsOnWebHost();
  const desktopOnly = (field: ScalarField): field is DesktopOnlySetting =>
    webHost && (DESKTOP_ONLY_SETTINGS as readonly string[]).includes(field);
  const text = (field: ScalarField, label: string, hint?: React.ReactNode, mono = false) => {
    const locked = desktopOnly(field);
    return (
      <Field
        label={label}
        hint={
          locked ? (
            <span data-testid={`${testIdOf(field)}-desktop-only`}>
              Read-only here: it chooses a program to run. {desktopOnlyFix(field)}
            </span>
          ) : (
            hint
          )
        }
        error={errors[field]}
        testId={testIdOf(field)}
      >
        {(p) => (
          <input
            {...p}
            className={`input${mono ? ' mono' : ''}`}
            value={draft.fields[field]}
            onChange={(e) => set(field)(e.target.value)}
            readOnly={locked}
            spellCheck={false}
          />
        )}
      </Field>
    );
  };
  const number = (field: ScalarField, label: string, hint?: React.ReactNode) => (
    <Field label={label} hint={hint} error={errors[field]} testId={testIdOf(field)}>
      {(p) => (
        <input
          {...p}
          className="input input-number"
          inputMode="numeric"
          value={draft.fields[field]}
          onChange={(e) => set(field)(e.target.value)}
        />
      )}
    </Field>
  );
  const select = (
    field: ScalarField,
    label: string,
    options: readonly [string, string][],
    hint?: string,
  ) => (
    <Field label={label} hint={hint} error={errors[field]} testId={testIdOf(field)}>
      {(p) => (
        <select
          {...p}
          className="select"
          value={draft.fields[field]}
          onChange={(e) => set(field)(e.target.value)}
        >
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  function setTarget(i: number, value: string | null): void {
    const next = [...draft.extraTargets];
    if (value === null) next.splice(i, 1);
    else next[i] = value;
    setTargetsEdit(next);
  }

  function reset(): void {
    setEdits({});
    setTargetsEdit(null);
    setMutedEdit(null);
    setSaveError(null);
  }

  async function save(): Promise<void> {
    if (!patch || hasErrors) return;
    setSaveError(null);
    const outcome = await update(patch);
    if (outcome.ok) {
      reset();
      toast('ok', 'Settings saved', outcome.result.applied.join(' · ') || undefined);
    } else {
      setSaveError(outcome.error);
    }
  }

  const host = draft.fields['server.host'].trim();
  const native = draft.fields['stack.runtime'] === 'native';

  return (
    <>
      {/* Its own Test/Save, outside the form: a source switches with its credential, not in
          the settings patch below. */}
      <SourceCard settings={settings} />
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        data-testid="settings-form"
      >
        <section className="card">
          <header className="card-header">
            <h2 className="card-title">Watch-only server</h2>
          </header>
          <div className="card-body field-grid">
            {text(
              'server.host',
              'Bind address',
              host && !isLoopbackHost(host) ? (
                <span className="text-warn">
                  Off loopback: /metrics and /api/ require a bearer token.
                </span>
              ) : (
                'Loopback keeps the server private to this machine.'
              ),
              true,
            )}
            {number('server.port', 'Port', 'The web app port Prometheus scrapes (seed: 8000).')}
          </div>
        </section>

        <section className="card">
          <header className="card-header">
            <h2 className="card-title">Stack</h2>
          </header>
          <div className="card-body field-grid">
            {select('stack.runtime', 'Runtime', [
              ['docker', 'Docker (Prometheus + Grafana)'],
              ['native', 'Native Prometheus binary'],
            ])}
            {select('stack.onQuit', 'When the app quits', [
              ['stop', 'Stop the stack it started'],
              ['leave', 'Leave it running'],
              ['ask', 'Ask'],
            ])}
            {number('stack.prometheusPort', 'Prometheus port', 'Host port (seed: 9091, not 9090).')}
            {number('stack.grafanaPort', 'Grafana port')}
            {number(
              'stack.scrapeIntervalSeconds',
              'Scrape interval (s)',
              'Also the fastest dashboard refresh.',
            )}
            <div />
            {text(
              'stack.retentionTime',
              'Keep data for',
              'A Prometheus duration: 15d, 12w, 1y. A change restarts Prometheus.',
              true,
            )}
            {text(
              'stack.retentionSize',
              'Keep at most',
              'A size such as 10GB; empty for no limit. A change restarts Prometheus.',
              true,
            )}
            {text(
              'stack.prometheusImage',
              'Prometheus image',
              'A pinned tag, never :latest.',
              true,
            )}
            {text('stack.grafanaImage', 'Grafana image', undefined, true)}
            {native &&
              text('stack.prometheusBinary', 'Prometheus binary', 'Empty: find it on PATH.', true)}
            {native &&
              text('stack.grafanaBinary', 'Grafana binary', 'Empty: find it on PATH.', true)}
          </div>
        </section>

        <section className="card">
          <header className="card-header">
            <h2 className="card-title">Extra scrape targets</h2>
          </header>
          <div className="card-body">
            <p className="muted small">{extraTargetsHint(settings)}</p>
            <ul className="target-list" data-testid="settings-extra-targets">
              {draft.extraTargets.map((t, i) => {
                const error = errors[`stack.extraTargets.${i}`];
                return (
                  <li key={i}>
                    <div className="row tight">
                      <input
                        className={`input mono${error ? ' input-invalid' : ''}`}
                        value={t}
                        placeholder="127.0.0.1:9100"
                        onChange={(e) => setTarget(i, e.target.value)}
                        aria-label={`Extra target ${i + 1}`}
                        aria-invalid={!!error}
                        data-testid={`settings-extra-target-${i}`}
                      />
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        onClick={() => setTarget(i, null)}
                        aria-label={`Remove target ${t || i + 1}`}
                        data-testid={`settings-extra-target-remove-${i}`}
                      >
                        <Icon name="close" />
                      </button>
                    </div>
                    {error && (
                      <div
                        className="field-error"
                        role="alert"
                        data-testid={`settings-extra-target-${i}-error`}
                      >
                        {error}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setTargetsEdit([...draft.extraTargets, ''])}
              data-testid="settings-extra-target-add"
            >
              <Icon name="plus" /> Add target
            </button>
          </div>
        </section>

        <InstancesCard />

        <ReceiversCard />

        <section className="card">
          <header className="card-header">
            <h2 className="card-title">Dashboard defaults</h2>
          </header>
          <div className="card-body field-grid">
            {number(
              'ui.refreshSeconds',
              'Refresh every (s)',
              'Raised to the scrape interval when faster.',
            )}
            {number('ui.rangeMinutes', 'Default range (min)')}
          </div>
        </section>

        <AlertsSettingsCard
          settings={settings}
          draft={draft}
          check={check}
          number={number}
          setMuted={setMutedEdit}
        />

        {saveError && (
          <ErrorNotice
            error={saveError}
            title="The settings were not saved"
            testId="settings-save-error"
          />
        )}
        <div className="form-actions">
          <span className="muted small">
            {hasErrors
              ? 'Fix the marked fields to save.'
              : patch
                ? 'Unsaved changes.'
                : 'No changes.'}
          </span>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={reset}
            disabled={!patch && !saveError}
            data-testid="settings-reset"
          >
            Reset
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!patch || hasErrors || saving}
            data-testid="settings-save"
          >
            {saving && <span className="spinner" aria-hidden="true" />}
            Save changes
          </button>
        </div>
      </form>
    </>
  );
}
