// Other instances of the watched app (host:port, an optional bearer-token file), scraped in its
// job beside the embedded server. Each add or remove applies at once, like the flags: a token-less
// instance is a write of Prometheus's file_sd file, which it re-reads without a reload.
import { useState } from 'react';
import { configuredJob } from '../../../../shared/dashboard';
import { INSTANCE_TOKEN_FIX, type Settings } from '../../../../shared/settings';
import { runsOnWebHost } from '../../api/console-api';
import { Icon } from '../../components/Icon';
import { instanceTargetError, parseInstanceTarget, tokenFileError } from '../../lib/list-drafts';
import { useSettingsStore } from '../../stores/settings';
import { AddFormError, ListEditorCard, useListChange, type ListChange } from './ListEditorCard';

type Instances = Settings['stack']['instances'];

/** Applies `next` as the instances; a change's outcome with what it applied as the toast's detail. */
function useApplyInstances() {
  const update = useSettingsStore((s) => s.update);
  return async (next: Instances) => {
    const outcome = await update({ stack: { instances: next } });
    if (!outcome.ok) return outcome;
    return { ok: true, detail: outcome.result.applied.join(' · ') || undefined } as const;
  };
}

export function InstancesCard() {
  const settings = useSettingsStore((s) => s.view?.settings);
  const change = useListChange();
  const apply = useApplyInstances();
  if (!settings) return null;
  const instances = settings.stack.instances;
  return (
    <ListEditorCard<Instances[number]>
      testId="settings-instances"
      itemTestId="settings-instance"
      title="Instances of the app"
      note={
        <>
          Scraped in the job <span className="mono">{configuredJob(settings.source)}</span> beside
          the embedded server, as host:port (e.g. the Python app on 127.0.0.1:8000). The
          Dashboard&apos;s Instance picker lists them.
        </>
      }
      empty="Only the embedded server so far."
      items={instances}
      itemKey={(i) => i.target}
      describe={(i) => (
        <>
          <span className="mono">{i.target}</span>
          <span className="muted small">
            {i.tokenFile ? `bearer token from ${i.tokenFile}` : 'no token'}
          </span>
        </>
      )}
      removeLabel={(i) => `Remove instance ${i.target}`}
      removeTestId={(i) => `settings-instance-remove-${i.target}`}
      onRemove={(i) =>
        void change.run(
          () => apply(instances.filter((x) => x.target !== i.target)),
          `Stopped watching ${i.target}`,
        )
      }
      change={change}
      errorTitle="The instances were not changed"
    >
      <InstanceForm settings={settings} change={change} apply={apply} />
    </ListEditorCard>
  );
}

interface FormProps {
  settings: Settings;
  change: ListChange;
  apply: ReturnType<typeof useApplyInstances>;
}

function InstanceForm({ settings, change, apply }: FormProps) {
  const [target, setTarget] = useState('');
  const [tokenFile, setTokenFile] = useState('');
  // The web host refuses a token file (Prometheus would send the file to that host).
  const webHost = runsOnWebHost();
  const typed = target.trim();
  const targetError = instanceTargetError(settings, typed);
  const token = tokenFile.trim();
  const tokenError = tokenFileError(token);
  const canAdd =
    !!parseInstanceTarget(typed)?.success && !targetError && !tokenError && !change.busy;

  async function add(): Promise<void> {
    if (!canAdd) return;
    const next = [...settings.stack.instances, { target: typed, tokenFile: webHost ? '' : token }];
    if (await change.run(() => apply(next), `Watching ${typed}`)) {
      setTarget('');
      setTokenFile('');
    }
  }

  return (
    <>
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
      <AddFormError message={targetError ?? tokenError} testId="settings-instance-error" />
      {webHost && (
        <p className="muted small" data-testid="settings-instance-token-desktop-only">
          An instance with a bearer-token file cannot be added here. {INSTANCE_TOKEN_FIX}
        </p>
      )}
    </>
  );
}
