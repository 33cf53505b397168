// The load every domain store does: ask the core for one value, keep it and clear the error on an
// answer, keep the last value and set the error on a failure, so a page shows what it last knew
// beside why it could not refresh. A store names its own fields; the helper owns the sequence.
import { toErrorInfo, type ConsoleErrorInfo } from '../../../shared/api';

/** The store's fields whose type accepts `V` (so a slot can only name a field it may write). */
type FieldFor<S, V> = { [K in keyof S]-?: [V] extends [S[K]] ? K : never }[keyof S];

export interface LoadSlots<S, K extends keyof S> {
  /** Where the answer goes. */
  value: K;
  /** Where a failure goes; an answer sets it back to null. */
  error: FieldFor<S, ConsoleErrorInfo | null>;
  /** True while the request is on its way; a load asked for meanwhile does nothing. */
  busy?: FieldFor<S, boolean>;
}

export interface LoadExtras<S, T> {
  /** More fields to set with an answer (e.g. when it came). */
  onValue?: (value: T) => Partial<S>;
  /**
   * More fields to set with a failure (e.g. clearing a value that would now be a lie); a store
   * that reacts to a particular failure does so here too.
   */
  onError?: (error: ConsoleErrorInfo) => Partial<S>;
  /**
   * A load asked for while one is out runs once more when it ends (several asks, once), for a
   * request that reads state a person changes meanwhile (a filter): without it the answer to
   * the old state would stay beside the new one. Needs `busy`.
   */
  rerun?: boolean;
}

/** A store action that runs `request` into the named fields. */
export function loader<S extends object, K extends keyof S>(
  set: (partial: Partial<S>) => void,
  get: () => S,
  slots: LoadSlots<S, K>,
  request: () => Promise<S[K]>,
  extras: LoadExtras<S, S[K]> = {},
): () => Promise<void> {
  const { value: valueKey, error: errorKey, busy: busyKey } = slots;
  // Built as records: TypeScript cannot type an object literal with computed generic keys.
  const fields = (entries: [keyof S, unknown][]): Partial<S> =>
    Object.fromEntries(entries) as Partial<S>;
  const idle: [keyof S, unknown][] = busyKey === undefined ? [] : [[busyKey, false]];
  let again = false;
  const load = async (): Promise<void> => {
    if (busyKey !== undefined) {
      if (get()[busyKey]) {
        again = extras.rerun === true;
        return;
      }
      set(fields([[busyKey, true]]));
    }
    try {
      const value = await request();
      set({
        ...fields([[valueKey, value], [errorKey, null], ...idle]),
        ...extras.onValue?.(value),
      });
    } catch (err) {
      const error = toErrorInfo(err);
      set({ ...fields([[errorKey, error], ...idle]), ...extras.onError?.(error) });
    }
    if (again) {
      again = false;
      await load();
    }
  };
  return load;
}
