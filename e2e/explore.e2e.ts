// Explore against the real stack: a person types a metric name, picks it from the completion
// list (filled from their own Prometheus, through the console), runs it with Enter and sees
// the series drawn and listed; a broken query shows Prometheus's own message; a dashboard
// panel's "Explore" opens its query there; a reload keeps it; dragging across a chart (dashboard
// or Explore) zooms the queries into that span and Zoom out goes back. Real headless console,
// real Prometheus (native runtime), real Chromium. Screenshots: docs/screenshots/explore*.png.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fetchManaged } from '../electron/services/prometheus/testing';
import { DashboardPage } from './pages/dashboard';
import { linePixels } from './pages/chart';
import { ExplorePage } from './pages/explore';
import { OverviewPage } from './pages/overview';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { backgroundLoad, type Load } from './support/load';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { saveScreenshot } from './support/screenshots';
import { consoleToken } from './support/secrets';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('Explore against the real stack');

const METRIC = 'peak_trade_http_requests_total';

let pw: HeadlessConsole;
let page: Page;
let shell: ConsoleShell;
let explore: ExplorePage;
let load: Load | undefined;

const shot = (name: string) =>
  saveScreenshot(page, name, { token: consoleToken(pw.consoleUrl), dataDir: pw.dataDir });

test.beforeAll(async ({ browser }) => {
  pw = await startHeadlessConsole({
    scrapeIntervalSeconds: 1,
    env: { PEAK_TRADE_PROMETHEUS_ENABLED: '1' },
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  shell = new ConsoleShell(page);
  explore = new ExplorePage(page);
  await shell.open(pw.consoleUrl);
  const overview = new OverviewPage(page);
  await overview.startStack();
  load = backgroundLoad(pw.metricsUrl, 90);
  await expect(overview.targetHealth).toHaveText('UP', { timeout: 30_000 });
  // Rates need samples: on a fast run the tests below came while the stack held 2–3 s of them,
  // and a rate at the range's steps was still empty. Start once 10 s of traffic are scraped.
  const url = `http://127.0.0.1:${pw.prometheusPort}/api/v1/query?query=${encodeURIComponent(
    `count_over_time(${METRIC}{route="/api/status"}[1m])`,
  )}`;
  await expect
    .poll(
      async () => {
        const body = (await (await fetchManaged(pw.dataDir, url)).json()) as {
          data?: { result?: { value: [number, string] }[] };
        };
        return Number(body.data?.result?.[0]?.value[1] ?? 0);
      },
      { timeout: 60_000, message: '10 s of scraped traffic in Prometheus' },
    )
    .toBeGreaterThanOrEqual(10);
});

test.afterEach(() => attachOnFailure(page, pw));

test.afterAll(async () => {
  load?.stop();
  await page?.close();
  await pw?.stop();
});

test('typing a metric name offers it from Prometheus; picked and run, its series are drawn and listed', async () => {
  await shell.goTo('explore');
  // The metric appears in Prometheus once a scrape has seen the test traffic.
  await expect(async () => {
    await explore.type('peak_trade_http_req');
    await expect(explore.completions.filter({ hasText: METRIC }).first()).toBeVisible({
      timeout: 3_000,
    });
  }).toPass({ timeout: 40_000 });
  await explore.pick(METRIC);
  expect(await explore.editorText()).toBe(METRIC);
  await page.keyboard.press('Enter');
  // A series first scraped seconds ago may have no sample at the range's steps yet (they end up
  // to one step before now): run again until the next step holds it, as a person would.
  await expect(async () => {
    if (!(await explore.graph.isVisible())) await explore.run.click();
    await expect(explore.graph).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(explore.legendItems.first()).toContainText(METRIC);
  expect(await explore.legendItems.count()).toBeGreaterThan(1);
  // The lines are drawn: ink on the canvas, in more than one series' colour.
  const drawn = await linePixels(explore.graph);
  expect(drawn.painted).toBeGreaterThan(0);
  expect(drawn.colours).toBeGreaterThan(1);
  expect(page.url()).toContain(`q=${METRIC}`);
  await explore.tableTab.click();
  await expect(explore.tableRows.first()).toContainText(`${METRIC}{`);
  await expect(explore.tableRows.first()).toContainText('route="');
});

test('Shift+Enter adds a line, Enter runs the whole query', async () => {
  await explore.graphTab.click();
  await explore.type('sum by (route) (');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type(`rate(${METRIC}[1m])`, { delay: 10 });
  await page.keyboard.press('Escape');
  expect((await explore.editorText()).split('\n').length).toBeGreaterThan(1);
  await page.keyboard.press('Enter');
  // The rate needs two samples in its minute at one of the range's steps: on a stack seconds
  // old the first answer can be empty ("Empty query result"); run again, as a person would.
  await expect(async () => {
    if (!(await explore.graph.isVisible())) await explore.run.click();
    await expect(explore.legendItems.first()).not.toContainText(METRIC, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(explore.legendItems.first()).toContainText('route="');
  // The stack is a minute old: the last 5 minutes show its lines with a shape.
  await explore.range.selectOption('5');
  await expect(explore.graph).toBeVisible();
  await shot('explore');
  await explore.tableTab.click();
  await expect(explore.tableRows.first()).toContainText('route="');
  await shot('explore-table');
  await explore.graphTab.click();
});

test("a broken query shows Prometheus's own parse error", async () => {
  await explore.type('sum(rate(');
  await page.keyboard.press('Escape');
  await explore.run.click();
  await expect(explore.errorMessage).toContainText(/parse error/);
  await shot('explore-error');
});

test('the history keeps what was run and finds it again', async () => {
  await expect(explore.historyItems.first()).toContainText('sum(rate(');
  await explore.historySearch.fill('by (route)');
  await expect(explore.historyItems).toHaveCount(1);
  await explore.historyItems.first().click();
  await expect(explore.legendItems.first()).toContainText('route="');
});

test("a dashboard panel's Explore opens its query there, and a reload keeps it", async () => {
  await shell.goTo('dashboard');
  const panel = new DashboardPage(page).panel('rps_total');
  await panel.root.getByTestId('panel-explore').click();
  await expect(explore.root).toBeVisible();
  expect(await explore.editorText()).toContain(METRIC);
  await expect(explore.graph).toBeVisible();
  const query = await explore.editorText();
  const step = await explore.graph.locator('[data-step]').getAttribute('data-step');
  await page.reload();
  await expect(explore.root).toBeVisible();
  expect(await explore.editorText()).toBe(query);
  await expect(explore.graph).toBeVisible();
  // At the same resolution: the reloaded page waited for the settings' scrape interval (1 s)
  // instead of running at the default's 15 s step.
  await expect(explore.graph.locator('[data-step]')).toHaveAttribute('data-step', step ?? '');
});

/** The chart's queried window (unix s), as the panel's last range query asked for it. */
async function chartWindow(chart: Locator): Promise<{ start: number; end: number }> {
  return {
    start: Number(await chart.getAttribute('data-start')),
    end: Number(await chart.getAttribute('data-end')),
  };
}

/** Drags across the last fifth of a chart's plot (where this test's traffic is), as a person
 * selecting a spike. */
async function dragAcross(chart: Locator): Promise<void> {
  const plot = chart.getByTestId('chart-plot');
  const box = await plot.boundingBox();
  if (!box) throw new Error('the chart has no plot area');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.8, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.9, y, { steps: 5 });
  await expect(chart.getByTestId('chart-zoom-selection')).toBeVisible();
  await page.mouse.move(box.x + box.width * 0.98, y, { steps: 5 });
  await page.mouse.up();
}

test("dragging across a dashboard chart zooms every panel's query, and Zoom out goes back", async () => {
  await shell.goTo('dashboard');
  const range = page.getByTestId('dashboard-range');
  const chart = page.getByTestId('panel-rps_total').locator('.timeseries-chart');
  const other = page.getByTestId('panel-rps_by_route').locator('.timeseries-chart');
  // The stack started a minute ago: look at the last 5 minutes, where its data is.
  await range.selectOption('5');
  await expect
    .poll(async () => (await chartWindow(chart)).end - (await chartWindow(chart)).start)
    .toBeLessThanOrEqual(330);
  const before = await chartWindow(chart);
  await dragAcross(chart);
  await expect(range).toHaveAttribute('data-zoomed', 'true');
  await expect
    .poll(async () => (await chartWindow(chart)).start, { message: 'the query starts later' })
    .toBeGreaterThan(before.start + 60);
  const zoomed = await chartWindow(chart);
  expect(zoomed.end - zoomed.start).toBeLessThan((before.end - before.start) / 2);
  expect(zoomed.end).toBeLessThan(before.end);
  // Every panel follows, not only the one dragged on.
  await expect.poll(async () => (await chartWindow(other)).start).toBe(zoomed.start);
  await shot('dashboard-zoomed');
  await page.getByTestId('dashboard-range-zoom-out').click();
  await expect(range).toHaveAttribute('data-zoomed', 'false');
  await expect
    .poll(async () => {
      const w = await chartWindow(chart);
      return w.end - w.start;
    })
    .toBeGreaterThanOrEqual(before.end - before.start - 60);
});

test('dragging across the Explore graph zooms its query too', async () => {
  await shell.goTo('explore');
  await expect(explore.graph).toBeVisible();
  await page.getByTestId('explore-range').selectOption('5');
  const chart = explore.graph.locator('.timeseries-chart');
  await expect
    .poll(async () => (await chartWindow(chart)).end - (await chartWindow(chart)).start)
    .toBeLessThanOrEqual(330);
  const before = await chartWindow(chart);
  await dragAcross(chart);
  await expect(page.getByTestId('explore-range')).toHaveAttribute('data-zoomed', 'true');
  await expect.poll(async () => (await chartWindow(chart)).start).toBeGreaterThan(before.start);
  await page.getByTestId('explore-range-zoom-out').click();
  await expect(page.getByTestId('explore-range')).toHaveAttribute('data-zoomed', 'false');
});

test('a range selector lists its raw samples in the table, each value with its time', async () => {
  // `up` is scraped every second here: the last 10 s hold several samples, all of them 1.
  await explore.type('up{job="peak_trade_web"}[10s]');
  await page.keyboard.press('Escape');
  await explore.run.click();
  await explore.tableTab.click();
  const row = explore.tableRows.first();
  await expect(row).toContainText('up{');
  await expect(row).toContainText('job="peak_trade_web"');
  const samples = row.locator('.explore-samples > div');
  await expect(samples.first()).toHaveText(/^1 @ \d\d:\d\d:\d\d$/);
  expect(await samples.count()).toBeGreaterThan(3);
  await explore.graphTab.click();
});
