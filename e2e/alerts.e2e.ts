// Alerts in Chromium on a real headless console and native Prometheus: an extra target on a port
// nobody serves fires PeakTradeExtraTargetDown; the page lists every rule with its state, the
// nav badge counts the firing alert, and the backtest draws bands where the rule fired.
import { expect, test, type Page } from '@playwright/test';
import { ALERT_NAMES } from '../shared/alerts';
import { AlertsPage, firingBandPlacement } from './pages/alerts';
import { ExplorePage } from './pages/explore';
import { OverviewPage } from './pages/overview';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { freePort, startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { saveScreenshot } from './support/screenshots';
import { consoleToken } from './support/secrets';

skipWithoutPrerequisites('the alerts walk');

const RULE = 'PeakTradeExtraTargetDown';

test.describe('the Alerts page', () => {
  test.describe.configure({ mode: 'serial' });
  let pw: HeadlessConsole;
  let page: Page;
  let alerts: AlertsPage;

  test.beforeAll(async ({ browser }) => {
    pw = await startHeadlessConsole({
      scrapeIntervalSeconds: 1,
      settings: [
        ['stack.extraTargets', JSON.stringify([`127.0.0.1:${await freePort()}`])],
        ['alerts.evaluationIntervalSeconds', '1'],
        ['alerts.extraTargetDownForSeconds', '3'],
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    alerts = new AlertsPage(page);
  });

  test.afterEach(() => attachOnFailure(page, pw));
  test.afterAll(async () => {
    await page?.close();
    await pw?.stop();
  });

  test('lists every rule with its state, and the badge counts the firing one', async () => {
    const shell = new ConsoleShell(page);
    await shell.open(pw.consoleUrl);
    await new OverviewPage(page).startButton.click();
    await shell.goTo('alerts');
    await expect(alerts.rules).toHaveCount(ALERT_NAMES.length);
    await expect(alerts.rule(RULE)).toHaveAttribute('data-state', 'firing', { timeout: 60_000 });
    await expect(alerts.rule('PeakTradeTargetDown')).toHaveAttribute('data-state', 'inactive');
    await expect(alerts.badge).toHaveText('1');
    await expect(alerts.rule(RULE).getByTestId('alert-instance')).toContainText('127.0.0.1');
    await expect(page.getByTestId('notify-ask')).toBeVisible(); // asked for only on a click
    await shell.dismissToasts();
    await saveScreenshot(page, 'alerts', {
      token: consoleToken(pw.consoleUrl),
      dataDir: pw.dataDir,
    });
  });

  // The test starts the moment the rule fires: Prometheus's scrapes began ~5 s after its start,
  // so the first answer holds only seconds of samples and shows pending. The open backtest queries
  // again when the state changes and every 15 s (lib/alerts.ts), so the firing band must appear.
  test('the backtest draws a firing band for the rule that fired', async () => {
    const shell = new ConsoleShell(page);
    const chart = await alerts.openBacktest(RULE);
    await expect(chart.getByTestId('backtest-band-firing').first()).toBeVisible({
      timeout: 40_000,
    });
    await expect(chart).toHaveAttribute('data-firings', /^[1-9]/);
    // A recharts chart: its wrapper, the threshold as a reference line, the bands as areas…
    await expect(chart.locator('.recharts-wrapper')).toHaveCount(1);
    await expect(chart.locator('.recharts-reference-line.backtest-threshold')).toHaveCount(1);
    await expect(
      chart.locator('.recharts-reference-area [data-testid="backtest-band-firing"]').first(),
    ).toBeVisible();
    // …and the firing band sits on the time axis where the backtest's times say.
    const placed = await firingBandPlacement(chart);
    expect(placed.right - placed.left).toBeGreaterThan(0);
    expect(Math.abs(placed.left - placed.expectedLeft)).toBeLessThan(1.5);
    expect(Math.abs(placed.right - placed.expectedRight)).toBeLessThan(1.5);
    await expect(alerts.rule(RULE).getByTestId('alert-rule-expr')).toHaveText(
      'up{job="extra"} == 0',
    );
    await alerts.rule(RULE).scrollIntoViewIfNeeded();
    await shell.dismissToasts();
    await saveScreenshot(page, 'alerts-backtest', {
      token: consoleToken(pw.consoleUrl),
      dataDir: pw.dataDir,
    });

    // Hovering the chart names the series and its value at that time.
    const surface = chart.locator('.recharts-surface');
    const box = await surface.boundingBox();
    if (!box) throw new Error('the backtest chart has no box');
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
    await expect(chart.getByTestId('backtest-tooltip')).toContainText('job="extra"');
    await expect(chart.getByTestId('backtest-tooltip')).toContainText(/\d\d:\d\d:\d\d/);

    // A drag across it zooms into that span; Reset zoom shows the whole range again. The shown
    // span and the backtested range are read together (a refresh every 15 s moves the range).
    const spans = () =>
      chart.evaluate((root) => {
        const n = (name: string) => Number(root.getAttribute(name));
        return {
          shown: n('data-end-ms') - n('data-start-ms'),
          range: n('data-range-end-ms') - n('data-range-start-ms'),
        };
      });
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 8 });
    await expect(chart.getByTestId('backtest-zoom-selection')).toBeVisible();
    await page.mouse.up();
    await expect(chart.getByTestId('backtest-zoom-reset')).toBeVisible();
    const zoomed = await spans();
    expect(zoomed.shown).toBeLessThan(zoomed.range * 0.8);
    await expect(chart.getByTestId('backtest-zoom-selection')).toHaveCount(0);
    await chart.getByTestId('backtest-zoom-reset').click();
    await expect(chart.getByTestId('backtest-zoom-reset')).toHaveCount(0);
    const reset = await spans();
    expect(reset.shown).toBe(reset.range);

    // Its PromQL one click away: Explore opens with the rule's expression and draws it.
    await alerts.rule(RULE).getByTestId('alert-rule-explore').click();
    const explore = new ExplorePage(page);
    await expect.poll(() => explore.editorText()).toBe('up{job="extra"} == 0');
    await expect(explore.legendItems.first()).toContainText('job="extra"', { timeout: 20_000 });
  });
});
