// The Traces page: its filters, the matching traces (newest first), the routes seen so far for the
// route picker, and the one trace open in the waterfall.
import { create } from 'zustand';
import { toErrorInfo, type ConsoleErrorInfo } from '../../../shared/api';
import type { TraceSummary, TraceView } from '../../../shared/contract/telemetry';
import { getApi } from '../api/console-api';
import {
  EMPTY_TRACE_FILTERS,
  mergeRoutes,
  traceRequest,
  type TraceFilters,
} from '../lib/telemetry-view';
import { loader } from './load';
import { useTelemetryStore } from './telemetry';

interface TracesStore {
  filters: TraceFilters;
  traces: TraceSummary[] | null;
  error: ConsoleErrorInfo | null;
  loading: boolean;
  /** When the shown answer came (the list's "updated" line). */
  fetchedAt: number | null;
  /** Searches answered so far (bench:ui's telemetry case waits for the next). */
  answers: number;
  routes: string[];
  trace: TraceView | null;
  traceError: ConsoleErrorInfo | null;
  traceLoading: boolean;
  setFilters: (patch: Partial<TraceFilters>) => void;
  search: () => Promise<void>;
  open: (traceId: string) => Promise<void>;
}

export const useTracesStore = create<TracesStore>()((set, get) => {
  const search = loader(
    set,
    get,
    { value: 'traces', error: 'error', busy: 'loading' },
    () => getApi().searchTraces(traceRequest(get().filters, Date.now())),
    {
      onValue: (traces) => ({
        fetchedAt: Date.now(),
        answers: get().answers + 1,
        routes: mergeRoutes(get().routes, traces ?? []),
      }),
      // A filter changed while a search was out: the list must end on the filters shown.
      rerun: true,
    },
  );
  let opening = '';
  return {
    filters: EMPTY_TRACE_FILTERS,
    traces: null,
    error: null,
    loading: false,
    fetchedAt: null,
    answers: 0,
    routes: [],
    trace: null,
    traceError: null,
    traceLoading: false,
    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      void search();
    },
    search,
    async open(traceId) {
      opening = traceId;
      if (get().trace?.traceId !== traceId) set({ trace: null });
      set({ traceLoading: true, traceError: null });
      try {
        const trace = await getApi().getTrace({ traceId });
        // A second click while the first was on its way wins.
        if (opening === traceId) set({ trace, traceLoading: false });
      } catch (err) {
        if (opening === traceId) set({ traceError: toErrorInfo(err), traceLoading: false });
      }
    },
  };
});

/** Follows the receiver's status: new spans (a count or drop that moved) refresh the list. */
export function followTraces(): () => void {
  let last = '';
  return useTelemetryStore.subscribe(({ status }) => {
    if (!status) return;
    const key = `${status.spans.count}|${status.spans.dropped}`;
    if (key === last) return;
    last = key;
    void useTracesStore.getState().search();
  });
}
