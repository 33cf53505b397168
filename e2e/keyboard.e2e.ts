// The walk of issue 23 with the keyboard only: start the stack, open the Dashboard, zoom into a
// chart and out again, step through the bars, the heatmap and a legend, open Explore and run a
// query, open Alerts and a rule's backtest. Every control is reached with Tab / Shift+Tab from
// where the focus was (no click, no locator focus), shows a visible focus ring when it gets
// there, and answers Enter or the arrow keys. Real headless console, Prometheus and Chromium.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AlertsPage } from './pages/alerts';
import { DashboardPage } from './pages/dashboard';
import { ExplorePage } from './pages/explore';
import { OverviewPage } from './pages/overview';
import { ConsoleShell } from './pages/shell';
import { expectNoA11yViolations } from './support/axe';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { backgroundLoad, type Load } from './support/load';
import { skipWithoutPrerequisites } from './support/prerequisites';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('the keyboard-only walk');

/** More stops than the longest page has before its last control (the Dashboard's heatmap). */
const MAX_TABS = 150;

let pw: HeadlessConsole;
let page: Page;
let dashboard: DashboardPage;
let load: Load | undefined;

test.beforeAll(async ({ browser }) => {
  // Instrumentation on from the start: this walk is about the keyboard, not about Settings.
  pw = await startHeadlessConsole({
    scrapeIntervalSeconds: 1,
    env: { PEAK_TRADE_PROMETHEUS_ENABLED: '1' },
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  dashboard = new DashboardPage(page);
});

test.afterEach(() => attachOnFailure(page, pw));

test.afterAll(async () => {
  load?.stop();
  await page?.close();
  await pw?.stop();
});

/** The focused element's outline, as drawn: "<width> <style>" (CodeMirror draws the ring of its
 * focused text on the editor around it). */
function focusRing(): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing focused';
    const style = getComputedStyle(el.closest('.cm-editor') ?? el);
    return `${style.outlineWidth} ${style.outlineStyle}`;
  });
}

/**
 * Presses Tab (Shift+Tab with `back`) until `target` has the focus, as a keyboard user moves to a
 * control, and checks the focus ring is drawn on it; fails when MAX_TABS presses do not get there.
 */
async function tabTo(target: Locator, opts: { back?: boolean } = {}): Promise<void> {
  await expect(target).toBeAttached();
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((el) => el === document.activeElement)) {
      // CodeMirror marks its editor focused after the focus event (its own update), so the ring
      // of the editor is waited for, not read in the same tick.
      await expect
        .poll(focusRing, { message: 'a visible focus ring' })
        .toMatch(/^([2-9]|\d\d)(\.\d+)?px solid$/);
      return;
    }
  }
  throw new Error(
    `${MAX_TABS} presses of ${opts.back ? 'Shift+Tab' : 'Tab'} did not reach ${target.toString()}`,
  );
}

test('Start stack on the Overview, from the keyboard', async () => {
  const shell = new ConsoleShell(page);
  const overview = new OverviewPage(page);
  await shell.open(pw.consoleUrl);
  await tabTo(overview.startButton);
  await page.screenshot({ path: test.info().outputPath('focus-start-stack.png') });
  await page.keyboard.press('Enter');
  await expect(overview.serviceState('prometheus')).toHaveText('running', { timeout: 60_000 });
  load = backgroundLoad(pw.metricsUrl, 120);
});

test('the Dashboard, reached from the navigation with Tab and Enter, draws its panels', async () => {
  await tabTo(page.getByTestId('nav-dashboard'), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('page-dashboard')).toBeVisible();
  await dashboard.panel('rps_total').expectChart();
  await dashboard.panel('top_routes_p95').expectChart();
});

test('a chart zooms from the keyboard (End, Shift+Left, Enter), and Zoom out goes back', async () => {
  const range = page.getByTestId('dashboard-range');
  const panel = dashboard.panel('rps_total');
  const chart = panel.root.locator('.timeseries-chart');
  // The stack has run for seconds: the shortest range (Home on the select) has samples a few
  // seconds apart to step through, where the default 30 minutes has one every 10 s.
  await tabTo(range);
  await page.keyboard.press('Home');
  await expect(range).toHaveValue('5');
  await expect
    .poll(async () => Number(await chart.getAttribute('data-step')), { timeout: 30_000 })
    .toBeLessThanOrEqual(2);
  const before = Number(await chart.getAttribute('data-start'));
  await tabTo(panel.root.locator('.chart-frame svg.recharts-surface'));
  await page.keyboard.press('End');
  const tooltip = panel.root.getByTestId('chart-tooltip');
  await expect(tooltip).toBeVisible();
  // …and a screen reader hears the same sample: time, series and value.
  await expect(panel.root.getByTestId('chart-live')).toHaveText(
    /^\d\d:\d\d:\d\d: rps \d+(\.\d+)? req\/s$/,
  );
  const last = await tooltip.innerText();
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowLeft');
  await expect(tooltip).not.toHaveText(last);
  const selection = panel.root.getByTestId('chart-zoom-selection');
  await expect(selection).toBeVisible();
  // A span of at least one step: the stack started seconds ago, and on a loaded machine the
  // panel may hold only two or three samples yet, so eight steps left can stop at the first one.
  await expect.poll(async () => Number(await selection.getAttribute('width'))).toBeGreaterThan(1);
  await page.screenshot({ path: test.info().outputPath('focus-chart-selection.png') });
  await page.keyboard.press('Enter');
  await expect(range).toHaveAttribute('data-zoomed', 'true');
  await expect
    .poll(async () => Number(await chart.getAttribute('data-start')))
    .toBeGreaterThan(before + 60);

  await tabTo(page.getByTestId('dashboard-range-zoom-out'), { back: true });
  await page.keyboard.press('Enter');
  await expect(range).toHaveAttribute('data-zoomed', 'false');
  // The button goes with the zoom; the focus goes to the range it restored, not to the page.
  await expect(range).toBeFocused();
  expect(await focusRing()).toMatch(/^2px solid$/);
  await page.screenshot({ path: test.info().outputPath('focus-range.png') });
});

test('a legend entry hides and shows its series with Enter', async () => {
  const panel = dashboard.panel('rps_by_route');
  await panel.expectChart();
  const first = panel.legendItems.first();
  await tabTo(first);
  await expect(first).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(first).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Enter');
  await expect(first).toHaveAttribute('aria-pressed', 'true');
});

test('the bar panel steps through its bars with the arrow keys, naming each and its value', async () => {
  const panel = dashboard.panel('top_routes_p95');
  const tooltip = panel.root.getByTestId('chart-tooltip');
  const chart = panel.root.getByTestId('bar-chart');
  await expect(chart.locator('.recharts-wrapper .recharts-bar-rectangle').first()).toBeVisible();
  await tabTo(chart);
  await expect(tooltip).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await expect(tooltip).toContainText(/\d+(\.\d+)? (ms|s)/);
  const top = await tooltip.innerText();
  const name = await tooltip.locator('.chart-tooltip-name').innerText();
  const value = await tooltip.locator('.chart-tooltip-value').innerText();
  await expect(panel.root.getByTestId('chart-live')).toHaveText(`${name} ${value}`);
  await page.keyboard.press('End');
  await expect(tooltip).not.toHaveText(top);
  await page.keyboard.press('Escape');
  await expect(tooltip).toHaveCount(0);
  // The pointer gets the same tooltip; a key pressed after it shows, and reads out, the keys' row.
  await chart.locator('.recharts-bar-rectangle').first().hover();
  await expect(tooltip).toContainText(/\d+(\.\d+)? (ms|s)/);
  await page.keyboard.press('End');
  await expect
    .poll(() =>
      panel.root.evaluate((root) => {
        const text = (sel: string) => root.querySelector(sel)?.textContent?.trim() ?? '';
        const shown = `${text('.chart-tooltip-name')} ${text('.chart-tooltip-value')}`;
        return shown.trim() !== '' && shown === text('[data-testid="chart-live"]');
      }),
    )
    .toBe(true);
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 0);
  // Its text alternative names the bars and their values without the pointer or the keys.
  await expect(panel.root.getByTestId('panel-summary')).toContainText('Latest values');
});

test("the bar panel's names and lengths, top to bottom, are its latest values, largest first", async () => {
  const panel = dashboard.panel('top_routes_p95');
  await expect(panel.root.locator('.recharts-bar-rectangle path').first()).toBeVisible();
  // One read of the page: the axis's names and the bars by height on screen, and the text
  // alternative written from the same data in the same commit.
  const seen = await panel.root.evaluate((root) => {
    const top = (el: Element) => el.getBoundingClientRect().top;
    const names = [
      ...root.querySelectorAll('text.recharts-cartesian-axis-tick-value[text-anchor="end"]'),
    ]
      .sort((a, b) => top(a) - top(b))
      .map((t) => t.textContent ?? '');
    const widths = [...root.querySelectorAll('.recharts-bar-rectangle path')]
      .sort((a, b) => top(a) - top(b))
      .map((p) => p.getBoundingClientRect().width);
    const summary = root.querySelector('[data-testid="panel-summary"]')?.textContent ?? '';
    const middle = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.left + r.width / 2;
    };
    // The value axis under the bars: its labels left to right, and the grid lines' places.
    const ticks = [
      ...root.querySelectorAll('text.recharts-xAxis.recharts-cartesian-axis-tick-value'),
    ]
      .map((t) => ({ text: t.textContent ?? '', x: middle(t) }))
      .sort((a, b) => a.x - b.x);
    const gridLines = [...root.querySelectorAll('.recharts-cartesian-grid-vertical line')]
      .map(middle)
      .sort((a, b) => a - b);
    const barsStart = root
      .querySelector('.recharts-bar-rectangle path')
      ?.getBoundingClientRect().left;
    return { names, widths, summary, ticks, gridLines, barsStart };
  });
  const listed = /largest first: (.*)\.$/.exec(seen.summary)?.[1] ?? '';
  const SCALE: Record<string, number> = { µs: 1e-6, ms: 1e-3, s: 1 };
  const pairs = listed.split('; ').map((pair) => {
    const m = /^(.*) ([\d.]+) (µs|ms|s)$/.exec(pair);
    return { name: m?.[1] ?? pair, value: Number(m?.[2]) * (SCALE[m?.[3] ?? ''] ?? Number.NaN) };
  });
  expect(pairs.length).toBeGreaterThan(1);
  expect(seen.names).toEqual(pairs.map((p) => p.name));
  expect(seen.widths).toHaveLength(pairs.length);
  // Each bar's length against the longest is its value against the largest (values rounded to
  // three digits in the text, lengths to the pixel).
  const first = pairs[0]?.value ?? Number.NaN;
  const firstWidth = seen.widths[0] ?? Number.NaN;
  for (const [i, p] of pairs.entries()) {
    expect(Math.abs((seen.widths[i] ?? 0) / firstWidth - p.value / first)).toBeLessThan(0.03);
  }
  // The value axis starts at 0 where the bars start, in even steps, a grid line at each label,
  // and the longest bar ends at its value on that axis (the axis's top is a label).
  const ticks = seen.ticks.map((t) => {
    const m = /^([\d.]+) (µs|ms|s)$/.exec(t.text);
    return { x: t.x, value: Number(m?.[1]) * (SCALE[m?.[2] ?? ''] ?? Number.NaN) };
  });
  expect(ticks.length).toBeGreaterThan(2);
  expect(ticks[0]?.value).toBe(0);
  expect(Math.abs((ticks[0]?.x ?? 0) - (seen.barsStart ?? Number.NaN))).toBeLessThan(1.5);
  expect(seen.gridLines).toHaveLength(ticks.length);
  seen.gridLines.forEach((x, i) => expect(Math.abs(x - (ticks[i]?.x ?? 0))).toBeLessThan(1.5));
  const last = ticks.at(-1) ?? { x: Number.NaN, value: Number.NaN };
  const zero = ticks[0]?.x ?? Number.NaN;
  expect(last.value).toBeGreaterThanOrEqual(first);
  expect(Math.abs(firstWidth / (last.x - zero) - first / last.value)).toBeLessThan(0.03);
});

test('the heatmap steps through time and buckets with the arrow keys', async () => {
  const panel = dashboard.panel('latency_heatmap');
  await panel.expectChart();
  const tooltip = panel.root.getByTestId('chart-tooltip');
  await tabTo(panel.root.locator('.chart-frame svg.recharts-surface'));
  await page.keyboard.press('End');
  await expect(tooltip).toBeVisible();
  await expect(panel.root.getByTestId('chart-live')).toContainText(/: [\d.]+ req\/s; p\(0\.95\) /);
  const bucket = tooltip.locator('.chart-tooltip-row').first().locator('.chart-tooltip-name');
  const lowest = await bucket.innerText();
  await page.keyboard.press('ArrowUp');
  await expect(bucket).not.toHaveText(lowest);
  const time = await tooltip.locator('.chart-tooltip-time').innerText();
  await page.keyboard.press('ArrowLeft');
  await expect(tooltip.locator('.chart-tooltip-time')).not.toHaveText(time);
  await page.screenshot({ path: test.info().outputPath('focus-heatmap.png') });
  await page.keyboard.press('Escape');
  await expect(tooltip).toHaveCount(0);
  await expectNoA11yViolations(page, 'the Dashboard after the keyboard walk');
});

test("a panel's Explore link opens Explore, and a query typed there runs with Enter", async () => {
  const explore = new ExplorePage(page);
  await tabTo(dashboard.panel('rps_total').root.getByTestId('panel-explore'), { back: true });
  await page.keyboard.press('Enter');
  await expect(explore.root).toBeVisible();
  await expect(explore.graph).toBeVisible();
  await tabTo(explore.editor, { back: true });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('up{job="peak_trade_web"}');
  await page.keyboard.press('Escape'); // the completion list, so Enter runs
  await page.keyboard.press('Enter');
  await expect(explore.legendItems.first()).toContainText('job="peak_trade_web"', {
    timeout: 20_000,
  });
  await expectNoA11yViolations(page, 'Explore with a graph');
});

test("Alerts, reached from the navigation, opens a rule's PromQL and backtest with Enter", async () => {
  const alerts = new AlertsPage(page);
  await tabTo(page.getByTestId('nav-alerts'), { back: true });
  await page.keyboard.press('Enter');
  await expect(alerts.root).toBeVisible();
  await expect(alerts.rules.first()).toBeVisible();
  const toggle = alerts.rules.first().getByTestId('alert-rule-toggle');
  await tabTo(toggle);
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(alerts.rules.first().getByTestId('backtest')).toBeVisible();
  await expectNoA11yViolations(page, 'Alerts with a backtest open');
});
