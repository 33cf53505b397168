// Settings → Extra scrape targets: a list of host:port the managed Prometheus scrapes beside the
// app, each checked by the shared schema as it is typed.
import type { Settings } from '../../../../shared/settings';
import { Icon } from '../../components/Icon';
import { extraTargetsHint } from '../../lib/settings-form';
import { useDraftForm } from './settings-draft';

export function ExtraTargetsCard({ settings }: { settings: Settings }) {
  const { draft, check, setExtraTargets } = useDraftForm();

  function setTarget(i: number, value: string | null): void {
    const next = [...draft.extraTargets];
    if (value === null) next.splice(i, 1);
    else next[i] = value;
    setExtraTargets(next);
  }

  return (
    <section className="card">
      <header className="card-header">
        <h2 className="card-title">Extra scrape targets</h2>
      </header>
      <div className="card-body">
        <p className="muted small">{extraTargetsHint(settings)}</p>
        <ul className="target-list" data-testid="settings-extra-targets">
          {draft.extraTargets.map((t, i) => {
            const error = check.errors[`stack.extraTargets.${i}`];
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
          onClick={() => setExtraTargets([...draft.extraTargets, ''])}
          data-testid="settings-extra-target-add"
        >
          <Icon name="plus" /> Add target
        </button>
      </div>
    </section>
  );
}
