// Series by density (renderer/src/panels/density.ts): a chart whose shown series × samples are
// just under the threshold draws them as recharts Lines (SVG), one just over it on the canvas
// layer — and a person sees the same chart: the same legend, the same values under the mouse.
// Explore's graph (the dashboard's chart code) runs one query of eight constant series, cut to
// the last ~235 s and then ~265 s at a 1 s step, so the two results sit either side of the
// threshold. Real headless console, real Prometheus, real Chromium.
// Both kinds of chart place the series on the value axis's scale, also after the scale changes
// (the axis's labels and grid lines follow it through React context, panels/value-axis.tsx).
// Screenshots: docs/screenshots/chart-density-svg.png and chart-density-canvas.png.
import { expect, test, type Page } from '@playwright/test';
import { SVG_SERIES_MAX_POINTS } from '../renderer/src/panels/density';
import { TICK_FRACTIONS } from '../renderer/src/lib/axis-fraction';
import { linePixels, valueAxisSeen } from './pages/chart';
import { ExplorePage } from './pages/explore';
import { OverviewPage } from './pages/overview';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { saveScreenshot } from './support/screenshots';
import { consoleToken } from './support/secrets';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('series by density');

const SERIES = 8;
/** Samples a series, at a 1 s step, on each side of the threshold (about 6 % from it). */
const UNDER = Math.floor((SVG_SERIES_MAX_POINTS / SERIES) * 0.94);
const OVER = Math.ceil((SVG_SERIES_MAX_POINTS / SERIES) * 1.06);

let pw: HeadlessConsole;
let page: Page;
let explore: ExplorePage;

test.beforeAll(async ({ browser }) => {
  pw = await startHeadlessConsole({ scrapeIntervalSeconds: 1 });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  explore = new ExplorePage(page);
  const shell = new ConsoleShell(page);
  await shell.open(pw.consoleUrl);
  const overview = new OverviewPage(page);
  await overview.startStack();
  await expect(overview.targetHealth).toHaveText('UP', { timeout: 30_000 });
  await shell.goTo('explore');
});

test.afterEach(() => attachOnFailure(page, pw));

test.afterAll(async () => {
  await page?.close();
  await pw?.stop();
});

/**
 * Eight series at the levels 1 … 8 (× `level`), with a sample at every step of the `samples`
 * seconds up to now: both ends are fixed here, so however long the query takes to reach
 * Prometheus, the chart gets `samples` samples a series (the threshold is only a few samples away).
 */
function query(samples: number, level = 1): string {
  const end = Math.floor(Date.now() / 1000);
  const series = Array.from(
    { length: SERIES },
    (_, i) => `label_replace(vector(${(i + 1) * level}), "line", "l${i + 1}", "", "")`,
  );
  return `(${series.join(' or ')}) and on() (vector(time()) > ${end - samples}) and on() (vector(time()) <= ${end})`;
}

interface Seen {
  renderer: string | null;
  legend: string[];
  hover: string[];
}

/** Runs `samples`' query (levels × `level`) and waits for its legend. */
async function run(samples: number, level = 1): Promise<void> {
  await explore.editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(query(samples, level));
  await page.keyboard.press('Escape');
  await explore.run.click();
  await expect(explore.legendItems).toHaveCount(SERIES);
  await expect(explore.legendItems.last()).toContainText(String(SERIES * level));
}

/** Runs `samples`' query and reads what the chart shows: its renderer, legend and hover rows. */
async function show(samples: number, shot: string): Promise<Seen> {
  await run(samples);
  const chart = explore.graph.locator('.timeseries-chart');
  const drawn = await linePixels(explore.graph);
  expect(drawn.painted).toBeGreaterThan(0);
  const plot = chart.getByTestId('chart-plot');
  const box = await plot.boundingBox();
  if (!box) throw new Error('the chart has no plot area');
  // Near the right end, where both results have samples.
  await page.mouse.move(box.x + box.width * 0.97, box.y + box.height / 2);
  const tooltip = chart.getByTestId('chart-tooltip');
  await expect(tooltip).toBeVisible();
  await saveScreenshot(
    page,
    shot,
    { token: consoleToken(pw.consoleUrl), dataDir: pw.dataDir },
    { element: explore.graph, keepPointer: true },
  );
  return {
    renderer: await chart.getAttribute('data-series-renderer'),
    legend: await explore.legendItems.allInnerTexts(),
    hover: await tooltip.locator('.chart-tooltip-row').allInnerTexts(),
  };
}

test('a chart just under the threshold draws recharts Lines, just over it the canvas; both show the same', async () => {
  await explore.range.selectOption('5');
  await explore.resolution.selectOption('1');
  const svg = await show(UNDER, 'chart-density-svg');
  expect(svg.renderer).toBe('svg');
  // Every series is a recharts Line of its own colour.
  expect((await linePixels(explore.graph)).colours).toBe(SERIES);
  const canvas = await show(OVER, 'chart-density-canvas');
  expect(canvas.renderer).toBe('canvas');
  expect(svg.legend).toHaveLength(SERIES);
  expect(canvas.legend).toEqual(svg.legend);
  expect(svg.hover).toHaveLength(SERIES);
  expect(canvas.hover).toEqual(svg.hover);
});

test('the series sit on the value axis, as Lines and on the canvas, and both follow a change of scale', async () => {
  await explore.range.selectOption('5');
  await explore.resolution.selectOption('1');
  const chart = explore.graph.locator('.timeseries-chart');
  // Lines, Lines at ten times the levels, the canvas at those, the canvas at the first levels
  // again: each time the scale changes, and recharts' axis keeps its fixed tick places.
  for (const [samples, level, renderer] of [
    [UNDER, 1, 'svg'],
    [UNDER, 10, 'svg'],
    [OVER, 10, 'canvas'],
    [OVER, 1, 'canvas'],
  ] as const) {
    await run(samples, level);
    await expect(chart).toHaveAttribute('data-series-renderer', renderer);
    const top = SERIES * level;
    await expect
      .poll(async () => (await valueAxisSeen(explore.graph)).labels.at(-1)?.text)
      .toBe(String(top));
    const seen = await valueAxisSeen(explore.graph);
    // recharts draws a tick at every fixed place (most of them empty): its props never changed.
    await expect(
      explore.graph.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-label'),
    ).toHaveCount(TICK_FRACTIONS.length);
    const values = seen.labels.map((l) => Number(l.text));
    // From 0 to the top level in even steps, every label on a grid line and every line labelled.
    expect(values[0]).toBe(0);
    const step = (values[1] ?? 0) - (values[0] ?? 0);
    expect(step).toBeGreaterThan(0);
    values.forEach((v, i) => expect(v).toBeCloseTo(i * step, 6));
    expect(seen.gridLines).toHaveLength(seen.labels.length);
    const byHeight = [...seen.labels].reverse();
    seen.gridLines.forEach((y, i) => expect(Math.abs(y - (byHeight[i]?.y ?? 0))).toBeLessThan(1.5));
    // The highest series at the top label's height, the lowest at 1/8 of the way up from 0.
    const zero = seen.labels[0]?.y ?? 0;
    const topY = seen.labels.at(-1)?.y ?? 0;
    const at = `${renderer}, levels × ${level}: ${JSON.stringify(seen)}`;
    expect(Math.abs(seen.inkTop - topY), at).toBeLessThan(2);
    expect(Math.abs(seen.inkBottom - (zero + (topY - zero) / SERIES)), at).toBeLessThan(2);
  }
});
