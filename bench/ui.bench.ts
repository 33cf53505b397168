// The Dashboard under load in headless Chromium, in two cases, then Explore; one run prints each
// case's figures with its target and PASS/FAIL beside them:
//   typical  the seed's dashboard (shared/dashboard.ts, every panel) over the app's own routes
//            (the metrics server's route table), 30 min at 15 s, each query answered as the app's
//            series answer it (no 5xx series: an empty 5xx share)      target p95 ≤ 40 ms
//   dense    every line panel 50 series × 360 points                   target p95 ≤ 50 ms
//   explore  one query of 20 series × 2,000 points run 30 times
//            (bench/ui/explore-case.ts, BENCH_UI_EXPLORE_RUNS)         target p95 ≤ 100 ms
// Each dashboard case refreshes every 2 s for BENCH_UI_SECONDS (60) after three warm-up refreshes;
// its figure is the time from data arrival (the last panel response in the page) to the second
// requestAnimationFrame after every panel committed (p50, p95, max), and the JS heap growth over
// the run (target ≤ 10 MB). A screenshot of each dashboard is saved (BENCH_UI_SCREENSHOT). With
// the defaults a run takes about 3 minutes.
//   npm run bench:ui                              (builds the renderer first)
//   BENCH_UI_SECONDS=20 npx tsx bench/ui.bench.ts   (a shorter run on an existing build)
//   BENCH_UI_CASE=typical|dense|explore|all …      (one case, or all three: the default)
//   BENCH_UI_CASE=telemetry …                      (the Traces and Logs pages: filter → list
//                                                    painted, bench/ui/telemetry-case.ts)
//   BENCH_UI_SHAPE=2x8x121 …                       (instead of the cases: the typical dashboard
//                                                    with the first P of the seed's six panels —
//                                                    rps_by_route, latency_quantiles, rps_total,
//                                                    error_rate, in_flight, then the top-routes
//                                                    bar (ten bars at most) — answering S series
//                                                    of N points over 30 min; P×S×N, P 1–6. The
//                                                    typical case is 2x7x121, dense is close to
//                                                    6x50x360. For sweeping where recharts' lines
//                                                    stop fitting the frame budget: the typical
//                                                    target is printed beside it)
//   BENCH_UI_RENDERER=/path/to/out/renderer …       (another build of the renderer, e.g. an older
//                                                    commit's, to compare before and after;
//                                                    bench/ab.ts alternates two builds)
//   BENCH_UI_PROFILE=out/bench/ui.cpuprofile …      (the page's CPU profile while measuring;
//                                                    the figures then include the profiler's cost)
//   BENCH_UI_HEAP_PROFILE=out/bench/ui.heapprofile … (what the page allocated while measuring,
//                                                    collected objects included: sampling heap
//                                                    profiler; open in DevTools' Memory panel)
//   BENCH_UI_TRACE=out/bench/ui-trace.json …       (a Chromium trace: load it in DevTools'
//                                                    Performance panel or ui.perfetto.dev)
//   BENCH_UI_CSS='.legend { display: none }' …     (a style sheet added to the page: what
//                                                    does hiding or changing one part save?)
//   BENCH_UI_TRACE_CATEGORIES=viz …                (more trace categories beside the default)
//   BENCH_UI_JSFLAGS=--trace-gc …                  (V8 flags for the page; its output shows
//                                                    with DEBUG=pw:browser)
//   BENCH_UI_SAMPLES=out/bench/ui-samples.json …   (every measured refresh's figures per case,
//                                                    to pool several runs: bench/ab.ts reads them)
//   BENCH_UI_COMPOSITE='base|canvas { … }' …       (instead of measuring: the display
//                                                    compositor's draw of the still dashboard
//                                                    per style sheet, bench/ui/composite-case.ts;
//                                                    the first dashboard case selected)
// With two dashboard cases, the profile, heap profile, trace and screenshot paths get the case's
// name before their extension (ui-trace-typical.json).
// The real renderer (out/renderer) is served by the real web host in front of a synthetic
// ConsoleApi (bench/ui/synthetic-console-api.ts). The timings are taken inside the page
// (renderer/src/bench-probe/paint-timing.ts, on with ?bench); this driver only collects them.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, extname, join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { startWebHost } from '../electron/web-host/server';
import type {
  PaintSample,
  PaintTimingProbe,
} from '../renderer/src/bench-probe/refresh-paint-tracker';
import {
  DENSE,
  doubleRafQuantiles,
  EXPLORE_CASE,
  quantile,
  selectedCases,
  TARGET_HEAP_MB,
  verdict,
  type DashboardCase,
  type SamplesFile,
} from './ui/cases';
import { measureComposite, type BenchGlobals } from './ui/composite-case';
import { EXPLORE_SHAPE, measureExplore } from './ui/explore-case';
import { runTelemetryCase } from './ui/telemetry-case';
import { createSyntheticConsoleApi, QUERIES_PER_REFRESH } from './ui/synthetic-console-api';
import { PANELS } from '../shared/dashboard';
import { DURATION_BUCKETS } from '../electron/services/metrics-server/duration-histogram';

import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../e2e/support/chromium';
const root = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 60);
const REFRESH_SECONDS = 2;
// Tall enough that every panel (the heatmap last, full width) is on screen, so each is really painted.
const VIEWPORT = { width: 1280, height: 1900 };
const RENDERER = process.env.BENCH_UI_RENDERER ?? join(root, 'out', 'renderer');
const EXPLORE_RUNS = Number(process.env.BENCH_UI_EXPLORE_RUNS ?? 30);
const SELECTED = selectedCases(process.env);
/** A .cpuprofile of the page over the measured refreshes (open in Chromium's DevTools). */
const PROFILE = process.env.BENCH_UI_PROFILE;
/** A sampling heap profile of the page over the measured refreshes, garbage included. */
const HEAP_PROFILE = process.env.BENCH_UI_HEAP_PROFILE;
/** A Chromium trace (style, layout, paint, raster too) over the measured refreshes. */
const TRACE = process.env.BENCH_UI_TRACE;
/** More trace categories (comma-separated, e.g. `viz,cc`) beside playwright's default ones. */
const TRACE_CATEGORIES = process.env.BENCH_UI_TRACE_CATEGORIES?.split(',').filter(Boolean);
/** playwright-core's defaults for `startTracing` (which replaces them when categories are given). */
const TRACE_DEFAULT_CATEGORIES = [
  '-*',
  'devtools.timeline',
  'v8.execute',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'blink.console',
  'blink.user_timing',
  'latencyInfo',
  'disabled-by-default-devtools.timeline.stack',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-v8.cpu_profiler.hires',
];

/** A path for one dashboard case: the case's name before the extension when several run. */
function forCase(path: string, c: DashboardCase): string {
  if (SELECTED.dashboards.length < 2) return path;
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}-${c.name}${ext}`;
}

type PageGlobals = { __peakWatchPaintTiming?: PaintTimingProbe };

const ms = (v: number): string => `${v.toFixed(1)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function samples(page: Page): Promise<PaintSample[]> {
  return page.evaluate(() => [
    ...((globalThis as PageGlobals).__peakWatchPaintTiming?.samples ?? []),
  ]);
}

async function waitForSamples(page: Page, count: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (n) => ((globalThis as PageGlobals).__peakWatchPaintTiming?.samples.length ?? 0) >= n,
    count,
    { timeout: timeoutMs, polling: 50 },
  );
}

/** Used JS heap after a full collection. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
  if (used === undefined) throw new Error('Performance.getMetrics has no JSHeapUsedSize');
  return used;
}

interface Run {
  case: DashboardCase;
  measured: PaintSample[];
  queries: number;
  heapBefore: number;
  heapAfter: number;
  serveMs: number[];
  /** 1-minute load average at the start and the end: other work on the machine skews timings. */
  load: [number, number];
  screenshot: string;
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    `p50 ${ms(quantile(sorted, 0.5))}  p95 ${ms(quantile(sorted, 0.95))}  ` +
    `max ${ms(sorted.at(-1) ?? Number.NaN)}`
  );
}

const heapMet = (run: Run): boolean => run.heapAfter - run.heapBefore <= TARGET_HEAP_MB * 1024 ** 2;

function report(run: Run): void {
  const { measured, case: c } = run;
  const { p95 } = doubleRafQuantiles(measured);
  const lines = [
    '',
    `bench:ui ${c.name} — Dashboard, ${PANELS.length} panels (${QUERIES_PER_REFRESH} queries): ` +
      `${c.describe}; the heatmap ${DURATION_BUCKETS.length + 1} buckets; ` +
      `refresh every ${REFRESH_SECONDS} s, ${SECONDS} s`,
    `  load       ${run.load[0].toFixed(2)} → ${run.load[1].toFixed(2)}`,
    `  refreshes  ${measured.length} (${run.queries} range queries); arrival times from ` +
      `${[...new Set(measured.map((s) => s.arrivalFrom))].join(' and ')}`,
    '  data arrival (the last panel response in the page) → every panel painted',
    `    to the second rAF after the commit   ${stats(measured.map((s) => s.doubleRafMs))}`,
    `    to the task after the painted frame  ${stats(measured.map((s) => s.paintedMs))}`,
    `  first response in → every panel painted  ${stats(measured.map((s) => s.fromFirstMs))}`,
    `    of which waiting for the last response ${stats(measured.map((s) => s.arrivalSpreadMs))}`,
    `  synthetic source builds a matrix in      ${stats(run.serveMs)}`,
    `  JS heap    ${mb(run.heapBefore)} → ${mb(run.heapAfter)} after GC: ` +
      `growth ${mb(run.heapAfter - run.heapBefore)}`,
    `  targets    p95 (second rAF) ${verdict(p95, c.targetP95Ms)}; heap growth ≤ ${TARGET_HEAP_MB} MB: ` +
      `${heapMet(run) ? 'PASS' : 'FAIL'}`,
    `  screenshot ${run.screenshot}`,
  ];
  console.log(lines.join('\n'));
}

function reportExplore(explore: PaintSample[]): void {
  const { p95 } = doubleRafQuantiles(explore);
  console.log(
    [
      '',
      `bench:ui explore — ${EXPLORE_SHAPE.series} series × ${EXPLORE_SHAPE.points} points, ` +
        `${explore.length} runs; data arrival → graph painted`,
      `    to the second rAF after the commit   ${stats(explore.map((s) => s.doubleRafMs))}`,
      `    to the task after the painted frame  ${stats(explore.map((s) => s.paintedMs))}`,
      `  target     p95 (second rAF) ${verdict(p95, EXPLORE_CASE.targetP95Ms)}`,
    ].join('\n'),
  );
}

/** The cases side by side: what the lead reads first. */
function summary(browser: Browser, runs: Run[], explore: PaintSample[] | null): void {
  const cpu = os.cpus();
  const row = (name: string, n: number, s: PaintSample[], target: number, heap: string): string => {
    const { p50, p95 } = doubleRafQuantiles(s);
    return (
      `  ${name.padEnd(12)} ${String(n).padStart(4)}  ${p50.toFixed(1).padStart(7)}  ` +
      `${p95.toFixed(1).padStart(7)}  ≤ ${String(target).padStart(3)} ms  ` +
      `${(p95 / target).toFixed(2).padStart(5)}  ${p95 <= target ? 'PASS' : 'FAIL'}  ${heap}`
    );
  };
  const lines = [
    '',
    'bench:ui — data arrival → second rAF after the commit, ms',
    `  machine    ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ` +
      `Chromium ${browser.version()}, Node ${process.version}`,
    `  renderer   ${RENDERER}`,
    `  case          n      p50      p95  target     p95/target   heap growth (≤ ${TARGET_HEAP_MB} MB)`,
    ...runs.map((r) =>
      row(
        r.case.name,
        r.measured.length,
        r.measured,
        r.case.targetP95Ms,
        `${mb(r.heapAfter - r.heapBefore)} ${heapMet(r) ? 'PASS' : 'FAIL'}`,
      ),
    ),
    ...(explore
      ? [row(EXPLORE_CASE.name, explore.length, explore, EXPLORE_CASE.targetP95Ms, '—')]
      : []),
  ];
  console.log(lines.join('\n'));
}

/** Opens a page with the console on a synthetic source; `run` gets the page and its api. */
async function withConsole<T>(
  browser: Browser,
  c: DashboardCase,
  run: (
    page: Page,
    api: ReturnType<typeof createSyntheticConsoleApi>,
    consoleUrl: string,
    errors: string[],
  ) => Promise<T>,
): Promise<T> {
  const api = createSyntheticConsoleApi(c.shape, EXPLORE_SHAPE, c.app);
  const host = await startWebHost({ api, rendererDir: RENDERER, port: 0 });
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const result = await run(page, api, host.consoleUrl, errors);
    if (errors.length) console.log(`  page errors (${c.name}):\n    ${errors.join('\n    ')}`);
    return result;
  } finally {
    await context.close();
    await host.close();
  }
}

/** One dashboard case measured; null when BENCH_UI_COMPOSITE measured the compositor instead. */
async function measureDashboard(browser: Browser, c: DashboardCase): Promise<Run | null> {
  return withConsole(browser, c, async (page, api, consoleUrl) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    const url = new URL(consoleUrl);
    url.searchParams.set('bench', '1');
    url.hash = '/dashboard';
    await page.goto(url.href);
    await page.getByTestId('page-dashboard').waitFor();
    if (process.env.BENCH_UI_CSS) await page.addStyleTag({ content: process.env.BENCH_UI_CSS });
    if (c.app) {
      // The dashboard refreshes itself no faster than the scrape interval (15 s here): paused,
      // with "Refresh now" pressed every 2 s inside the page, it gives as many refreshes as the
      // dense case's 2 s timer, each the same work as a timed one. Like the timer's tick, a
      // press waits while the last refresh has not painted (a press then would queue one more
      // right behind it), but not for ever: a refresh that never completes is left behind.
      await page.getByTestId('dashboard-pause').click();
      await page.evaluate((everyMs) => {
        const g = globalThis as BenchGlobals & PageGlobals;
        let seen = -1;
        let skipped = 0;
        g.__benchRefresher = setInterval(() => {
          const painted = g.__peakWatchPaintTiming?.samples.length ?? 0;
          if (painted === seen && skipped++ < 4) return;
          seen = painted;
          skipped = 0;
          document.querySelector<HTMLElement>('[data-testid="dashboard-refresh-now"]')?.click();
        }, everyMs);
      }, REFRESH_SECONDS * 1000);
    } else {
      await page.getByTestId('dashboard-refresh').selectOption(String(REFRESH_SECONDS));
    }
    const probe = await page.evaluate(
      () => (globalThis as PageGlobals).__peakWatchPaintTiming !== undefined,
    );
    if (!probe) throw new Error('the page has no paint-timing probe: is ?bench passed through?');

    // Warm-up: the first refreshes compile code and fill caches; they are not measured.
    await waitForSamples(page, 3, 60_000);
    await page.evaluate(() => (globalThis as PageGlobals).__peakWatchPaintTiming?.clear());
    await waitForSamples(page, 1, 30_000);
    const heapBefore = await heapAfterGc(cdp);
    const startCount = (await samples(page)).length;
    const queriesBefore = api.calls.get('queryRange') ?? 0;
    const loadBefore = os.loadavg()[0] ?? Number.NaN;
    api.serveMs.length = 0;

    if (process.env.BENCH_UI_COMPOSITE) {
      console.log(`The display compositor drawing the still ${c.name} dashboard, per style sheet:`);
      await measureComposite(browser, page, process.env.BENCH_UI_COMPOSITE.split('|'));
      return null;
    }
    console.log(`Measuring ${c.name} for ${SECONDS} s …`);
    const profile = PROFILE && forCase(PROFILE, c);
    const heapProfile = HEAP_PROFILE && forCase(HEAP_PROFILE, c);
    const trace = TRACE && forCase(TRACE, c);
    if (profile) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    if (heapProfile) {
      await cdp.send('HeapProfiler.startSampling', {
        samplingInterval: 16_384,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
    if (trace) {
      await browser.startTracing(page, {
        path: trace,
        screenshots: false,
        ...(TRACE_CATEGORIES
          ? { categories: [...TRACE_DEFAULT_CATEGORIES, ...TRACE_CATEGORIES] }
          : {}),
      });
    }
    await page.waitForTimeout(SECONDS * 1000);
    if (trace) {
      await browser.stopTracing();
      console.log(`Chromium trace of the page while measuring: ${trace}`);
    }
    if (heapProfile) {
      const { profile: heap } = await cdp.send('HeapProfiler.stopSampling');
      await mkdir(dirname(heapProfile), { recursive: true });
      await writeFile(heapProfile, JSON.stringify(heap));
      console.log(`Sampling heap profile of the page while measuring: ${heapProfile}`);
    }
    if (profile) {
      const { profile: cpu } = await cdp.send('Profiler.stop');
      await mkdir(dirname(profile), { recursive: true });
      await writeFile(profile, JSON.stringify(cpu));
      console.log(`CPU profile of the page while measuring: ${profile}`);
    }
    // End on a completed refresh, like the start, so both heaps hold one set of results.
    const endCount = (await samples(page)).length + 1;
    await waitForSamples(page, endCount, 30_000);
    const heapAfter = await heapAfterGc(cdp);
    const measured = (await samples(page)).slice(startCount);
    const queries = (api.calls.get('queryRange') ?? 0) - queriesBefore;
    const loadAfter = os.loadavg()[0] ?? Number.NaN;

    const screenshot =
      process.env.BENCH_UI_SCREENSHOT !== undefined
        ? forCase(process.env.BENCH_UI_SCREENSHOT, c)
        : join(root, 'out', 'bench', `ui-${c.name}.png`);
    await mkdir(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    const run: Run = {
      case: c,
      measured,
      queries,
      heapBefore,
      heapAfter,
      serveMs: [...api.serveMs],
      load: [loadBefore, loadAfter],
      screenshot,
    };
    report(run);
    return run;
  });
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_FLAGS,
      ...(process.env.BENCH_UI_JSFLAGS ? [`--js-flags=${process.env.BENCH_UI_JSFLAGS}`] : []),
    ],
  });
  try {
    const runs: Run[] = [];
    for (const c of SELECTED.dashboards) {
      const run = await measureDashboard(browser, c);
      if (!run) return; // BENCH_UI_COMPOSITE: the compositor's figures are the whole output
      runs.push(run);
    }
    let explore: PaintSample[] | null = null;
    if (SELECTED.explore) {
      console.log(`Measuring explore, ${EXPLORE_RUNS} runs …`);
      explore = await withConsole(browser, DENSE, (page, _api, consoleUrl) =>
        measureExplore(page, consoleUrl, EXPLORE_RUNS),
      );
      reportExplore(explore);
    }
    if (SELECTED.telemetry) {
      await withConsole(browser, DENSE, (page, _api, consoleUrl) =>
        runTelemetryCase(page, consoleUrl),
      );
    }
    if (process.env.BENCH_UI_SAMPLES) {
      const file: SamplesFile = { renderer: RENDERER, cases: {} };
      for (const r of runs) {
        file.cases[r.case.name] = { targetP95Ms: r.case.targetP95Ms, samples: r.measured };
      }
      if (explore) {
        file.cases[EXPLORE_CASE.name] = { targetP95Ms: EXPLORE_CASE.targetP95Ms, samples: explore };
      }
      await mkdir(dirname(process.env.BENCH_UI_SAMPLES), { recursive: true });
      await writeFile(process.env.BENCH_UI_SAMPLES, JSON.stringify(file));
    }
    summary(browser, runs, explore);
  } finally {
    await browser.close();
  }
}

await main();
