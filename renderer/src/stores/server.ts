// The embedded watch-only server: its status (pushed by `serverStatus` events) and test traffic.
import { create } from 'zustand';
import {
  toErrorInfo,
  type ConsoleErrorInfo,
  type ServerStatus,
  type TrafficResult,
} from '../../../shared/api';
import { getApi } from '../api/console-api';
import { loader } from './load';

interface ServerStore {
  status: ServerStatus | null;
  error: ConsoleErrorInfo | null;
  traffic: TrafficResult | null;
  trafficError: ConsoleErrorInfo | null;
  sendingTraffic: boolean;
  load: () => Promise<void>;
  setStatus: (status: ServerStatus) => void;
  sendTraffic: (requests?: number) => Promise<void>;
}

export const useServerStore = create<ServerStore>()((set, get) => ({
  status: null,
  error: null,
  traffic: null,
  trafficError: null,
  sendingTraffic: false,
  load: loader(set, get, { value: 'status', error: 'error' }, () => getApi().getServerStatus()),
  setStatus(status) {
    set({ status, error: null });
  },
  async sendTraffic(requests) {
    if (get().sendingTraffic) return;
    set({ sendingTraffic: true, trafficError: null });
    try {
      const traffic = await getApi().sendTraffic(requests ? { requests } : undefined);
      set({ traffic, sendingTraffic: false });
      void get().load(); // "requests served" moved
    } catch (err) {
      set({ trafficError: toErrorInfo(err), sendingTraffic: false });
    }
  },
}));

export const useServerStatus = () => useServerStore((s) => s.status);
export const useInstrumentationEnabled = () => useServerStore((s) => s.status?.enabled ?? null);
