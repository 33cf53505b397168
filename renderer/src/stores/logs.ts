// The Logs page: its filters, the matching records (oldest first, as a log reads), and the live
// tail. The tail follows the core's `telemetry` event: when the kept-record count moves, it asks
// for the records after the last seq it has (searchLogs afterSeq), so a burst costs one request.
import { create } from 'zustand';
import type { ConsoleErrorInfo } from '../../../shared/api';
import { toErrorInfo } from '../../../shared/api';
import type { LogRecordView } from '../../../shared/contract/telemetry';
import { getApi } from '../api/console-api';
import {
  appendTail,
  EMPTY_LOG_FILTERS,
  logRequest,
  traceIdIssue,
  type LogFilters,
} from '../lib/telemetry-view';
import { useTelemetryStore } from './telemetry';

interface LogsStore {
  filters: LogFilters;
  records: LogRecordView[] | null;
  error: ConsoleErrorInfo | null;
  loading: boolean;
  paused: boolean;
  /** Searches answered so far (bench:ui's telemetry case waits for the next). */
  answers: number;
  /** Records that arrived while paused (not fetched until resumed). */
  missed: boolean;
  setFilters: (patch: Partial<LogFilters>) => void;
  search: () => Promise<void>;
  tail: () => Promise<void>;
  setPaused: (paused: boolean) => void;
}

export const useLogsStore = create<LogsStore>()((set, get) => {
  // Each search gets a number; an answer for an older one (filters changed meanwhile) is dropped.
  let generation = 0;
  let tailing = false;
  return {
    filters: EMPTY_LOG_FILTERS,
    records: null,
    error: null,
    loading: false,
    paused: false,
    answers: 0,
    missed: false,
    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      void get().search();
    },
    async search() {
      const { filters } = get();
      if (traceIdIssue(filters.traceId)) return; // the field shows why; nothing to ask
      const mine = ++generation;
      set({ loading: true });
      try {
        const records = await getApi().searchLogs(logRequest(filters));
        if (mine === generation)
          set({
            records,
            error: null,
            loading: false,
            missed: false,
            answers: get().answers + 1,
          });
      } catch (err) {
        if (mine === generation) set({ error: toErrorInfo(err), loading: false });
      }
    },
    async tail() {
      const { records, paused, filters } = get();
      if (paused) return set({ missed: true });
      if (records === null) return get().search();
      if (tailing || traceIdIssue(filters.traceId)) return;
      tailing = true;
      const mine = generation;
      const last = records.length ? records[records.length - 1]!.seq : -1;
      try {
        const fresh = await getApi().searchLogs(logRequest(filters, last));
        const now = get().records;
        if (mine === generation && now) set({ records: appendTail(now, fresh), error: null });
      } catch (err) {
        if (mine === generation) set({ error: toErrorInfo(err) });
      } finally {
        tailing = false;
      }
    },
    setPaused(paused) {
      const { missed } = get();
      set({ paused, missed: paused ? missed : false });
      if (!paused && missed) void get().tail();
    },
  };
});

/** Follows the receiver's status: a changed count of kept records means new ones to tail. */
export function followLogs(): () => void {
  let lastCount = useTelemetryStore.getState().status?.logs.count ?? -1;
  let lastDropped = useTelemetryStore.getState().status?.logs.dropped ?? -1;
  return useTelemetryStore.subscribe(({ status }) => {
    if (!status) return;
    // A full ring keeps its count while records arrive; dropped moves then.
    if (status.logs.count === lastCount && status.logs.dropped === lastDropped) return;
    lastCount = status.logs.count;
    lastDropped = status.logs.dropped;
    void useLogsStore.getState().tail();
  });
}
