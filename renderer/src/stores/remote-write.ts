// The managed Prometheus's remote-write receivers and their health, refreshed with the Overview.
import { create } from 'zustand';
import type { ConsoleErrorInfo, RemoteWriteStatus } from '../../../shared/api';
import { getApi } from '../api/console-api';
import { loader } from './load';

interface RemoteWriteStore {
  /** null until the first answer. */
  receivers: RemoteWriteStatus[] | null;
  error: ConsoleErrorInfo | null;
  loading: boolean;
  refresh: () => Promise<void>;
}

export const useRemoteWriteStore = create<RemoteWriteStore>()((set, get) => ({
  receivers: null,
  error: null,
  loading: false,
  // After an add or remove the card asks again: a poll already out must not swallow that ask.
  refresh: loader(
    set,
    get,
    { value: 'receivers', error: 'error', busy: 'loading' },
    () => getApi().getRemoteWriteStatus(),
    { rerun: true },
  ),
}));
