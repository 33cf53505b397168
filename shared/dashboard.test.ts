import { describe, expect, it } from 'vitest';
import {
  ALL,
  PANELS,
  SCRAPE_JOB,
  VARIABLES,
  configuredJob,
  defaultVariableValues,
  variableValuesFor,
  type PanelDefinition,
} from './dashboard';

/** The matchers every panel selector starts with: the app's job, the chosen instances. */
const APP = 'job="$job", instance=~"$instance"';

// The six panels' queries exactly as the Grafana dashboard shows them: the live panels must not drift from them.
const PANEL_QUERIES: Record<Exclude<PanelDefinition['key'], 'latency_heatmap'>, string> = {
  rps_total:
    'sum(rate(peak_trade_http_requests_total{route=~"$route", method=~"$method"}[$window]))',
  rps_by_route:
    'sum by (route) (rate(peak_trade_http_requests_total{route=~"$route", method=~"$method"}[$window]))',
  error_rate:
    'sum(rate(peak_trade_http_requests_total{status_code=~"$status_class", route=~"$route", method=~"$method"}[$window])) / sum(rate(peak_trade_http_requests_total{route=~"$route", method=~"$method"}[$window]))',
  in_flight: 'max(peak_trade_http_in_flight_requests)',
  latency_quantiles:
    'histogram_quantile($quantile, sum by (le, route) (rate(peak_trade_http_request_duration_seconds_bucket{route=~"$route", method=~"$method"}[$window])))',
  top_routes_p95:
    'topk(10, histogram_quantile(0.95, sum by (le, route) (rate(peak_trade_http_request_duration_seconds_bucket{route!="__unknown__", method=~"$method"}[$window]))))',
};

/** Every $name / ${name} a string refers to. */
function referencedVariables(text: string): string[] {
  return [...text.matchAll(/\$\{(\w+)\}|\$(\w+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function overlaps(a: PanelDefinition['gridPos'], b: PanelDefinition['gridPos']): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('the dashboard definition', () => {
  it('has the six panels with their queries, each narrowed to the app job and chosen instances, and the heatmap after them', () => {
    const six = PANELS.filter((p) => p.key !== 'latency_heatmap');
    expect(six.map((p) => p.key).sort()).toEqual(Object.keys(PANEL_QUERIES).sort());
    for (const panel of six) {
      // Without the app's matchers, the query verbatim.
      const bareShape = panel.expr
        .replaceAll(`{${APP}}`, '')
        .replaceAll(`${APP}, `, '')
        .replaceAll(`, ${APP}`, '');
      expect(bareShape, panel.key).toBe(PANEL_QUERIES[panel.key as keyof typeof PANEL_QUERIES]);
    }
    expect(PANELS.map((p) => p.key).at(-1)).toBe('latency_heatmap');
  });

  it('reads every series of every panel (and the heatmap overlay) from the app job on the chosen instances', () => {
    for (const panel of PANELS) {
      for (const expr of [panel.expr, panel.overlay?.expr ?? '']) {
        const selectors = [...expr.matchAll(/peak_trade_\w+(\{[^}]*\})?/g)];
        for (const [whole, labels] of selectors)
          expect(labels ?? '', `${panel.key}: ${whole}`).toContain(APP);
      }
    }
  });

  it("draws the latency histogram's bucket rates by le, with the latency panel's quantile over it", () => {
    const heatmap = PANELS.find((p) => p.key === 'latency_heatmap');
    const latency = PANELS.find((p) => p.key === 'latency_quantiles');
    const sel = `${APP}, route=~"$route", method=~"$method"`;
    expect(heatmap).toMatchObject({
      kind: 'heatmap',
      legendFormat: '{{le}}',
      expr: `sum by (le) (rate(peak_trade_http_request_duration_seconds_bucket{${sel}}[$window]))`,
    });
    // The same quantile as the latency panel, over all selected routes rather than per route.
    expect(heatmap?.overlay?.expr).toBe(latency?.expr.replace('by (le, route)', 'by (le)'));
  });

  it('has the job and instance variables, then the five with their defaults', () => {
    expect(VARIABLES.map((v) => v.name)).toEqual([
      'job',
      'instance',
      'route',
      'method',
      'status_class',
      'quantile',
      'window',
    ]);
    const custom = Object.fromEntries(
      VARIABLES.flatMap((v) => (v.kind === 'custom' ? [[v.name, v]] : [])),
    );
    expect(custom.status_class).toMatchObject({
      options: ['2..', '3..', '4..', '5..'],
      default: '5..',
    });
    expect(custom.quantile).toMatchObject({
      options: ['0.5', '0.9', '0.95', '0.99'],
      default: '0.95',
    });
    expect(custom.window).toMatchObject({ options: ['1m', '5m', '15m', '1h'], default: '5m' });
    for (const v of VARIABLES) {
      if (v.kind === 'custom') expect(v.options, v.name).toContain(v.default);
      else if (v.kind === 'query')
        expect(v, v.name).toMatchObject({ multi: true, includeAll: true, allValue: '.*' });
    }
    expect(VARIABLES[0]).toMatchObject({ kind: 'constant', default: SCRAPE_JOB, multi: false });
    // The instances of the app's job: label_values(peak_trade_http_requests_total{job="$job"}, instance).
    expect(VARIABLES[1]).toMatchObject({
      kind: 'query',
      metric: 'peak_trade_http_requests_total{job="$job"}',
      labelName: 'instance',
    });
  });

  it('refers only to defined variables in queries, titles and legends', () => {
    const names = new Set<string>(VARIABLES.map((v) => v.name));
    for (const panel of PANELS) {
      for (const text of [
        panel.expr,
        panel.title,
        panel.legendFormat,
        panel.overlay?.expr ?? '',
        panel.overlay?.legendFormat ?? '',
      ]) {
        for (const ref of referencedVariables(text))
          expect(names, `${panel.key}: $${ref}`).toContain(ref);
      }
    }
  });

  it('gives every panel a unique id and key', () => {
    expect(new Set(PANELS.map((p) => p.id)).size).toBe(PANELS.length);
    expect(new Set(PANELS.map((p) => p.key)).size).toBe(PANELS.length);
  });

  it('lays the panels out on the 24-column grid without overlap', () => {
    for (const [i, a] of PANELS.entries()) {
      expect(a.gridPos.x + a.gridPos.w, a.key).toBeLessThanOrEqual(24);
      expect(a.gridPos.w > 0 && a.gridPos.h > 0, a.key).toBe(true);
      for (const b of PANELS.slice(i + 1)) {
        expect(overlaps(a.gridPos, b.gridPos), `${a.key} overlaps ${b.key}`).toBe(false);
      }
    }
  });

  it('defaults query variables to All and custom variables to their default', () => {
    expect(defaultVariableValues()).toEqual({
      job: [SCRAPE_JOB],
      instance: [ALL],
      route: [ALL],
      method: [ALL],
      status_class: ['5..'],
      quantile: ['0.95'],
      window: ['5m'],
    });
  });

  it("takes the job from settings.source.job, the managed stack's when empty", () => {
    expect(configuredJob({ job: '' })).toBe(SCRAPE_JOB);
    expect(configuredJob({ job: '  ' })).toBe(SCRAPE_JOB);
    expect(configuredJob({ job: 'peak_trade_uvicorn' })).toBe('peak_trade_uvicorn');
    expect(variableValuesFor('peak_trade_uvicorn').job).toEqual(['peak_trade_uvicorn']);
  });
});
