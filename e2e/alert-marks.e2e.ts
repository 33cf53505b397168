// Where alerts meet the rest of the console, in Chromium on a real headless console and native
// Prometheus: with a latency threshold any real request exceeds, PeakTradeHighLatencyP95 fires
// 15 s after traffic starts; the Dashboard's latency panel then shades when it fired and names
// it. In Settings → Alerts, typing a threshold backtests the rule with the typed value before
// saving, and saving it changes the rule Prometheus loaded (/api/v1/rules).
import { expect, test, type Page } from '@playwright/test';
import { fetchManaged } from '../electron/services/prometheus/testing';
import { DashboardPage } from './pages/dashboard';
import { OverviewPage } from './pages/overview';
import { SettingsPage } from './pages/settings';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { backgroundLoad, type Load } from './support/load';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { saveScreenshot } from './support/screenshots';
import { consoleToken } from './support/secrets';

skipWithoutPrerequisites('alert marks and Settings → Alerts');

const RULE = 'PeakTradeHighLatencyP95';

/** The latency rule's expression as Prometheus loaded it. */
async function loadedLatencyQuery(dataDir: string, prometheusPort: number): Promise<string> {
  const res = await fetchManaged(
    dataDir,
    `http://127.0.0.1:${prometheusPort}/api/v1/rules?type=alert`,
  );
  const body = (await res.json()) as {
    data: { groups: { rules: { name: string; query: string }[] }[] };
  };
  const rule = body.data.groups.flatMap((g) => g.rules).find((r) => r.name === RULE);
  return rule?.query ?? '';
}

test.describe('alerts on the dashboard and in Settings', () => {
  test.describe.configure({ mode: 'serial' });
  let pw: HeadlessConsole;
  let page: Page;
  let load: Load | undefined;
  const shot = (name: string) =>
    saveScreenshot(page, name, { token: consoleToken(pw.consoleUrl), dataDir: pw.dataDir });

  test.beforeAll(async ({ browser }) => {
    pw = await startHeadlessConsole({
      scrapeIntervalSeconds: 1,
      env: { PEAK_TRADE_PROMETHEUS_ENABLED: '1' },
      settings: [
        ['alerts.evaluationIntervalSeconds', '1'],
        // Every real request takes longer than 0.1 ms: the rule fires `for` after traffic starts.
        ['alerts.latencyP95Seconds', '0.0001'],
        ['alerts.latencyForSeconds', '15'],
        ['ui.rangeMinutes', '3'],
        ['ui.refreshSeconds', '2'],
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const shell = new ConsoleShell(page);
    await shell.open(pw.consoleUrl);
    const overview = new OverviewPage(page);
    await overview.startStack();
    load = backgroundLoad(pw.metricsUrl, 240);
  });

  test.afterEach(() => attachOnFailure(page, pw));
  test.afterAll(async () => {
    load?.stop();
    await page?.close();
    await pw?.stop();
  });

  test('the latency panel shades when its alert fired and names the alert', async () => {
    const shell = new ConsoleShell(page);
    await shell.goTo('dashboard');
    const panel = new DashboardPage(page).panel('latency_quantiles');
    await expect(panel.root.getByTestId('alert-band').first()).toBeAttached({ timeout: 90_000 });
    await expect(panel.root.getByTestId('alert-band').first()).toHaveAttribute('data-alert', RULE);
    // A panel without an alert rule of its own is not marked.
    await expect(page.getByTestId('panel-rps_total').getByTestId('alert-band')).toHaveCount(0);
    const legend = panel.root.getByTestId('alert-legend-item').first();
    // One line per rule: its route when one fired, how many series when several did.
    await expect(legend).toContainText(RULE);
    await expect(legend).toContainText(/route=|on \d+ series/);
    await expect(legend).toContainText('firing now');
    // Let the band grow next to the line's start, so the picture shows when it began.
    await page.waitForTimeout(20_000);
    // The hover's tooltip names the alert under the cursor (the plot's right end is firing).
    const plot = panel.root.getByTestId('chart-plot');
    await panel.root.scrollIntoViewIfNeeded();
    const box = await plot.boundingBox();
    if (!box) throw new Error('the latency panel has no plot');
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    await expect(panel.root.getByTestId('chart-tooltip-alert').first()).toContainText(RULE);
    await shell.dismissToasts();
    await shot('dashboard-alerts');
  });

  test('typing a threshold backtests it before saving; saving changes the loaded rule', async () => {
    const shell = new ConsoleShell(page);
    await shell.goTo('settings');
    const settings = new SettingsPage(page);
    const threshold = settings.field('alerts-latencyP95Seconds');
    const preview = page.locator(`[data-testid="settings-alert-preview"][data-rule="${RULE}"]`);
    await expect(preview).toHaveCount(0);

    await threshold.fill('61');
    await expect(settings.field('alerts-latencyP95Seconds-error')).toHaveText(
      'at most 60 s (the buckets end at 10)',
    );
    await expect(preview).toHaveCount(0);

    await threshold.fill('10');
    const chart = preview.getByTestId('settings-backtest');
    await expect(chart).toHaveAttribute('data-firings', '0', { timeout: 20_000 });
    await expect(preview.getByTestId('settings-backtest-summary')).toContainText(
      'Would not have fired',
    );

    await threshold.fill('0.0002');
    await expect(chart).toHaveAttribute('data-firings', /^[1-9]/, { timeout: 20_000 });
    await expect(
      chart.locator('.recharts-reference-area [data-testid="backtest-band-firing"]').first(),
    ).toBeVisible();
    await expect(preview.getByTestId('settings-backtest-summary')).toContainText(
      /Would have fired \d+× in the last \d+ (s|min)/,
    );
    await expect(preview.getByTestId('settings-backtest-summary')).toContainText('> 0.0002 s');
    await preview.scrollIntoViewIfNeeded();
    await shell.dismissToasts();
    await shot('alerts-settings');

    expect(await loadedLatencyQuery(pw.dataDir, pw.prometheusPort)).toMatch(/> 0\.0001$/);
    await settings.save.click();
    await expect(settings.save).toBeDisabled();
    await expect
      .poll(() => loadedLatencyQuery(pw.dataDir, pw.prometheusPort), { timeout: 20_000 })
      .toMatch(/> 0\.0002$/);
    await expect(preview).toHaveCount(0);
  });
});
