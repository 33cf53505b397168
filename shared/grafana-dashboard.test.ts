/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
// The committed file, byte for byte (Vite's ?raw import keeps shared/ free of node:fs).
import committedText from '../resources/grafana-dashboard.json?raw';
import { DASHBOARD_TITLE, DASHBOARD_UID, DATASOURCE_UID, PANELS, VARIABLES } from './dashboard';
import {
  DATASOURCE_VARIABLE,
  renderGrafanaDashboard,
  serializeGrafanaDashboard,
  type GrafanaDatasourceRef,
  type GrafanaPanel,
} from './grafana-dashboard';

const dashboard = renderGrafanaDashboard();
const variables = dashboard.templating.list;
/** Grafana's own variables a query may use without defining them. */
const BUILTIN = new Set(['__interval', '__rate_interval', '__range', '__interval_ms', '__all']);

/** The uid a datasource reference ends up at, following a ${variable} to its default. */
function resolveUid(ref: GrafanaDatasourceRef): string | undefined {
  const m = /^\$\{(\w+)\}$|^\$(\w+)$/.exec(ref.uid);
  if (!m) return ref.uid;
  const v = variables.find((x) => x.name === (m[1] ?? m[2]));
  if (v?.type !== 'datasource' || v.query !== ref.type) return undefined;
  return (v.current as { value?: string } | undefined)?.value;
}

function overlaps(a: GrafanaPanel['gridPos'], b: GrafanaPanel['gridPos']): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('the generated Grafana dashboard', () => {
  it('is what resources/grafana-dashboard.json holds (run scripts/write-dashboard.ts if not)', () => {
    expect(committedText).toBe(serializeGrafanaDashboard());
    expect(committedText.endsWith('}\n')).toBe(true);
    expect(committedText.split('\n')[1]).toMatch(/^ {2}"/);
  });

  it('has the Peak_Trade dashboard’s title, uid, refresh and time range', () => {
    expect(dashboard).toMatchObject({
      title: DASHBOARD_TITLE,
      uid: 'peak-trade-watch-only-prom',
      refresh: '10s',
      time: { from: 'now-30m', to: 'now' },
    });
    expect(DASHBOARD_UID).toBe('peak-trade-watch-only-prom');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(dashboard.id).toBeNull();
  });

  it('defines the datasource variable, the hidden job constant, instance and the five dashboard variables', () => {
    expect(variables.map((v) => v.name)).toEqual([
      DATASOURCE_VARIABLE,
      ...VARIABLES.map((v) => v.name),
    ]);
    expect(variables[0]).toMatchObject({ type: 'datasource', query: 'prometheus' });
    const byName = Object.fromEntries(variables.map((v) => [v.name, v]));
    expect(byName.job).toMatchObject({
      type: 'constant',
      hide: 2,
      query: 'peak_trade_web',
      current: { value: 'peak_trade_web' },
    });
    for (const label of ['instance', 'route', 'method']) {
      const query = `label_values(peak_trade_http_requests_total{job="$job"}, ${label})`;
      expect(byName[label]).toMatchObject({
        type: 'query',
        multi: true,
        includeAll: true,
        allValue: '.*',
        definition: query,
        query: { query },
      });
    }
    expect(byName.status_class).toMatchObject({
      type: 'custom',
      query: '2..,3..,4..,5..',
      current: { value: '5..' },
    });
    expect(byName.quantile).toMatchObject({
      type: 'custom',
      query: '0.5,0.9,0.95,0.99',
      current: { value: '0.95' },
    });
    expect(byName.window).toMatchObject({
      type: 'custom',
      query: '1m,5m,15m,1h',
      current: { value: '5m' },
    });
  });

  it('points every panel, target and query variable at a datasource that resolves', () => {
    const refs: GrafanaDatasourceRef[] = [
      ...dashboard.panels.flatMap((p) => [p.datasource, ...p.targets.map((t) => t.datasource)]),
      ...variables.flatMap((v) =>
        v.type === 'query' ? [v.datasource as GrafanaDatasourceRef] : [],
      ),
    ];
    // Three query variables: instance, route, method.
    expect(refs.length).toBe(PANELS.length * 2 + 3);
    for (const ref of refs) {
      expect(ref.type).toBe('prometheus');
      expect(resolveUid(ref)).toBe(DATASOURCE_UID);
    }
  });

  it('holds the job it is generated for, and nothing else changes with it', () => {
    const uvicornJob = renderGrafanaDashboard('peak_trade_uvicorn');
    const job = uvicornJob.templating.list.find((v) => v.name === 'job');
    expect(job).toMatchObject({
      query: 'peak_trade_uvicorn',
      current: { value: 'peak_trade_uvicorn' },
    });
    const without = (d: typeof dashboard): unknown => ({
      ...d,
      templating: { list: d.templating.list.filter((v) => v.name !== 'job') },
    });
    expect(without(uvicornJob)).toEqual(without(dashboard));
  });

  it('uses only defined variables in every query, title and legend', () => {
    const defined = new Set(variables.map((v) => v.name));
    for (const panel of dashboard.panels) {
      const texts = [panel.title, ...panel.targets.flatMap((t) => [t.expr, t.legendFormat])];
      for (const text of texts) {
        for (const m of text.matchAll(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g)) {
          const name = m[1] ?? m[2] ?? '';
          expect(defined.has(name) || BUILTIN.has(name), `${panel.title}: $${name}`).toBe(true);
        }
      }
    }
  });

  it('has the seven panels with unique ids that do not overlap on the grid', () => {
    expect(dashboard.panels).toHaveLength(7);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(7);
    for (const [i, a] of dashboard.panels.entries()) {
      expect(a.gridPos.x + a.gridPos.w).toBeLessThanOrEqual(24);
      for (const b of dashboard.panels.slice(i + 1)) {
        expect(overlaps(a.gridPos, b.gridPos), `${a.title} overlaps ${b.title}`).toBe(false);
      }
    }
  });

  it('carries each definition panel over with its query, legend and Grafana unit', () => {
    const units = { reqps: 'reqps', percentunit: 'percentunit', short: 'short', seconds: 's' };
    for (const def of PANELS) {
      const panel = dashboard.panels.find((p) => p.id === def.id);
      expect(panel, def.key).toBeDefined();
      expect(panel?.targets[0]).toMatchObject({ expr: def.expr, legendFormat: def.legendFormat });
      expect(panel?.fieldConfig.defaults.unit, def.key).toBe(units[def.unit]);
      if (def.kind === 'bar') {
        expect(panel?.type).toBe('bargauge');
        expect(panel?.targets[0]).toMatchObject({ instant: true, range: false });
      } else if (def.kind === 'heatmap') {
        expect(panel?.type).toBe('heatmap');
        expect(panel?.targets[0]).toMatchObject({ format: 'heatmap', legendFormat: '{{le}}' });
      } else {
        expect(panel?.type).toBe('timeseries');
        expect(panel?.targets[0]).toMatchObject({ instant: false, range: true });
      }
    }
  });

  it('draws the latency buckets as a Grafana heatmap of Prometheus buckets, not re-bucketed', () => {
    const panel = dashboard.panels.find((p) => p.type === 'heatmap');
    expect(panel?.targets).toHaveLength(1);
    expect(panel?.targets[0]).toMatchObject({ range: true, instant: false, format: 'heatmap' });
    expect(panel?.options).toMatchObject({
      calculate: false,
      rowsFrame: { layout: 'le' },
      yAxis: { unit: 's' },
      cellValues: { unit: 'reqps' },
    });
    // The quantile line Peak Watch draws cannot be drawn by Grafana's heatmap: it is named.
    expect(panel?.description).toContain('histogram_quantile($quantile, sum by (le)');
  });

  it('contains no secret and no credential field', () => {
    const text = serializeGrafanaDashboard();
    expect(text).not.toMatch(/password|secret|token|authorization|basicauth|apikey|bearer/i);
  });
});

describe('the alerts annotation', () => {
  it('marks on every panel when a Peak Watch alert fired (the ALERTS series)', () => {
    const list = renderGrafanaDashboard().annotations.list as { name?: string; expr?: string }[];
    const alerts = list.find((a) => a.name === 'Peak Watch alerts firing');
    expect(alerts?.expr).toMatch(
      /^ALERTS\{alertstate="firing", alertname=~".*PeakTradeTargetDown.*"\}$/,
    );
  });
});
