// Whether the live event stream to the host is up (browser only; Electron's IPC cannot drop).
import { create } from 'zustand';
import type { ConnectionState } from '../api/http-client';

interface ConnectionStore {
  state: ConnectionState | null;
  set: (state: ConnectionState) => void;
}

export const useConnectionStore = create<ConnectionStore>()((set) => ({
  state: null,
  set: (state) => set({ state }),
}));
