// What it costs the display compositor to put the dashboard on screen, per style sheet: with the
// dashboard paused, two 20 px squares at opposite corners change colour every 150 ms, so every
// frame's damage is the one rectangle over all panels that a refresh also damages (viz damage is
// a bounding rectangle), and nothing else changes. With --disable-gpu, viz draws that rectangle
// in software (SoftwareRenderer) from every layer's tiles, and the page's next frame waits for it.
//   BENCH_UI_COMPOSITE='base|canvas { visibility: hidden }' npx tsx bench/ui.bench.ts
// prints, per variant ('base' = the page as it is), the median DirectRenderer::DrawFrame time of
// ~20 draws and the quads each drew, from a trace with the 'viz' category.
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** The timer bench:ui's typical case presses "Refresh now" with. */
export type BenchGlobals = { __benchRefresher?: ReturnType<typeof setInterval> };

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
}

const CORNERS = [
  ['bench-corner-a', 'left: 240px; top: 150px'],
  ['bench-corner-b', 'right: 30px; bottom: 20px'],
] as const;

export async function measureComposite(
  browser: Browser,
  page: Page,
  variants: string[],
): Promise<void> {
  // The typical case refreshes a paused dashboard by pressing "Refresh now" from the page; that
  // stops too, so nothing but the squares changes.
  await page.evaluate(() => clearInterval((globalThis as BenchGlobals).__benchRefresher));
  const pause = page.getByRole('button', { name: 'Pause' });
  if (await pause.isVisible()) await pause.click();
  await page.evaluate((corners) => {
    for (const [id, at] of corners) {
      const square = document.createElement('div');
      square.id = id;
      square.style.cssText = `position: fixed; ${at}; width: 20px; height: 20px; z-index: 99`;
      document.body.appendChild(square);
    }
    let n = 0;
    setInterval(() => {
      n++;
      for (const [id] of corners) {
        const square = document.getElementById(id);
        if (square) square.style.background = n % 2 ? '#c0392b' : '#2f6fd0';
      }
    }, 150);
  }, CORNERS);
  const path = join(tmpdir(), `peak-watch-composite-${process.pid}.json`);
  for (const css of variants) {
    const tag = css === 'base' ? null : await page.addStyleTag({ content: css });
    await page.waitForTimeout(500);
    await browser.startTracing(page, { path, categories: ['-*', 'viz'] });
    await page.waitForTimeout(3000);
    await browser.stopTracing();
    const { traceEvents } = JSON.parse(await readFile(path, 'utf8')) as {
      traceEvents: TraceEvent[];
    };
    const draws = traceEvents
      .filter((e) => e.name === 'DirectRenderer::DrawFrame' && e.ph === 'X')
      .map((e) => (e.dur ?? 0) / 1000)
      .sort((a, b) => a - b);
    const quads = traceEvents.filter((e) => e.name === 'SoftwareRenderer::DoDrawQuad').length;
    const median = draws[Math.floor(draws.length / 2)] ?? Number.NaN;
    console.log(
      `  ${css.slice(0, 64).padEnd(64)}  draw p50 ${median.toFixed(2)} ms, ${draws.length} draws, ${Math.round(quads / Math.max(1, draws.length))} quads each`,
    );
    await tag?.evaluate((el) => (el as unknown as { remove(): void }).remove());
  }
  await rm(path, { force: true });
}
