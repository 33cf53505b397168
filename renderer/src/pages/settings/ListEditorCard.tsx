// The card both Settings lists are drawn with (ReceiversCard: long-term storage receivers;
// InstancesCard: other instances of the app): a heading and a note, the list or a line saying it
// is empty, a remove button per entry, the card's own add form, and the error of the last change.
// Each change applies at once (not through the settings form's patch), so the card owns a busy
// flag and an error: useListChange.
import { useState, type ReactNode } from 'react';
import { toErrorInfo, type ConsoleErrorInfo } from '../../../../shared/api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { toast } from '../../stores/toasts';

/** A change's outcome: a toast's detail line when it applied, the error when it did not. */
export type ListChangeOutcome =
  { ok: true; detail?: string } | { ok: false; error: ConsoleErrorInfo };

export interface ListChange {
  busy: boolean;
  error: ConsoleErrorInfo | null;
  /** Runs one change; `done` is the toast when it applies. Resolves whether it applied. */
  run(change: () => Promise<ListChangeOutcome>, done: string): Promise<boolean>;
}

/** One change at a time, its error kept until the next; a thrown error counts as a failure. */
export function useListChange(): ListChange {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleErrorInfo | null>(null);
  async function run(change: () => Promise<ListChangeOutcome>, done: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    let outcome: ListChangeOutcome;
    try {
      outcome = await change();
    } catch (err) {
      outcome = { ok: false, error: toErrorInfo(err) };
    } finally {
      setBusy(false);
    }
    if (!outcome.ok) {
      setError(outcome.error);
      return false;
    }
    toast('ok', done, outcome.detail);
    return true;
  }
  return { busy, error, run };
}

export interface ListEditorCardProps<T> {
  /** `settings-receivers`: the card's test id and the prefix of its list's and error's. */
  testId: string;
  /** One entry's test id (`settings-receiver`). */
  itemTestId: string;
  title: string;
  note: ReactNode;
  empty: ReactNode;
  items: readonly T[];
  itemKey(item: T): string;
  /** The entry's text: its address and how it is reached. */
  describe(item: T): ReactNode;
  removeLabel(item: T): string;
  removeTestId(item: T): string;
  onRemove(item: T): void;
  change: ListChange;
  /** The add form, its validation message and any note under it. */
  children: ReactNode;
  errorTitle: string;
}

export function ListEditorCard<T>(p: ListEditorCardProps<T>) {
  return (
    <section className="card" data-testid={p.testId}>
      <header className="card-header">
        <h2 className="card-title">{p.title}</h2>
      </header>
      <div className="card-body">
        <p className="muted small">{p.note}</p>
        {p.items.length === 0 ? (
          <p className="muted small" data-testid={`${p.testId}-empty`}>
            {p.empty}
          </p>
        ) : (
          <ul className="target-list" data-testid={`${p.testId}-list`}>
            {p.items.map((item) => (
              <li key={p.itemKey(item)} className="row tight" data-testid={p.itemTestId}>
                {p.describe(item)}
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  disabled={p.change.busy}
                  onClick={() => p.onRemove(item)}
                  aria-label={p.removeLabel(item)}
                  data-testid={p.removeTestId(item)}
                >
                  <Icon name="close" />
                </button>
              </li>
            ))}
          </ul>
        )}
        {p.children}
        {p.change.error && (
          <ErrorNotice error={p.change.error} title={p.errorTitle} testId={`${p.testId}-error`} />
        )}
      </div>
    </section>
  );
}

/** The line under an add form naming what is wrong with it (nothing when `message` is null). */
export function AddFormError({ message, testId }: { message: string | null; testId: string }) {
  if (!message) return null;
  return (
    <div className="field-error" role="alert" data-testid={testId}>
      {message}
    </div>
  );
}
