// bench:ui's Explore case: one query answering 20 series × 2,000 points, run again and again
// from Explore's Run button; each run's time from data arrival to the painted graph is taken
// inside the page like the dashboard's (bench-probe/paint-timing.ts with ?bench=explore).
import type { Page } from 'playwright-core';
import type {
  PaintSample,
  PaintTimingProbe,
} from '../../renderer/src/bench-probe/refresh-paint-tracker';
import type { SyntheticShape } from './synthetic-console-api';

export const EXPLORE_SHAPE: SyntheticShape = { series: 20, points: 2000, stepSeconds: 5 };
export const EXPLORE_TARGET_P95_MS = 100;
/** 2,000 points 5 s apart: the Explore case asks for the last 3 hours at a 5 s resolution. */
const QUERY = 'explore_bench_series';

type PageGlobals = { __peakWatchPaintTiming?: PaintTimingProbe };

const sampleCount = (page: Page): Promise<number> =>
  page.evaluate(() => (globalThis as PageGlobals).__peakWatchPaintTiming?.samples.length ?? 0);

export async function measureExplore(
  page: Page,
  consoleUrl: string,
  runs: number,
): Promise<PaintSample[]> {
  const url = new URL(consoleUrl);
  url.searchParams.set('bench', 'explore');
  url.hash = `/explore?q=${QUERY}&range=180`;
  await page.goto(url.href);
  await page.getByTestId('explore-resolution').selectOption('5');
  const wait = async (n: number): Promise<void> => {
    await page.waitForFunction(
      (k) => ((globalThis as PageGlobals).__peakWatchPaintTiming?.samples.length ?? 0) >= k,
      n,
      { timeout: 30_000, polling: 50 },
    );
  };
  // Warm-up: the first runs compile code; they are not measured.
  for (let i = 0; i < 3; i++) {
    const before = await sampleCount(page);
    await page.getByTestId('explore-run').click();
    await wait(before + 1);
  }
  await page.evaluate(() => (globalThis as PageGlobals).__peakWatchPaintTiming?.clear());
  for (let i = 0; i < runs; i++) {
    await page.getByTestId('explore-run').click();
    await wait(i + 1);
    await page.waitForTimeout(200); // a person's pause between runs; lets the collector idle
  }
  return page.evaluate(() => [
    ...((globalThis as PageGlobals).__peakWatchPaintTiming?.samples ?? []),
  ]);
}
