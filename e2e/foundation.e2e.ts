// Issue 2's walk: the embedded watch-only server as the console shows it, and the enabled flag
// flipped in the page changing what /metrics serves — real headless console, real Chromium.
import { expect, test, type Page } from '@playwright/test';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { attachOnFailure } from './support/failure';
import { fetchMetrics, httpFamilies, HTTP_FAMILIES, touch } from './support/metrics';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { consoleToken, expectNoSecrets } from './support/secrets';
import { ConsoleShell } from './pages/shell';
import { OverviewPage } from './pages/overview';
import { SettingsPage } from './pages/settings';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('the end-to-end foundation walk', { prometheus: false });

let pw: HeadlessConsole;
let page: Page;

test.beforeAll(async ({ browser }) => {
  pw = await startHeadlessConsole();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

test.afterEach(() => attachOnFailure(page, pw));

test.afterAll(async () => {
  await page?.close();
  await pw?.stop();
});

test('the Overview shows the embedded server: listening, its URL and requests served', async () => {
  const shell = new ConsoleShell(page);
  const overview = new OverviewPage(page);
  await shell.open(pw.consoleUrl);
  await expectNoSecrets(page, {
    token: consoleToken(pw.consoleUrl),
    dataDir: pw.dataDir,
  });

  const origin = new URL(pw.metricsUrl).origin;
  await expect(overview.serverListening).toHaveText('listening');
  await expect(overview.serverUrl).toHaveText(origin);
  await expect(shell.serverUrl).toHaveText(origin);
  await expect(overview.serverEnabled).toHaveText('instrumentation off');
  await expect(overview.serverStrict).toHaveText('strict off');
  await expect(overview.serverPromClient).toHaveText(/^\d+\.\d+\.\d+$/);

  // The counter moves with requests the page did not make (the Overview re-reads it).
  const before = await overview.requestsServed();
  for (let i = 0; i < 5; i++) expect(await touch(pw.metricsUrl)).toBe(200);
  await expect
    .poll(() => overview.requestsServed(), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(before + 5);
});

test('turning instrumentation on in Settings makes peak_trade_http_* appear in /metrics', async () => {
  const shell = new ConsoleShell(page);
  const settings = new SettingsPage(page);
  expect(httpFamilies(await fetchMetrics(pw.metricsUrl))).toEqual([]);

  await shell.goTo('settings');
  await settings.setFlag('enabled', true);
  await touch(pw.metricsUrl);
  await expect
    .poll(async () => httpFamilies(await fetchMetrics(pw.metricsUrl)), { timeout: 10_000 })
    .toEqual(HTTP_FAMILIES);
  const exposition = await fetchMetrics(pw.metricsUrl);
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
  await touch(pw.metricsUrl);
  await expect
    .poll(async () => httpFamilies(await fetchMetrics(pw.metricsUrl)), { timeout: 10_000 })
    .toEqual([]);
  await shell.goTo('overview');
  await expect(new OverviewPage(page).serverEnabled).toHaveText('instrumentation off');
});
