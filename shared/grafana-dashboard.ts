// The Grafana dashboard JSON, generated from the one dashboard definition (dashboard.ts). It is
// provisioned into the stack's Grafana and committed as resources/grafana-dashboard.json for a
// manual import, so the live panels in the app and Grafana's panels run the same PromQL.
//
// Datasource choice: every panel and variable query uses the `${datasource}` variable, whose
// default is the provisioned datasource's fixed uid (DATASOURCE_UID). Provisioned, the dashboard
// binds to our datasource with no prompt; imported by hand into another Grafana, the variable
// falls back to that Grafana's default Prometheus datasource instead of pointing at a missing uid.
import { ALERTS_FIRING_EXPR } from './alerts';
import {
  DASHBOARD_RANGE,
  DASHBOARD_REFRESH,
  DASHBOARD_TITLE,
  DASHBOARD_UID,
  DATASOURCE_UID,
  PANELS,
  SCRAPE_JOB,
  VARIABLES,
  type DashboardVariable,
  type PanelDefinition,
  type PanelUnit,
} from './dashboard';
import { heatmapDescription, heatmapFieldDefaults, heatmapOptions } from './grafana-heatmap';

/** The name the stack provisions its Prometheus datasource under (the uid is DATASOURCE_UID). */
export const DATASOURCE_NAME = 'Prometheus (Peak Watch)';
/** Grafana's dashboard schema version this JSON is written for (Grafana 10.4 / 11). */
export const GRAFANA_SCHEMA_VERSION = 39;
/** Name of the datasource variable every panel refers to. */
export const DATASOURCE_VARIABLE = 'datasource';

export interface GrafanaDatasourceRef {
  type: string;
  uid: string;
}

export interface GrafanaTarget {
  refId: string;
  datasource: GrafanaDatasourceRef;
  editorMode: 'code';
  expr: string;
  legendFormat: string;
  range: boolean;
  instant: boolean;
  /** 'heatmap': Grafana de-cumulates the `le` buckets (the heatmap panel's target). */
  format?: 'heatmap';
}

export interface GrafanaPanel {
  id: number;
  type: 'timeseries' | 'bargauge' | 'heatmap';
  title: string;
  description: string;
  datasource: GrafanaDatasourceRef;
  gridPos: { x: number; y: number; w: number; h: number };
  fieldConfig: { defaults: Record<string, unknown>; overrides: unknown[] };
  options: Record<string, unknown>;
  targets: GrafanaTarget[];
}

export interface GrafanaVariable {
  type: 'datasource' | 'query' | 'custom' | 'constant';
  name: string;
  label: string;
  [key: string]: unknown;
}

export interface GrafanaDashboard {
  id: null;
  uid: string;
  title: string;
  tags: string[];
  timezone: string;
  editable: boolean;
  graphTooltip: number;
  refresh: string;
  schemaVersion: number;
  version: number;
  time: { from: string; to: string };
  timepicker: Record<string, never>;
  fiscalYearStartMonth: number;
  weekStart: string;
  links: unknown[];
  annotations: { list: unknown[] };
  templating: { list: GrafanaVariable[] };
  panels: GrafanaPanel[];
}

const GRAFANA_UNITS: Record<PanelUnit, string> = {
  reqps: 'reqps',
  percentunit: 'percentunit',
  short: 'short',
  seconds: 's',
};

const PANEL_DATASOURCE: GrafanaDatasourceRef = {
  type: 'prometheus',
  uid: '${' + DATASOURCE_VARIABLE + '}',
};

function datasourceVariable(): GrafanaVariable {
  return {
    type: 'datasource',
    name: DATASOURCE_VARIABLE,
    label: 'Datasource',
    query: 'prometheus',
    current: { selected: false, text: DATASOURCE_NAME, value: DATASOURCE_UID },
    hide: 0,
    includeAll: false,
    multi: false,
    options: [],
    refresh: 1,
    regex: '',
    skipUrlSync: false,
  };
}

function dashboardVariable(v: DashboardVariable, job: string): GrafanaVariable {
  if (v.kind === 'constant') {
    // The job is chosen in Peak Watch's settings (or detected), not on the dashboard: a hidden
    // constant (hide 2) holding the choice this file is generated for.
    return {
      type: 'constant',
      name: v.name,
      label: v.label,
      hide: 2,
      query: job,
      current: { selected: false, text: job, value: job },
      options: [{ selected: true, text: job, value: job }],
      skipUrlSync: false,
    };
  }
  const common = {
    name: v.name,
    label: v.label,
    hide: 0,
    multi: v.multi,
    includeAll: v.includeAll,
    skipUrlSync: false,
  };
  if (v.kind === 'query') {
    const query = `label_values(${v.metric}, ${v.labelName})`;
    return {
      type: 'query',
      ...common,
      datasource: { ...PANEL_DATASOURCE },
      definition: query,
      query: { qryType: 1, query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
      allValue: v.allValue,
      current: { selected: true, text: ['All'], value: ['$__all'] },
      options: [],
      // 2 = on time range change: routes appear as traffic arrives.
      refresh: 2,
      regex: '',
      sort: 1,
    };
  }
  return {
    type: 'custom',
    ...common,
    query: v.options.join(','),
    current: { selected: true, text: v.default, value: v.default },
    options: v.options.map((o) => ({ selected: o === v.default, text: o, value: o })),
    queryValue: '',
  };
}

function fieldDefaults(panel: PanelDefinition): Record<string, unknown> {
  if (panel.kind === 'heatmap')
    return { unit: GRAFANA_UNITS[panel.unit], ...heatmapFieldDefaults() };
  const defaults: Record<string, unknown> = {
    unit: GRAFANA_UNITS[panel.unit],
    color: { mode: panel.kind === 'bar' ? 'continuous-GrYlRd' : 'palette-classic' },
    thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }] },
  };
  if (panel.unit === 'percentunit') {
    defaults.min = 0;
    defaults.max = 1;
  }
  if (panel.kind === 'timeseries') {
    defaults.custom = {
      drawStyle: 'line',
      lineWidth: 1,
      fillOpacity: 10,
      showPoints: 'never',
      spanNulls: false,
    };
  } else {
    defaults.min = 0;
  }
  return defaults;
}

function panelOptions(panel: PanelDefinition): Record<string, unknown> {
  if (panel.kind === 'heatmap') return heatmapOptions();
  if (panel.kind === 'bar') {
    return {
      orientation: 'horizontal',
      displayMode: 'gradient',
      valueMode: 'color',
      showUnfilled: true,
      namePlacement: 'auto',
      sizing: 'auto',
      minVizWidth: 8,
      minVizHeight: 16,
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
    };
  }
  return {
    legend: { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] },
    tooltip: { mode: 'multi', sort: 'desc' },
  };
}

function grafanaPanel(panel: PanelDefinition): GrafanaPanel {
  const instant = panel.kind === 'bar';
  return {
    id: panel.id,
    type: panel.kind === 'bar' ? 'bargauge' : panel.kind,
    title: panel.title,
    description: heatmapDescription(panel),
    datasource: { ...PANEL_DATASOURCE },
    gridPos: { ...panel.gridPos },
    fieldConfig: { defaults: fieldDefaults(panel), overrides: [] },
    options: panelOptions(panel),
    targets: [
      {
        refId: 'A',
        datasource: { ...PANEL_DATASOURCE },
        editorMode: 'code',
        expr: panel.expr,
        legendFormat: panel.legendFormat,
        range: !instant,
        instant,
        ...(panel.kind === 'heatmap' ? { format: 'heatmap' as const } : {}),
      },
    ],
  };
}

/**
 * The dashboard as Grafana stores it; contains no secret and no instance-specific id. `job` is
 * the watched app's job (configuredJob(settings.source)); the committed file has the default.
 */
export function renderGrafanaDashboard(job: string = SCRAPE_JOB): GrafanaDashboard {
  return {
    // null: Grafana assigns its own numeric id on provisioning or import.
    id: null,
    uid: DASHBOARD_UID,
    title: DASHBOARD_TITLE,
    tags: ['peak-trade', 'watch-only', 'prometheus'],
    timezone: 'browser',
    editable: true,
    // 1 = shared crosshair: the same moment is marked on every panel.
    graphTooltip: 1,
    refresh: DASHBOARD_REFRESH,
    schemaVersion: GRAFANA_SCHEMA_VERSION,
    version: 1,
    time: { from: DASHBOARD_RANGE.from, to: DASHBOARD_RANGE.to },
    timepicker: {},
    fiscalYearStartMonth: 0,
    weekStart: '',
    links: [],
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
        {
          // Peak Watch's alert rules fire in Prometheus (no Grafana alerting): their ALERTS series
          // marks the time ranges they fired on every panel.
          datasource: PANEL_DATASOURCE,
          enable: true,
          hide: false,
          iconColor: 'red',
          name: 'Peak Watch alerts firing',
          expr: ALERTS_FIRING_EXPR,
          step: '60s',
          titleFormat: '{{alertname}}',
          textFormat: '{{severity}} {{instance}} {{route}}',
          tagKeys: 'alertname,severity',
          useValueForTime: false,
        },
      ],
    },
    templating: {
      list: [datasourceVariable(), ...VARIABLES.map((v) => dashboardVariable(v, job))],
    },
    panels: PANELS.map(grafanaPanel),
  };
}

/** The committed / provisioned file's exact text: 2-space JSON with a trailing newline. */
export function serializeGrafanaDashboard(job?: string): string {
  return JSON.stringify(renderGrafanaDashboard(job), null, 2) + '\n';
}
