// bench:ui's typical case is only worth its target if its data is what the dashboard gets from
// the watched app: these check the synthetic source's answers to the dashboard's own queries, as
// the renderer interpolates them, and the case selection the bench's knobs make.
import { describe, expect, it } from 'vitest';
import { UNKNOWN_ROUTE } from '../../electron/services/metrics-server/routes';
import { PANELS, variableValuesFor, SCRAPE_JOB } from '../../shared/dashboard';
import { interpolateQuery } from '../../shared/interpolate';
import { customCase, DENSE, selectedCases, TYPICAL } from './cases';
import { EXPLORE_SHAPE } from './explore-case';
import { APP_ROUTES, createSyntheticConsoleApi, FAN_PANELS } from './synthetic-console-api';

const values = variableValuesFor(SCRAPE_JOB);
const query = (key: string, overlay = false): string => {
  const panel = PANELS.find((p) => p.key === key);
  if (!panel) throw new Error(`no panel ${key}`);
  return interpolateQuery(overlay && panel.overlay ? panel.overlay.expr : panel.expr, values);
};

describe('the typical case answers the dashboard as the app does', () => {
  const api = createSyntheticConsoleApi(TYPICAL.shape, EXPLORE_SHAPE, TYPICAL.app);
  const end = Math.floor(Date.now() / 1000);
  const range = (key: string, overlay = false) =>
    api.queryRange({ query: query(key, overlay), start: end - 1800, end, step: 15 });

  it('draws one line per route of the app, 30 min at 15 s', async () => {
    for (const key of ['rps_by_route', 'latency_quantiles']) {
      const result = await range(key);
      expect(result.series.map((s) => s.metric.route)).toEqual(APP_ROUTES);
      expect(result.times.length).toBe(121);
      expect((result.times[1] ?? 0) - (result.times[0] ?? 0)).toBe(15_000);
    }
    expect(APP_ROUTES).toContain(UNKNOWN_ROUTE);
  });

  it('answers sum and max with one series, and the 5xx share with none', async () => {
    expect((await range('rps_total')).series).toHaveLength(1);
    expect((await range('in_flight')).series).toHaveLength(1);
    expect((await range('latency_heatmap', true)).series).toHaveLength(1);
    expect((await range('error_rate')).series).toHaveLength(0);
  });

  it('ranks the routes without the unmatched paths', async () => {
    const bars = await api.query({ query: query('top_routes_p95'), time: end });
    const routes = bars.resultType === 'vector' ? bars.result.map((r) => r.metric.route) : [];
    expect(routes).toEqual(APP_ROUTES.filter((r) => r !== UNKNOWN_ROUTE));
  });
});

describe("bench:ui's cases", () => {
  it('runs typical, dense and explore by default, or the one BENCH_UI_CASE names', () => {
    expect(selectedCases({})).toEqual({ dashboards: [TYPICAL, DENSE], explore: true });
    expect(selectedCases({ BENCH_UI_CASE: 'dense' })).toEqual({
      dashboards: [DENSE],
      explore: false,
    });
    expect(() => selectedCases({ BENCH_UI_CASE: 'fast' })).toThrow(/typical, dense, explore/);
  });

  it('reads BENCH_UI_SHAPE as panels × series × points over the seed six panels', () => {
    const c = customCase('6×8×121');
    expect(c.shape).toEqual({ series: 8, points: 121, stepSeconds: 15 });
    expect(c.app).toEqual({ fanPanels: 6 });
    expect(FAN_PANELS.slice(0, 2)).toEqual(['rps_by_route', 'latency_quantiles']);
    expect(FAN_PANELS).toHaveLength(6);
    expect(selectedCases({ BENCH_UI_SHAPE: '2x7x121', BENCH_UI_CASE: 'dense' }).dashboards).toEqual(
      [customCase('2x7x121')],
    );
    expect(() => customCase('7x8x121')).toThrow(/panels 1–6/);
    expect(() => customCase('6x8')).toThrow(/panels×series×points/);
  });

  it('gives a custom shape with the fan on the bar as many bars as routes, ten at most', async () => {
    const c = customCase('6x20x121');
    const api = createSyntheticConsoleApi(c.shape, EXPLORE_SHAPE, c.app);
    const bars = await api.query({ query: query('top_routes_p95'), time: 0 });
    expect(bars.resultType === 'vector' ? bars.result.length : 0).toBe(10);
  });
});
