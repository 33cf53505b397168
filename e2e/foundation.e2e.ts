// Issue 2's walk: the embedded watch-only server as the console shows it, and the enabled flag
// flipped in the page changing what /metrics serves — real headless console, real Chromium.
import { expect, test, type Page } from '@playwright/test';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { fetchMetrics, httpFamilies, HTTP_FAMILIES, touch } from './support/metrics';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { consoleToken, expectNoSecrets } from './support/secrets';
import { ConsoleShell } from './pages/shell';
import { OverviewPage } from './pages/overview';
import { SettingsPage } from './pages/settings';

test.describe.configure({ mode: 'serial' });
test.skip(skipWithoutPrerequisites('end-to-end foundation walk'), 'Chromium or prometheus missing');

let console_: HeadlessConsole;
let page: Page;

test.beforeAll(async ({ browser }) => {
  console_ = await startHeadlessConsole();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

test.afterAll(async () => {
  await page?.close();
  await console_?.stop();
});

test('the Overview shows the embedded server: listening, its URL and requests served', async () => {
  const shell = new ConsoleShell(page);
  const overview = new OverviewPage(page);
  await shell.open(console_.consoleUrl);
  await expectNoSecrets(page, { token: consoleToken(console_.consoleUrl), dataDir: console_.dataDir });

  const origin = new URL(console_.metricsUrl).origin;
  await expect(overview.serverListening).toHaveText('listening');
  await expect(overview.serverUrl).toHaveText(origin);
  await expect(shell.serverUrl).toHaveText(origin);
  await expect(overview.serverEnabled).toHaveText('instrumentation off');
  await expect(overview.serverStrict).toHaveText('strict off');
  await expect(overview.serverPromClient).toHaveText(/^\d+\.\d+\.\d+$/);

  // The counter moves with requests the page did not make (the Overview re-reads it).
  const before = await overview.requestsServed();
  for (let i = 0; i < 5; i++) expect(await touch(console_.metricsUrl)).toBe(200);
  await expect.poll(() => overview.requestsServed(), { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 5);
});

test('turning instrumentation on in Settings makes peak_trade_http_* appear in /metrics', async () => {
  const shell = new ConsoleShell(page);
  const settings = new SettingsPage(page);
  expect(httpFamilies(await fetchMetrics(console_.metricsUrl))).toEqual([]);

  await shell.goTo('settings');
  await settings.setFlag('enabled', true);
  await touch(console_.metricsUrl);
  await expect
    .poll(async () => httpFamilies(await fetchMetrics(console_.metricsUrl)), { timeout: 10_000 })
    .toEqual(HTTP_FAMILIES);
  const exposition = await fetchMetrics(console_.metricsUrl);
  expect(exposition).toMatch(
    /^peak_trade_http_requests_total\{method="GET",route="\/api\/status",status_code="200"\} \d+/m,
  );

  await shell.goTo('overview');
  await expect(new OverviewPage(page).serverEnabled).toHaveText('instrumentation on');
  await shell.dismissToasts();
  await page.screenshot({ path: test.info().outputPath('foundation-overview.png') });
});

test('turning instrumentation off in Settings removes peak_trade_http_* from /metrics', async () => {
  const shell = new ConsoleShell(page);
  const settings = new SettingsPage(page);
  await shell.goTo('settings');
  await settings.setFlag('enabled', false);
  await touch(console_.metricsUrl);
  await expect
    .poll(async () => httpFamilies(await fetchMetrics(console_.metricsUrl)), { timeout: 10_000 })
    .toEqual([]);
  await shell.goTo('overview');
  await expect(new OverviewPage(page).serverEnabled).toHaveText('instrumentation off');
});
