// The latency heatmap against the real stack: after "Send test traffic" with instrumentation on,
// it draws the duration buckets its requests fell in (on the cells' canvas, read back) with the
// quantile line over them, names a cell's bucket, time and rate on hover, and zooms the dashboard when dragged across. Real
// headless console, real Prometheus (native runtime), real Chromium. Screenshot:
// docs/screenshots/heatmap.png.
import { expect, test, type Page } from '@playwright/test';
import { DashboardPage, type HeatmapPanel } from './pages/dashboard';
import { OverviewPage } from './pages/overview';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { backgroundLoad, type Load } from './support/load';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { saveScreenshot } from './support/screenshots';
import { consoleToken } from './support/secrets';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('the latency heatmap against the real stack');

let pw: HeadlessConsole;
let page: Page;
let shell: ConsoleShell;
let dashboard: DashboardPage;
let heatmap: HeatmapPanel;
let load: Load | undefined;

test.beforeAll(async ({ browser }) => {
  pw = await startHeadlessConsole({
    scrapeIntervalSeconds: 1,
    env: { PEAK_TRADE_PROMETHEUS_ENABLED: '1' },
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  shell = new ConsoleShell(page);
  dashboard = new DashboardPage(page);
  heatmap = dashboard.heatmap();
  await shell.open(pw.consoleUrl);
  const overview = new OverviewPage(page);
  await overview.startStack();
  await expect(overview.targetHealth).toHaveText('UP', { timeout: 30_000 });
  await overview.sendTrafficButton.click();
  await expect(overview.trafficResult).toContainText(/Sent \d+ in/, { timeout: 30_000 });
  load = backgroundLoad(pw.metricsUrl, 90);
});

test.afterEach(() => attachOnFailure(page, pw));

test.afterAll(async () => {
  load?.stop();
  await page?.close();
  await pw?.stop();
});

test('after test traffic the heatmap draws the buckets its requests fell in, with the quantile line', async () => {
  await shell.goTo('dashboard');
  await dashboard.setRange(5);
  await heatmap.root.scrollIntoViewIfNeeded();
  await heatmap.expectChart();
  // How many buckets fill depends on how fast this machine answers: on a quiet one every request
  // takes under 5 ms and one row is lit, so that is all this asks — and that it is drawn.
  await expect
    .poll(async () => (await heatmap.drawn()).filledRows, { timeout: 60_000, intervals: [1_000] })
    .toBeGreaterThan(0);
  await expect.poll(async () => (await heatmap.cellPixels()).left).not.toBeNull();
  const drawn = await heatmap.drawn();
  // The seed's eleven buckets and +Inf, each a row, labelled at its bounds.
  expect(drawn.rows).toBe(12);
  expect(await heatmap.axisLabels()).toEqual(
    expect.arrayContaining(['0', '5 ms', '100 ms', '1 s', '10 s', '+Inf']),
  );
  expect(drawn.quantilePoints).toBeGreaterThan(0);
  // The line is drawn over the cells: pixels of its colour, which no cell has.
  expect((await heatmap.cellPixels()).quantile).toBeGreaterThan(0);
  await expect(heatmap.title).toHaveText(/p\(0\.95\) line/);
  await expect(heatmap.scaleLegend).toContainText(/0 … [\d.]+ req\/s/);
  await expect(heatmap.scaleLegend).toContainText('p(0.95) latency');
});

test('dragging across the heatmap zooms the dashboard, the heatmap query follows', async () => {
  const range = page.getByTestId('dashboard-range');
  const before = Number(await heatmap.chart.getAttribute('data-start'));
  const box = await heatmap.plot.boundingBox();
  if (!box) throw new Error('the heatmap has no plot area');
  const y = box.y + box.height / 2;
  // The last 30 s of the 5 minutes: the traffic began seconds ago, and a span without any would
  // show "No traffic yet" instead of the heatmap.
  await page.mouse.move(box.x + box.width * 0.9, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.95, y, { steps: 5 });
  await expect(heatmap.chart.getByTestId('chart-zoom-selection')).toBeVisible();
  await page.mouse.move(box.x + box.width - 1, y, { steps: 5 });
  await page.mouse.up();
  await expect(range).toHaveAttribute('data-zoomed', 'true');
  await expect
    .poll(async () => Number(await heatmap.chart.getAttribute('data-start')), {
      timeout: 60_000,
      message: 'the heatmap query starts later',
    })
    .toBeGreaterThan(before + 60);
  await page.getByTestId('dashboard-range-zoom-out').click();
  await expect(range).toHaveAttribute('data-zoomed', 'false');
});

test('zoomed to the traffic, hovering a cell names its bucket, its time and its rate', async () => {
  await expect.poll(async () => (await heatmap.drawn()).filledRows).toBeGreaterThan(0);
  // The zoom-out re-rendered the page at its top; the cells must be on screen to be hovered.
  await heatmap.root.scrollIntoViewIfNeeded();
  // Zoom to the span with requests in it, as a person reading the heatmap would.
  const box = await heatmap.plot.boundingBox();
  if (!box) throw new Error('the heatmap has no plot area');
  // Let the background load fill 45 s of the 5-minute plot (15 %) first: a few seconds of
  // cells zoomed to the full width say little.
  await expect
    .poll(async () => (box.x + box.width - (await heatmap.firstCellX())) / box.width, {
      timeout: 90_000,
      intervals: [2_000],
      message: 'the traffic covers 45 s of the plot',
    })
    .toBeGreaterThan(0.15);
  const from = Math.max(box.x + 2, (await heatmap.firstCellX()) - 4);
  const y = box.y + box.height / 2;
  await page.mouse.move(from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 1, y, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('dashboard-range')).toHaveAttribute('data-zoomed', 'true');
  await expect
    .poll(async () => (await heatmap.firstCellX()) - box.x, {
      timeout: 60_000,
      message: 'the cells fill the zoomed plot',
    })
    .toBeLessThan(box.width / 3);
  await heatmap.root.scrollIntoViewIfNeeded();
  const at = await heatmap.hottestCell();
  await page.mouse.move(at.x, at.y);
  await expect(heatmap.tooltip).toBeVisible();
  await expect(heatmap.tooltip).toContainText(/\d\d:\d\d:\d\d – \d\d:\d\d:\d\d/);
  await expect(heatmap.tooltip).toContainText(/(0|[\d.]+ (ms|s)) – [\d.]+ (ms|s)|> 10 s/);
  await expect(heatmap.tooltip).toContainText(/[\d.]+ req\/s/);
  await expect(heatmap.tooltip).toContainText('p(0.95)');
  await saveScreenshot(
    page,
    'heatmap',
    {
      token: consoleToken(pw.consoleUrl),
      dataDir: pw.dataDir,
    },
    { keepPointer: true, element: heatmap.root },
  );
});
