// Explore: one query, run as an instant query (the table) and a range query (the graph) at once,
// with its range, resolution, result and Prometheus's error; and the query history, kept by the
// core in the data folder. The query and range live in the page's URL too (lib/explore-url.ts).
// A run (its window, its history entry, its two queries) is module functions given set/get.
import { create, type StoreApi } from 'zustand';
import {
  toErrorInfo,
  type ConsoleErrorInfo,
  type InstantQueryResult,
  type QueryHistoryEntry,
} from '../../../shared/api';
import { getApi } from '../api/console-api';
import { EXPLORE_PROBE_KEY, noteDataArrived } from '../bench-probe/paint-timing';
import { askForFrame } from './ask-for-frame';
import { EXPLORE_MAX_SERIES } from '../lib/explore-result';
import { rangeResultToChartData, type ChartData } from '../lib/prom-rows';
import { dashboardTiming, windowEndingNow, type QueryWindow } from '../lib/time-range';
import { zoomWindow, type ZoomSpan } from '../lib/zoom';
import { useSettingsStore } from './settings';

export interface ExploreResult {
  query: string;
  window: QueryWindow;
  /** The graph, or why there is none (a string or scalar query has no range result). */
  chart: ChartData | null;
  chartError: ConsoleErrorInfo | null;
  /** Series the range query returned, drawn or not. */
  chartSeriesTotal: number;
  table: InstantQueryResult | null;
  ranAt: number;
}

interface ExploreStore {
  /** The editor's text (not yet run). */
  draft: string;
  rangeMinutes: number | null;
  /** null: chosen from the range (≤ ~250 points). */
  stepSeconds: number | null;
  /** A span dragged on the graph: queried instead of the range until zoomed out. */
  zoom: ZoomSpan | null;
  running: boolean;
  result: ExploreResult | null;
  /** Prometheus's (or the console's) error for the query as a whole. */
  error: ConsoleErrorInfo | null;
  history: QueryHistoryEntry[];
  /** What is wrong with the history's file (kept aside, unreadable, read-only), from the core. */
  historyWarnings: string[];
  historySearch: string;
  setDraft: (query: string) => void;
  setRange: (minutes: number) => void;
  setStep: (seconds: number | null) => void;
  setZoom: (zoom: ZoomSpan | null) => void;
  run: (query?: string) => Promise<void>;
  searchHistory: (search: string) => Promise<void>;
}

type SetExplore = StoreApi<ExploreStore>['setState'];
type GetExplore = StoreApi<ExploreStore>['getState'];

/** The window a run asks for: the zoomed span, else the range ending now, at the resolution. */
function runWindow(get: GetExplore): QueryWindow {
  const timing = dashboardTiming(useSettingsStore.getState().view?.settings);
  const rangeMinutes = get().rangeMinutes ?? timing.rangeMinutes;
  const { zoom, stepSeconds } = get();
  return zoom
    ? zoomWindow(zoom, timing.scrapeSeconds, stepSeconds)
    : windowEndingNow(Date.now(), rangeMinutes, timing.scrapeSeconds, stepSeconds);
}

/** Adds the query to the history and shows the history again (the search kept). */
function recordInHistory(set: SetExplore, get: GetExplore, text: string): void {
  void getApi()
    .addQueryHistory({ query: text })
    .then(() => get().searchHistory(get().historySearch))
    // The query still runs; why it was not recorded shows beside the history.
    .catch((err: unknown) => {
      const info = toErrorInfo(err);
      set({ historyWarnings: [info.fix ? `${info.message} ${info.fix}` : info.message] });
    });
}

/** Runs the query as an instant query (the table) and a range query (the graph) at once. */
async function run(set: SetExplore, get: GetExplore, query: string): Promise<void> {
  const text = query.trim();
  if (!text) return;
  const api = getApi();
  const window = runWindow(get);
  set({ running: true, draft: query });
  recordInHistory(set, get, text);
  const [instant, range] = await Promise.allSettled([
    api.query({ query: text, time: window.end }),
    api.queryRange({ query: text, ...window }),
  ]);
  if (instant.status === 'rejected') {
    // A bad query fails both; Prometheus's message from the instant query says it once.
    set({ running: false, error: toErrorInfo(instant.reason), result: null });
    return;
  }
  askForFrame();
  noteDataArrived(EXPLORE_PROBE_KEY);
  const full = range.status === 'fulfilled' ? range.value : null;
  const chart = full
    ? rangeResultToChartData({ ...full, series: full.series.slice(0, EXPLORE_MAX_SERIES) }, '')
    : null;
  set({
    running: false,
    error: null,
    result: {
      query: text,
      window,
      chart,
      chartError: range.status === 'rejected' ? toErrorInfo(range.reason) : null,
      chartSeriesTotal: full?.series.length ?? 0,
      table: instant.value,
      ranAt: Date.now(),
    },
  });
}

export const useExploreStore = create<ExploreStore>()((set, get) => ({
  draft: '',
  rangeMinutes: null,
  stepSeconds: null,
  zoom: null,
  running: false,
  result: null,
  error: null,
  history: [],
  historyWarnings: [],
  historySearch: '',

  setDraft: (draft) => set({ draft }),
  setRange(rangeMinutes) {
    set({ rangeMinutes, zoom: null });
    if (get().result) void get().run(get().result?.query);
  },
  setZoom(zoom) {
    set({ zoom });
    if (get().result) void get().run(get().result?.query);
  },
  setStep(stepSeconds) {
    set({ stepSeconds });
    if (get().result) void get().run(get().result?.query);
  },

  run: (query = get().draft) => run(set, get, query),

  async searchHistory(historySearch) {
    set({ historySearch });
    try {
      const view = await getApi().getQueryHistory({ search: historySearch || undefined });
      if (get().historySearch === historySearch) {
        set({ history: view.entries, historyWarnings: view.warnings });
      }
    } catch {
      // The history is a convenience: Explore works without it.
    }
  },
}));
