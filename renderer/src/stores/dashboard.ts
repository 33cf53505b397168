// The live dashboard: chosen variables, range, refresh, and one result per panel. A refresh sends
// one query per panel; a tick while one is in flight is skipped, a change made meanwhile runs as
// soon as the current one lands. One more query per refresh, ALERTS over the same window, marks
// on every timeseries panel when its rule's alerts fired. Chart data is shaped once per result
// here (lib/prom-rows), not on every render, and the panels of one refresh change together.
// The store holds the state and the setters; loading the variables' choices and a refresh are
// module functions given the store's set/get.
import { create, type StoreApi } from 'zustand';
import { toErrorInfo, type ConsoleErrorInfo } from '../../../shared/api';
import { ALERTS_FIRING_EXPR, alertRules } from '../../../shared/alerts';
import {
  ALL,
  PANELS,
  VARIABLES,
  defaultVariableValues,
  effectiveJob,
  type PanelDefinition,
  type VariableName,
  type VariableValues,
} from '../../../shared/dashboard';
import { interpolateQuery } from '../../../shared/interpolate';
import { defaultSettings } from '../../../shared/settings';
import { getApi } from '../api/console-api';
import { alertBandsByPanel, type AlertBand, type AlertBandsByPanel } from '../lib/alert-bands';
import { noteDataArrived } from '../bench-probe/paint-timing';
import { askForFrame } from './ask-for-frame';
import {
  hasPositiveValue,
  instantResultToBars,
  rangeResultToChartData,
  type BarData,
  type ChartData,
} from '../lib/prom-rows';
import { heatmapData, type HeatmapData } from '../lib/heatmap-cells';
import { dashboardTiming, queryWindow, type QueryWindow } from '../lib/time-range';
import { zoomWindow, type ZoomSpan } from '../lib/zoom';
import { useSettingsStore } from './settings';
import { useTargetsStore } from './targets';

export type PanelKey = PanelDefinition['key'];
export type QueryVariableName = 'instance' | 'route' | 'method';

export interface PanelResult {
  /** The interpolated PromQL this result answers. */
  query: string;
  window: QueryWindow;
  /** The span the panel shows, ending at the window's end: the range, or the zoomed span. */
  spanSeconds: number;
  chart: ChartData | null;
  bars: BarData | null;
  heatmap?: HeatmapData | null;
  error: ConsoleErrorInfo | null;
  updatedAt: number;
}

interface DashboardStore {
  values: VariableValues;
  options: Record<QueryVariableName, string[]>;
  optionsError: ConsoleErrorInfo | null;
  /** null until the user picks one: settings.ui.rangeMinutes applies. */
  rangeMinutes: number | null;
  /** null until the page picks the initial interval from settings. */
  refreshSeconds: number | null;
  /** A span dragged on a chart: queried instead of the range until zoomed out. */
  zoom: ZoomSpan | null;
  paused: boolean;
  results: Partial<Record<PanelKey, PanelResult>>;
  /** When each panel's alerts fired in the last refresh's window (empty when ALERTS failed). */
  alertBands: AlertBandsByPanel;
  inFlight: boolean;
  rerun: boolean;
  setValues: (name: VariableName, values: string[]) => void;
  setRange: (minutes: number) => void;
  setZoom: (zoom: ZoomSpan | null) => void;
  setRefreshSeconds: (seconds: number) => void;
  setPaused: (paused: boolean) => void;
  loadOptions: () => Promise<void>;
  /** `tick` skips while a refresh is in flight; a change (`tick: false`) queues one more. */
  refresh: (opts?: { tick?: boolean }) => Promise<void>;
}

async function queryPanel(
  panel: PanelDefinition,
  values: VariableValues,
  window: QueryWindow,
  spanSeconds: number,
): Promise<PanelResult> {
  const api = getApi();
  const query = interpolateQuery(panel.expr, values);
  const legend = interpolateQuery(panel.legendFormat, values);
  const base = {
    query,
    window,
    spanSeconds,
    chart: null,
    bars: null,
    error: null,
    updatedAt: Date.now(),
  };
  try {
    if (panel.kind === 'bar') {
      const result = await api.query({ query, time: window.end });
      askForFrame();
      noteDataArrived(panel.key);
      return { ...base, bars: instantResultToBars(result, legend), updatedAt: Date.now() };
    }
    if (panel.kind === 'heatmap') {
      // The cells and the quantile line over them: two queries, one result.
      const overlay = panel.overlay;
      const [cells, line] = await Promise.all([
        api.queryRange({ query, ...window }),
        overlay
          ? api.queryRange({ query: interpolateQuery(overlay.expr, values), ...window })
          : null,
      ]);
      askForFrame();
      noteDataArrived(panel.key);
      const label = overlay ? interpolateQuery(overlay.legendFormat, values) : '';
      const heatmap = heatmapData(cells, line, window.step * 1000, label);
      return { ...base, heatmap, updatedAt: Date.now() };
    }
    const result = await api.queryRange({ query, ...window });
    askForFrame();
    noteDataArrived(panel.key);
    return { ...base, chart: rangeResultToChartData(result, legend), updatedAt: Date.now() };
  } catch (err) {
    return { ...base, error: toErrorInfo(err), updatedAt: Date.now() };
  }
}

/** The rules only say which panel each alert belongs to; that does not depend on thresholds. */
const PANEL_RULES = alertRules(defaultSettings().alerts);

/** A failed ALERTS query marks nothing: the panels' own queries show what is wrong. */
async function queryAlertBands(window: QueryWindow): Promise<AlertBandsByPanel> {
  try {
    const result = await getApi().queryRange({ query: ALERTS_FIRING_EXPR, ...window });
    askForFrame();
    return alertBandsByPanel(result, PANEL_RULES, window);
  } catch {
    return {};
  }
}

/**
 * The values with the watched app's job the core uses (SourceStatus.job.effective, else the
 * settings' choice): the job is the console's, never picked on the dashboard.
 */
async function withJob(values: VariableValues): Promise<VariableValues> {
  const job = await effectiveJob(getApi(), useSettingsStore.getState().view?.settings.source);
  return { ...values, job: [job] };
}

type SetDashboard = StoreApi<DashboardStore>['setState'];
type GetDashboard = StoreApi<DashboardStore>['getState'];

/** The query variables' choices: the label values Prometheus holds for the app job. */
async function loadOptions(set: SetDashboard, get: GetDashboard): Promise<void> {
  const api = getApi();
  try {
    const values = await withJob(get().values);
    const entries = await Promise.all(
      VARIABLES.filter((v) => v.kind === 'query').map(async (v) => {
        // The app job's label values only: another job's routes or hosts are not choices here.
        const found = await api.getLabelValues({
          label: v.labelName,
          match: interpolateQuery(v.metric, values),
        });
        return [v.name, [...found].sort()] as const;
      }),
    );
    set({ options: { ...get().options, ...Object.fromEntries(entries) }, optionsError: null });
  } catch (err) {
    set({ optionsError: toErrorInfo(err) });
  }
}

/** One refresh of every panel and the alert bands; one in flight at a time, a change queues one more. */
async function refresh(
  set: SetDashboard,
  get: GetDashboard,
  opts: { tick?: boolean },
): Promise<void> {
  if (get().inFlight) {
    if (!opts.tick) set({ rerun: true });
    return;
  }
  set({ inFlight: true, rerun: false });
  const values = await withJob(get().values);
  if (values.job[0] !== get().values.job[0]) set({ values: { ...get().values, job: values.job } });
  const timing = dashboardTiming(useSettingsStore.getState().view?.settings);
  const rangeMinutes = get().rangeMinutes ?? timing.rangeMinutes;
  const { zoom } = get();
  const window = zoom
    ? zoomWindow(zoom, timing.scrapeSeconds)
    : queryWindow(Date.now(), rangeMinutes, timing.scrapeSeconds);
  const spanSeconds = zoom ? zoom.end - zoom.start : rangeMinutes * 60;
  // The panel explanations need the target's health; it is one cheap request.
  const targets = useTargetsStore.getState().refresh();
  // The panels change together, in one store update: one React commit and one painted frame
  // for the whole dashboard instead of one per panel (each frame re-records and re-rasters the
  // page; at 6 panels × 50 series that is most of a refresh's cost). The queries run in
  // parallel against the same Prometheus, so the first panel waits only for the slowest one.
  const [alertBands, fresh] = await Promise.all([
    queryAlertBands(window),
    Promise.all(PANELS.map((panel) => queryPanel(panel, values, window, spanSeconds))),
  ]);
  const results = { ...get().results };
  PANELS.forEach((panel, i) => {
    const result = fresh[i];
    if (result) results[panel.key] = result;
  });
  set({ results, alertBands });
  await targets;
  set({ inFlight: false });
  if (get().rerun) void get().refresh();
}

export const useDashboardStore = create<DashboardStore>()((set, get) => ({
  values: defaultVariableValues(),
  options: { instance: [], route: [], method: [] },
  optionsError: null,
  rangeMinutes: null,
  refreshSeconds: null,
  zoom: null,
  paused: false,
  results: {},
  alertBands: {},
  inFlight: false,
  rerun: false,

  setValues(name, values) {
    set({ values: { ...get().values, [name]: values.length ? values : [ALL] } });
    void get().refresh();
  },
  setRange(rangeMinutes) {
    set({ rangeMinutes, zoom: null });
    void get().refresh();
  },
  setZoom(zoom) {
    set({ zoom });
    void get().refresh();
  },
  setRefreshSeconds: (refreshSeconds) => set({ refreshSeconds }),
  setPaused: (paused) => set({ paused }),
  loadOptions: () => loadOptions(set, get),
  refresh: (opts = {}) => refresh(set, get, opts),
}));

export const usePanelResult = (key: PanelKey) => useDashboardStore((s) => s.results[key]);

/** One empty list for every panel without alert bands, so the selector's answer stays equal. */
const NO_BANDS: readonly AlertBand[] = [];
export const usePanelAlertBands = (key: PanelKey) =>
  useDashboardStore((s) => s.alertBands[key] ?? NO_BANDS);

/** Whether any request rate was above zero in the range: tells "no traffic" from "no match". */
export const useHasTraffic = () =>
  useDashboardStore((s) => {
    const chart = s.results.rps_total?.chart;
    return chart ? hasPositiveValue(chart) : false;
  });

export const useIsFiltered = () =>
  useDashboardStore(
    (s) => s.values.route[0] !== ALL || s.values.method[0] !== ALL || s.values.instance[0] !== ALL,
  );

/** The job the panels read (shown beside them): set on the first refresh. */
export const useDashboardJob = () => useDashboardStore((s) => s.values.job[0] ?? '');
