// bench:ui's cases and their targets, one place for the driver (ui.bench.ts) and the pooled A/B
// (ab.ts): the typical dashboard, the dense one, a custom shape (BENCH_UI_SHAPE) and Explore.
import type { PaintSample } from '../../renderer/src/bench-probe/refresh-paint-tracker';
import { EXPLORE_TARGET_P95_MS } from './explore-case';
import {
  APP_ROUTES,
  FAN_PANELS,
  type AppAnswers,
  type SyntheticShape,
} from './synthetic-console-api';

/** The dashboard's default range: every dashboard case spans it, whatever its points. */
const RANGE_SECONDS = 30 * 60;

export interface DashboardCase {
  name: string;
  /** What the case is, for the report's heading. */
  describe: string;
  shape: SyntheticShape;
  /** null: every per-route query answers shape.series series (the dense case). */
  app: AppAnswers | null;
  targetP95Ms: number;
}

/**
 * A Peak_Trade dashboard as a person has it: every panel of shared/dashboard.ts over the app's
 * own routes (APP_ROUTES), 30 min at the default 15 s scrape interval, answered as the app's
 * series answer each query.
 */
export const TYPICAL: DashboardCase = {
  name: 'typical',
  describe:
    `the seed's dashboard over the app's ${APP_ROUTES.length} routes, 30 min at 15 s ` +
    `(121 points; ${FAN_PANELS.slice(0, 2).join(' and ')} one line per route, the others as ` +
    `their queries answer)`,
  shape: { series: APP_ROUTES.length, points: 121, stepSeconds: 15 },
  app: { fanPanels: 2 },
  targetP95Ms: 40,
};

/** Every line panel 50 series × 360 points (5 s apart): the case bench:ui has measured since issue 9. */
export const DENSE: DashboardCase = {
  name: 'dense',
  describe: `every line panel 50 series × 360 points (5 s apart), the bar 10`,
  shape: { series: 50, points: 360, stepSeconds: 5 },
  app: null,
  targetP95Ms: 50,
};

/**
 * BENCH_UI_SHAPE=P×S×N (x or ×): the typical case with the first P of FAN_PANELS drawing S lines
 * (the bar: S bars, ten at most) of N points over the same 30 minutes. Routes beyond the app's
 * own get made-up names.
 */
export function customCase(text: string): DashboardCase {
  const m = /^\s*(\d+)\s*[x×]\s*(\d+)\s*[x×]\s*(\d+)\s*$/i.exec(text);
  const [panels, series, points] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (panels < 1 || panels > FAN_PANELS.length || series < 1 || points < 2) {
    throw new Error(
      `BENCH_UI_SHAPE=${text}: expected panels×series×points, panels 1–${FAN_PANELS.length} ` +
        `(in this order: ${FAN_PANELS.join(', ')}), e.g. 2x8x121`,
    );
  }
  const stepSeconds = Math.max(1, Math.round(RANGE_SECONDS / (points - 1)));
  return {
    name: `${panels}x${series}x${points}`,
    describe:
      `${FAN_PANELS.slice(0, panels).join(', ')} ${series} series × ${points} points ` +
      `(${stepSeconds} s apart), the rest of the dashboard as in the typical case`,
    shape: { series, points, stepSeconds },
    app: { fanPanels: panels },
    targetP95Ms: TYPICAL.targetP95Ms,
  };
}

export const EXPLORE_CASE = { name: 'explore', targetP95Ms: EXPLORE_TARGET_P95_MS } as const;
export const TARGET_HEAP_MB = 10;

/** What BENCH_UI_CASE and BENCH_UI_SHAPE select, in the order they run. */
export function selectedCases(env: NodeJS.ProcessEnv): {
  dashboards: DashboardCase[];
  explore: boolean;
  /** The Traces and Logs pages (bench/ui/telemetry-case.ts): only when named. */
  telemetry?: boolean;
} {
  if (env.BENCH_UI_SHAPE) return { dashboards: [customCase(env.BENCH_UI_SHAPE)], explore: false };
  const which = env.BENCH_UI_CASE ?? 'all';
  switch (which) {
    case 'all':
      return { dashboards: [TYPICAL, DENSE], explore: true };
    case 'typical':
      return { dashboards: [TYPICAL], explore: false };
    case 'dense':
      return { dashboards: [DENSE], explore: false };
    case 'explore':
      return { dashboards: [], explore: true };
    case 'telemetry':
      return { dashboards: [], explore: false, telemetry: true };
    default:
      throw new Error(`BENCH_UI_CASE=${which}: expected typical, dense, explore, telemetry or all`);
  }
}

/** What BENCH_UI_SAMPLES holds: every measured refresh (or Explore run) per case. */
export interface SamplesFile {
  renderer: string;
  cases: Record<string, { targetP95Ms: number; samples: PaintSample[] }>;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/** p50 and p95 of the second-rAF times, the figure the targets are set on. */
export function doubleRafQuantiles(samples: readonly PaintSample[]): { p50: number; p95: number } {
  const sorted = samples.map((s) => s.doubleRafMs).sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

/** "p95 23.1 ms ≤ 40 ms: PASS (0.58 of target)" */
export function verdict(p95: number, target: number): string {
  return (
    `${p95.toFixed(1)} ms ≤ ${target} ms: ${p95 <= target ? 'PASS' : 'FAIL'} ` +
    `(${(p95 / target).toFixed(2)} of target)`
  );
}
