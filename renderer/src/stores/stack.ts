// Prometheus + Grafana: status (pushed by `stackStatus` on every change the core sees, Start's
// gate included), start/stop with per-service progress
// (`stackProgress`), Grafana's info and the recent log lines of a service.
import { create } from 'zustand';
import {
  toErrorInfo,
  type ConsoleErrorInfo,
  type GrafanaInfo,
  type ServiceName,
  type StackProgress,
  type StackStatus,
} from '../../../shared/api';
import { getApi } from '../api/console-api';
import { loader } from './load';

export interface ServiceLogs {
  lines: string[];
  error: ConsoleErrorInfo | null;
  loading: boolean;
}

interface StackStore {
  status: StackStatus | null;
  error: ConsoleErrorInfo | null;
  /** The failure of the last Start/Stop, shown until the next one. */
  actionError: ConsoleErrorInfo | null;
  /** What this window asked for; the status's own `busy` says what the host is doing. */
  pending: 'starting' | 'stopping' | null;
  progress: Partial<Record<ServiceName, StackProgress>>;
  grafana: GrafanaInfo | null;
  grafanaError: ConsoleErrorInfo | null;
  logs: Partial<Record<ServiceName, ServiceLogs>>;
  load: () => Promise<void>;
  setStatus: (status: StackStatus) => void;
  addProgress: (progress: StackProgress) => void;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  loadGrafana: () => Promise<void>;
  loadLogs: (service: ServiceName) => Promise<void>;
}

export const useStackStore = create<StackStore>()((set, get) => {
  async function run(kind: 'starting' | 'stopping'): Promise<void> {
    if (get().pending || get().status?.busy) return;
    set({ pending: kind, actionError: null, progress: {} });
    try {
      const api = getApi();
      const status = kind === 'starting' ? await api.startStack() : await api.stopStack();
      set({ status, pending: null });
      void get().loadGrafana();
    } catch (err) {
      set({ actionError: toErrorInfo(err), pending: null });
      void get().load();
    }
    // The checks that judge the stack (ports, readiness, target) come re-run from the core.
  }

  return {
    status: null,
    error: null,
    actionError: null,
    pending: null,
    progress: {},
    grafana: null,
    grafanaError: null,
    logs: {},
    load: loader(set, get, { value: 'status', error: 'error' }, () => getApi().getStackStatus()),
    setStatus(status) {
      const wasGrafana = get().status?.services.find((s) => s.name === 'grafana')?.state;
      set({ status, error: null });
      const isGrafana = status.services.find((s) => s.name === 'grafana')?.state;
      if (wasGrafana !== isGrafana) void get().loadGrafana();
    },
    addProgress(progress) {
      set({ progress: { ...get().progress, [progress.service]: progress } });
    },
    start: () => run('starting'),
    stop: () => run('stopping'),
    loadGrafana: loader(set, get, { value: 'grafana', error: 'grafanaError' }, () =>
      getApi().getGrafanaInfo(),
    ),
    async loadLogs(service) {
      const previous = get().logs[service];
      set({
        logs: {
          ...get().logs,
          [service]: { lines: previous?.lines ?? [], error: null, loading: true },
        },
      });
      try {
        const { lines } = await getApi().getStackLogs({ service, lines: 200 });
        set({ logs: { ...get().logs, [service]: { lines, error: null, loading: false } } });
      } catch (err) {
        set({
          logs: {
            ...get().logs,
            [service]: { lines: [], error: toErrorInfo(err), loading: false },
          },
        });
      }
    },
  };
});

export const useStackStatus = () => useStackStore((s) => s.status);
export const useStackBusy = () => useStackStore((s) => s.pending ?? s.status?.busy ?? null);
