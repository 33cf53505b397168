// A legend of fifty series (bench:ui's synthetic source behind the real web host, in Chromium):
// only the entries in the legend's box are rendered (ChartLegend.tsx), so this checks what a
// person sees when they scroll to the last one — there, with its current last value, the same
// the hover tooltip shows at the last sample.
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

test('the last of fifty legend entries, scrolled to, shows its current value as the tooltip does', async ({
  page,
}) => {
  const dashboard = await openDashboard(page);
  const panel = page.getByTestId('panel-rps_by_route');
  const list = panel.getByRole('list', { name: 'Series' });
  const entries = list.getByRole('listitem');
  // Fewer than fifty are rendered, each knowing its place among the fifty.
  await expect(entries.first()).toHaveAttribute('aria-setsize', String(SHAPE.series));
  expect(await entries.count()).toBeLessThan(SHAPE.series);
  const last = list.locator(`li[aria-posinset="${SHAPE.series}"]`);
  await expect(last).toHaveCount(0);
  const chart = panel.locator('.timeseries-chart');
  const endBefore = Number(await chart.getAttribute('data-end'));

  // Let new samples come in while the entry is out of view, then hold the data still.
  await expect
    .poll(async () => Number(await chart.getAttribute('data-end')), { timeout: 15_000 })
    .toBeGreaterThan(endBefore);
  await page.waitForTimeout(6_000);
  await dashboard.pause.click();
  await page.waitForTimeout(1_000); // a refresh in flight lands

  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(last).toBeInViewport();
  const shown = (await last.locator('.legend-value').innerText()).trim();
  const name = (await last.locator('.legend-name').innerText()).trim();
  expect(shown).not.toBe('');
  // Shown only this series, the tooltip at the last sample (End, the chart focused) names its value.
  await last.getByTestId('legend-item').click({ modifiers: ['Control'] });
  await panel.locator('.chart-frame svg.recharts-surface').focus();
  await page.keyboard.press('End');
  const row = panel.getByTestId('chart-tooltip').locator('.chart-tooltip-row');
  await expect(row).toHaveCount(1);
  await expect(row.locator('.chart-tooltip-name')).toHaveText(name);
  const tooltipValue = (await row.locator('.chart-tooltip-value').innerText()).trim();
  expect(shown).toBe(tooltipValue);
  // And the data did move on by more than a sample step while it was out of view (else this
  // would not tell a current value from the one of the first render; comparing the values
  // themselves is not enough: two samples can print alike).
  expect(Number(await chart.getAttribute('data-end')) - endBefore).toBeGreaterThan(
    SHAPE.stepSeconds,
  );
});

test('with a chart focused from the keyboard, End shows the tooltip at the last sample', async ({
  page,
}) => {
  await openDashboard(page);
  const panel = page.getByTestId('panel-rps_total');
  const chart = panel.locator('.chart-frame svg.recharts-surface');
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

test('Tab walks every one of the fifty legend entries, though only those in view are rendered', async ({
  page,
}) => {
  await openDashboard(page);
  const list = page.getByTestId('panel-rps_by_route').getByRole('list', { name: 'Series' });
  await list.getByTestId('legend-item').first().focus();
  const focusedPlace = () =>
    page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset'));
  expect(await focusedPlace()).toBe('1');
  // As fast as keys come (no waiting for a frame between them): each next entry is there.
  for (let place = 2; place <= SHAPE.series; place++) await page.keyboard.press('Tab');
  expect(await focusedPlace()).toBe(String(SHAPE.series));
  await expect(list.locator(`li[aria-posinset="${SHAPE.series}"]`)).toBeInViewport();
  // And back: Shift+Tab reaches the entry above the box, rendered once scrolled.
  for (let place = SHAPE.series - 1; place >= 1; place--) await page.keyboard.press('Shift+Tab');
  expect(await focusedPlace()).toBe('1');
});
