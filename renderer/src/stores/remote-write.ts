// The managed Prometheus's remote-write receivers and their health, refreshed with the Overview.
import { create } from 'zustand';
import { toErrorInfo, type ConsoleErrorInfo, type RemoteWriteStatus } from '../../../shared/api';
import { getApi } from '../api/console-api';

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
  async refresh() {
    if (get().loading) return;
    set({ loading: true });
    try {
      set({ receivers: await getApi().getRemoteWriteStatus(), error: null, loading: false });
    } catch (err) {
      set({ error: toErrorInfo(err), loading: false });
    }
  },
}));
