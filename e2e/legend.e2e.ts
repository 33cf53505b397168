// A legend of fifty series (bench:ui's synthetic source behind the real web host, in Chromium):
// entries scrolled out of the legend's box are not updated on every refresh (ChartLegend.tsx),
// so this checks what a person sees when they scroll one back into view — its current last
// value, the same the hover tooltip shows at the last sample — and not the value it had when it
// scrolled out.
import { expect, test, type Page } from '@playwright/test';
import { startWebHost } from '../electron/web-host/server';
import { createSyntheticConsoleApi } from '../bench/ui/synthetic-console-api';
import { DashboardPage } from './pages/dashboard';

// Samples every 5 s, refreshed every 2 s: entries out of view miss new samples within seconds.
const SHAPE = { series: 50, points: 360, stepSeconds: 5 };

let host: Awaited<ReturnType<typeof startWebHost>>;

test.beforeAll(async () => {
  const api = createSyntheticConsoleApi(SHAPE);
  host = await startWebHost({ api, rendererDir: 'out/renderer', port: 0 });
});

test.afterAll(async () => {
  await host?.close();
});

async function openDashboard(page: Page): Promise<DashboardPage> {
  const url = new URL(host.consoleUrl);
  url.hash = '/dashboard';
  await page.goto(url.href);
  const dashboard = new DashboardPage(page);
  await dashboard.root.waitFor();
  await dashboard.refresh.selectOption('2');
  return dashboard;
}

test('a legend entry scrolled back into view shows its current value, as the tooltip does', async ({
  page,
}) => {
  const dashboard = await openDashboard(page);
  const panel = page.getByTestId('panel-rps_by_route');
  const entries = panel.getByTestId('legend-item');
  await expect(entries).toHaveCount(SHAPE.series);
  const last = entries.last();
  // The legend scrolls: its last entry starts out of view.
  await expect(last).not.toBeInViewport();
  const chart = panel.locator('.timeseries-chart');
  const endBefore = Number(await chart.getAttribute('data-end'));

  // Let new samples come in while the entry is out of view, then hold the data still.
  await expect
    .poll(async () => Number(await chart.getAttribute('data-end')), { timeout: 15_000 })
    .toBeGreaterThan(endBefore);
  await page.waitForTimeout(6_000);
  await dashboard.pause.click();
  await page.waitForTimeout(1_000); // a refresh in flight lands

  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  await page.waitForTimeout(500); // the legend hears that the entry is in view
  const shown = (await last.locator('.legend-value').innerText()).trim();
  const name = (await last.locator('.legend-name').innerText()).trim();
  // Shown only this series, the tooltip at the last sample (End, the chart focused) names its value.
  await last.click({ modifiers: ['Control'] });
  await panel.locator('.chart-frame-svg').focus();
  await page.keyboard.press('End');
  const row = panel.getByTestId('chart-tooltip').locator('.chart-tooltip-row');
  await expect(row).toHaveCount(1);
  await expect(row.locator('.chart-tooltip-name')).toHaveText(name);
  const tooltipValue = (await row.locator('.chart-tooltip-value').innerText()).trim();
  expect(shown).toBe(tooltipValue);
  // And the data did move on by more than a sample step while it was out of view (else this
  // would prove nothing; comparing the values themselves is not enough: two samples can print
  // alike).
  expect(Number(await chart.getAttribute('data-end')) - endBefore).toBeGreaterThan(
    SHAPE.stepSeconds,
  );
});

test('with a chart focused from the keyboard, End shows the tooltip at the last sample', async ({
  page,
}) => {
  await openDashboard(page);
  const panel = page.getByTestId('panel-rps_total');
  const chart = panel.locator('.chart-frame-svg');
  await chart.focus();
  await expect(chart).toBeFocused();
  const tooltip = panel.getByTestId('chart-tooltip');
  await expect(tooltip).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(tooltip).toBeVisible();
  const atEnd = await tooltip.innerText();
  await page.keyboard.press('ArrowLeft');
  await expect(tooltip).not.toHaveText(atEnd);
  await page.keyboard.press('Escape');
  await expect(tooltip).toHaveCount(0);
});
