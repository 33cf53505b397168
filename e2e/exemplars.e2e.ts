// Exemplar click → trace (issue 22, "Done means"): the embedded server traced into the receiver,
// Prometheus 2.42 with exemplar storage scraping its OpenMetrics exposition, the heatmap's
// exemplar dots from queryExemplars, and a dot's click landing on that request's trace with its
// spans. Real headless console, receiver, Prometheus and Chromium.
// Needs the receiver (wt-recv) and the exemplar storage and queryExemplars (wt-exem) merged.
import { expect, test, type Page } from '@playwright/test';
import { DashboardPage } from './pages/dashboard';
import { OverviewPage } from './pages/overview';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { freePort, startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { backgroundLoad, type Load } from './support/load';
import { skipWithoutPrerequisites } from './support/prerequisites';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('exemplar dots opening a trace');

let pw: HeadlessConsole;
let page: Page;
let load: Load | undefined;

test.beforeAll(async ({ browser }) => {
  const port = await freePort();
  pw = await startHeadlessConsole({
    scrapeIntervalSeconds: 1,
    env: { PEAK_TRADE_PROMETHEUS_ENABLED: '1' },
    settings: [
      ['telemetry.enabled', 'true'],
      ['telemetry.port', String(port)],
      ['telemetry.instrument', 'true'],
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await new ConsoleShell(page).open(pw.consoleUrl);
  const overview = new OverviewPage(page);
  await overview.startStack();
  await expect(overview.targetHealth).toHaveText('UP', { timeout: 30_000 });
  load = backgroundLoad(pw.metricsUrl, 90);
});

test.afterEach(() => attachOnFailure(page, pw));
test.afterAll(async () => {
  load?.stop();
  await page?.close();
  await pw?.stop();
});

test("an exemplar dot on the heatmap opens its request's trace", async () => {
  const dashboard = new DashboardPage(page);
  await page.getByTestId('nav-dashboard').click();
  const heatmap = dashboard.heatmap();
  await heatmap.root.scrollIntoViewIfNeeded();
  const dot = heatmap.root.getByTestId('exemplar-dot').first();
  await expect(dot).toBeVisible({ timeout: 60_000 });
  const traceId = await dot.getAttribute('data-trace-id');
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  await page.screenshot({ path: 'docs/screenshots/exemplar.png' });
  await dot.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/traces/${traceId}$`));
  await expect(page.getByTestId('trace-view')).toHaveAttribute('data-trace-id', traceId!);
  await expect(page.getByTestId('waterfall-row').first()).toBeVisible();
});
