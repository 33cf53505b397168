// The Dashboard under load in headless Chromium: its panels fed 50 series × 360 points each by a
// synthetic data source, refreshed every 2 s for 60 s; then Explore drawing one query of 20 series
// × 2,000 points 30 times (bench/ui/explore-case.ts, BENCH_UI_EXPLORE_RUNS). Prints the time from data arrival (the
// last panel response in the page) to painted panels over the refreshes (p50, p95, max), the JS
// heap growth over the run, and saves a screenshot of the dashboard (BENCH_UI_SCREENSHOT).
//   npm run bench:ui                              (builds the renderer first)
//   BENCH_UI_SECONDS=20 npx tsx bench/ui.bench.ts   (a shorter run on an existing build)
//   BENCH_UI_RENDERER=/path/to/out/renderer …       (another build of the renderer, e.g. an older
//                                                    commit's, to compare before and after)
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
//   BENCH_UI_SAMPLES=out/bench/ui-samples.json …   (every measured refresh's figures, to pool
//                                                    several runs into one distribution)
//   BENCH_UI_COMPOSITE='base|canvas { … }' …       (instead of measuring: the display
//                                                    compositor's draw of the still dashboard
//                                                    per style sheet, bench/ui/composite-case.ts)
// The real renderer (out/renderer) is served by the real web host in front of a synthetic
// ConsoleApi (bench/ui/synthetic-console-api.ts). The timings are taken inside the page
// (renderer/src/bench-probe/paint-timing.ts, on with ?bench); this driver only collects them.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { startWebHost } from '../electron/web-host/server';
import type {
  PaintSample,
  PaintTimingProbe,
} from '../renderer/src/bench-probe/refresh-paint-tracker';
import { measureComposite } from './ui/composite-case';
import { EXPLORE_SHAPE, EXPLORE_TARGET_P95_MS, measureExplore } from './ui/explore-case';
import {
  createSyntheticConsoleApi,
  QUERIES_PER_REFRESH,
  type SyntheticShape,
} from './ui/synthetic-console-api';
import { PANELS } from '../shared/dashboard';
import { DURATION_BUCKETS } from '../electron/services/metrics-server/duration-histogram';

import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../e2e/support/chromium';
const root = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 60);
const REFRESH_SECONDS = 2;
const SHAPE: SyntheticShape = { series: 50, points: 360, stepSeconds: 5 };
// Tall enough that every panel (the heatmap last, full width) is on screen, so each is really painted.
const VIEWPORT = { width: 1280, height: 1900 };
const SCREENSHOT =
  process.env.BENCH_UI_SCREENSHOT ?? join(root, 'out', 'bench', 'ui-dashboard.png');
const RENDERER = process.env.BENCH_UI_RENDERER ?? join(root, 'out', 'renderer');
const TARGET_P95_MS = 50;
const TARGET_HEAP_MB = 10;
const EXPLORE_RUNS = Number(process.env.BENCH_UI_EXPLORE_RUNS ?? 30);
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

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
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
  measured: PaintSample[];
  queries: number;
  heapBefore: number;
  heapAfter: number;
  serveMs: number[];
  chromium: string;
  /** 1-minute load average at the start and the end: other work on the machine skews timings. */
  load: [number, number];
  explore: PaintSample[];
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    `p50 ${ms(quantile(sorted, 0.5))}  p95 ${ms(quantile(sorted, 0.95))}  ` +
    `max ${ms(sorted.at(-1) ?? Number.NaN)}`
  );
}

function report(run: Run): void {
  const { measured } = run;
  const p95 = quantile(
    measured.map((s) => s.doubleRafMs).sort((a, b) => a - b),
    0.95,
  );
  const growth = run.heapAfter - run.heapBefore;
  const cpu = os.cpus();
  const lines = [
    '',
    `bench:ui — Dashboard, ${PANELS.length} panels (${QUERIES_PER_REFRESH} queries), ` +
      `${SHAPE.series} series × ${SHAPE.points} points (the heatmap ${DURATION_BUCKETS.length + 1} buckets), ` +
      `refresh every ${REFRESH_SECONDS} s, ${SECONDS} s`,
    `  machine    ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ` +
      `Chromium ${run.chromium}, Node ${process.version}, ` +
      `load ${run.load[0].toFixed(2)} → ${run.load[1].toFixed(2)}`,
    `  refreshes  ${measured.length} (${run.queries} range queries); arrival times from ` +
      `${[...new Set(measured.map((s) => s.arrivalFrom))].join(' and ')}`,
    '  data arrival (the last panel response in the page) → every panel painted',
    `    to the second rAF after the commit   ${stats(measured.map((s) => s.doubleRafMs))}`,
    `    to the task after the painted frame  ${stats(measured.map((s) => s.paintedMs))}`,
    `  first response in → every panel painted  ${stats(measured.map((s) => s.fromFirstMs))}`,
    `    of which waiting for the last response ${stats(measured.map((s) => s.arrivalSpreadMs))}`,
    `  synthetic source builds a matrix in      ${stats(run.serveMs)}`,
    `  JS heap    ${mb(run.heapBefore)} → ${mb(run.heapAfter)} after GC: growth ${mb(growth)}`,
    `  targets    p95 ≤ ${TARGET_P95_MS} ms (second rAF): ${p95 <= TARGET_P95_MS ? 'met' : 'MISSED'}` +
      `; heap growth ≤ ${TARGET_HEAP_MB} MB: ` +
      `${growth <= TARGET_HEAP_MB * 1024 * 1024 ? 'met' : 'MISSED'}`,
    `  Explore    ${EXPLORE_SHAPE.series} series × ${EXPLORE_SHAPE.points} points, ` +
      `${run.explore.length} runs; data arrival → graph painted`,
    `    to the second rAF after the commit   ${stats(run.explore.map((s) => s.doubleRafMs))}`,
    `    to the task after the painted frame  ${stats(run.explore.map((s) => s.paintedMs))}`,
    `  target     Explore p95 ≤ ${EXPLORE_TARGET_P95_MS} ms (second rAF): ${
      quantile(
        run.explore.map((s) => s.doubleRafMs).sort((a, b) => a - b),
        0.95,
      ) <= EXPLORE_TARGET_P95_MS
        ? 'met'
        : 'MISSED'
    }`,
    `  renderer   ${RENDERER}`,
    `  screenshot ${SCREENSHOT}`,
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const api = createSyntheticConsoleApi(SHAPE, EXPLORE_SHAPE);
  const host = await startWebHost({
    api,
    rendererDir: RENDERER,
    port: 0,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_FLAGS,
      ...(process.env.BENCH_UI_JSFLAGS ? [`--js-flags=${process.env.BENCH_UI_JSFLAGS}`] : []),
    ],
  });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    const url = new URL(host.consoleUrl);
    url.searchParams.set('bench', '1');
    url.hash = '/dashboard';
    await page.goto(url.href);
    await page.getByTestId('page-dashboard').waitFor();
    if (process.env.BENCH_UI_CSS) await page.addStyleTag({ content: process.env.BENCH_UI_CSS });
    await page.getByTestId('dashboard-refresh').selectOption(String(REFRESH_SECONDS));
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
      console.log('The display compositor drawing the still dashboard, per style sheet:');
      await measureComposite(browser, page, process.env.BENCH_UI_COMPOSITE.split('|'));
      return;
    }
    console.log(`Measuring for ${SECONDS} s …`);
    if (PROFILE) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    if (HEAP_PROFILE) {
      await cdp.send('HeapProfiler.startSampling', {
        samplingInterval: 16_384,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
    if (TRACE) {
      await browser.startTracing(page, {
        path: TRACE,
        screenshots: false,
        ...(TRACE_CATEGORIES
          ? { categories: [...TRACE_DEFAULT_CATEGORIES, ...TRACE_CATEGORIES] }
          : {}),
      });
    }
    await page.waitForTimeout(SECONDS * 1000);
    if (TRACE) {
      await browser.stopTracing();
      console.log(`Chromium trace of the page while measuring: ${TRACE}`);
    }
    if (HEAP_PROFILE) {
      const { profile } = await cdp.send('HeapProfiler.stopSampling');
      await mkdir(dirname(HEAP_PROFILE), { recursive: true });
      await writeFile(HEAP_PROFILE, JSON.stringify(profile));
      console.log(`Sampling heap profile of the page while measuring: ${HEAP_PROFILE}`);
    }
    if (PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      await mkdir(dirname(PROFILE), { recursive: true });
      await writeFile(PROFILE, JSON.stringify(profile));
      console.log(`CPU profile of the page while measuring: ${PROFILE}`);
    }
    // End on a completed refresh, like the start, so both heaps hold one set of results.
    const endCount = (await samples(page)).length + 1;
    await waitForSamples(page, endCount, 30_000);
    const heapAfter = await heapAfterGc(cdp);
    const measured = (await samples(page)).slice(startCount);
    const queries = (api.calls.get('queryRange') ?? 0) - queriesBefore;

    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const loadAfter = os.loadavg()[0] ?? Number.NaN;
    const explore = await measureExplore(page, host.consoleUrl, EXPLORE_RUNS);

    if (process.env.BENCH_UI_SAMPLES) {
      await mkdir(dirname(process.env.BENCH_UI_SAMPLES), { recursive: true });
      await writeFile(process.env.BENCH_UI_SAMPLES, JSON.stringify({ measured, explore }));
    }
    report({
      measured,
      queries,
      heapBefore,
      heapAfter,
      serveMs: api.serveMs,
      chromium: browser.version(),
      load: [loadBefore, loadAfter],
      explore,
    });
    if (errors.length) console.log(`  page errors:\n    ${errors.join('\n    ')}`);
  } finally {
    await browser.close();
    await host.close();
  }
}

await main();
