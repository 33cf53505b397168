// Where the numbers come from (docs/SOURCES.md): the core pushes the source's status (`source`
// events) on every change of source, health or capabilities, so pages read what a source can
// answer from here instead of calling an API it lacks on every refresh.
import { create } from 'zustand';
import {
  toErrorInfo,
  type ConsoleErrorInfo,
  type SourceStatus,
  type SourceUseRequest,
} from '../../../shared/api';
import { getApi } from '../api/console-api';
import { loader } from './load';

export type SourceOutcome =
  { ok: true; status: SourceStatus } | { ok: false; error: ConsoleErrorInfo };

interface SourceStore {
  status: SourceStatus | null;
  error: ConsoleErrorInfo | null;
  /** Which request this window has on its way (the Settings card's buttons show it). */
  pending: 'testing' | 'saving' | null;
  load: () => Promise<void>;
  setStatus: (status: SourceStatus) => void;
  test: (req: SourceUseRequest) => Promise<SourceOutcome>;
  use: (req: SourceUseRequest) => Promise<SourceOutcome>;
}

export const useSourceStore = create<SourceStore>()((set, get) => {
  async function send(kind: 'testing' | 'saving', req: SourceUseRequest): Promise<SourceOutcome> {
    set({ pending: kind });
    try {
      const api = getApi();
      const status = kind === 'testing' ? await api.testSource(req) : await api.useSource(req);
      // A test says nothing about the source in use; only a switch replaces the status.
      set(kind === 'saving' ? { status, error: null, pending: null } : { pending: null });
      return { ok: true, status };
    } catch (err) {
      set({ pending: null });
      return { ok: false, error: toErrorInfo(err) };
    }
  }
  return {
    status: null,
    error: null,
    pending: null,
    load: loader(set, get, { value: 'status', error: 'error' }, () => getApi().getSourceStatus()),
    setStatus: (status) => set({ status, error: null }),
    test: (req) => send('testing', req),
    use: (req) => (get().pending ? Promise.resolve(busy()) : send('saving', req)),
  };
});

function busy(): SourceOutcome {
  return {
    ok: false,
    error: { code: 'busy', message: 'A source request is still on its way.', fix: 'Wait for it.' },
  };
}

export const useSourceStatus = () => useSourceStore((s) => s.status);
/** True while an existing source is in use (null while the status is not known yet). */
export const useExistingSource = () =>
  useSourceStore((s) => (s.status ? s.status.kind === 'existing' : null));
