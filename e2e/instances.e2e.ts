// Two instances of the app, as a person adds them: the real headless console and its native
// Prometheus scrape the embedded server; a second embedded MetricsServer is added in Settings →
// Instances of the app (Prometheus finds it through its file_sd file, no reload). The Dashboard's
// Instance picker then lists both, and picking one filters every panel to it. Real Chromium.
// Screenshot: docs/screenshots/dashboard-instances.png.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MetricsServer } from '../electron/services/metrics-server';
import { DashboardPage } from './pages/dashboard';
import { OverviewPage } from './pages/overview';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { touch } from './support/metrics';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { saveScreenshot } from './support/screenshots';
import { consoleToken } from './support/secrets';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('two instances of the app against the real stack');

let pw: HeadlessConsole;
let second: MetricsServer;
let secondTarget = '';
let firstTarget = '';
let page: Page;
let shell: ConsoleShell;
let dashboard: DashboardPage;
/** How often the native Prometheus has loaded its configuration file before the instance. */
let loadsBefore = 0;

const configLoads = async (): Promise<number> =>
  (await readFile(join(pw.dataDir, 'native', 'prometheus.log'), 'utf8')).split(
    'Completed loading of configuration file',
  ).length - 1;

test.beforeAll(async ({ browser }) => {
  pw = await startHeadlessConsole({
    scrapeIntervalSeconds: 1,
    env: { PEAK_TRADE_PROMETHEUS_ENABLED: '1' },
  });
  second = new MetricsServer({
    host: '127.0.0.1',
    port: 0,
    enabled: true,
    strict: false,
    token: null,
  });
  await second.start();
  secondTarget = `127.0.0.1:${second.address?.port ?? 0}`;
  firstTarget = `127.0.0.1:${pw.metricsPort}`;
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  shell = new ConsoleShell(page);
  dashboard = new DashboardPage(page);
  await shell.open(pw.consoleUrl);
  const overview = new OverviewPage(page);
  await overview.startStack();
  await expect(overview.targetHealth).toHaveText('UP', { timeout: 30_000 });
});

test.afterEach(() => attachOnFailure(page, pw));

test.afterAll(async () => {
  await page?.close();
  await second?.stop();
  await pw?.stop();
});

test('Settings adds a second instance; Prometheus scrapes it without a reload', async () => {
  await shell.goTo('settings');
  const card = page.getByTestId('settings-instances');
  await expect(card.getByTestId('settings-instances-empty')).toBeVisible();
  await card.getByTestId('settings-instance-target').fill('not a target');
  await expect(card.getByTestId('settings-instance-error')).toContainText('host:port');
  await expect(card.getByTestId('settings-instance-add')).toBeDisabled();
  await card.getByTestId('settings-instance-target').fill(firstTarget);
  await expect(card.getByTestId('settings-instance-error')).toContainText('embedded server');
  await card.getByTestId('settings-instance-target').fill(secondTarget);
  loadsBefore = await configLoads();
  expect(loadsBefore).toBeGreaterThan(0);
  await card.getByTestId('settings-instance-add').click();
  await expect(card.getByTestId('settings-instance')).toHaveText(new RegExp(secondTarget));
  await shell.dismissToasts();
  // Over the web host the token file field gives way to where it can be chosen.
  await expect(card.getByTestId('settings-instance-token-desktop-only')).toContainText(
    'peak-watch instances add HOST:PORT --token-file',
  );
  await card.scrollIntoViewIfNeeded();
  await saveScreenshot(
    page,
    'settings-instances',
    { token: consoleToken(pw.consoleUrl), dataDir: pw.dataDir },
    { element: card },
  );
});

test('the Instance picker lists both; picking one filters the panels to it', async () => {
  // /api/status on the embedded server only, /api/runs on the second only, until both show.
  await shell.goTo('dashboard');
  await dashboard.setRange(5);
  await expect
    .poll(
      async () => {
        await touch(pw.metricsUrl, '/api/status');
        await touch(`http://${secondTarget}/metrics`, '/api/runs');
        return (await dashboard.options('instance')).sort();
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toEqual([firstTarget, secondTarget].sort());
  // Prometheus found the second instance through its file_sd file: no reload happened.
  expect(await configLoads()).toBe(loadsBefore);

  const byRoute = dashboard.panel('rps_by_route');
  await expect
    .poll(
      async () => {
        await touch(pw.metricsUrl, '/api/status');
        await touch(`http://${secondTarget}/metrics`, '/api/runs');
        await dashboard.refreshNow.click();
        return Object.keys(await byRoute.legend());
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toEqual(expect.arrayContaining(['/api/status', '/api/runs']));

  await dashboard.pick('instance', [secondTarget]);
  await expect
    .poll(async () => Object.keys(await byRoute.legend()), { timeout: 30_000 })
    .not.toContain('/api/status');
  expect(Object.keys(await byRoute.legend())).toContain('/api/runs');
  await byRoute.promqlToggle.click();
  await expect(byRoute.promql).toContainText(
    `instance=~"${secondTarget.replaceAll('.', '\\\\.')}"`,
  );
  await byRoute.promqlToggle.click();
  await saveScreenshot(page, 'dashboard-instances', {
    token: consoleToken(pw.consoleUrl),
    dataDir: pw.dataDir,
  });
});
