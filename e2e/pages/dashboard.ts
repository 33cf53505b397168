// The Dashboard: the variable controls above six live panels. A panel either draws a chart or
// says why it has none (panel-empty, with data-kind naming the reason).
import { expect, type Locator, type Page } from '@playwright/test';

export const PANEL_KEYS = [
  'rps_total',
  'rps_by_route',
  'error_rate',
  'in_flight',
  'latency_quantiles',
  'top_routes_p95',
] as const;
export type PanelKey = (typeof PANEL_KEYS)[number];

export class Panel {
  readonly title: Locator;
  readonly updated: Locator;
  readonly promqlToggle: Locator;
  readonly promql: Locator;
  readonly empty: Locator;
  readonly emptyTitle: Locator;
  readonly emptyAction: Locator;
  readonly legendItems: Locator;
  /** The drawn chart: an SVG or canvas in the panel body (recharts draws SVG). */
  readonly chart: Locator;

  constructor(
    readonly root: Locator,
    readonly key: PanelKey,
  ) {
    this.title = root.getByTestId('panel-title');
    this.updated = root.getByTestId('panel-updated');
    this.promqlToggle = root.getByTestId('panel-promql-toggle');
    this.promql = root.getByTestId('panel-promql');
    this.empty = root.getByTestId('panel-empty');
    this.emptyTitle = root.getByTestId('panel-empty-title');
    this.emptyAction = root.getByTestId('panel-empty-action');
    this.legendItems = root.getByTestId('legend-item');
    this.chart = root.locator('.panel-body').locator('svg.recharts-surface, canvas').first();
  }

  /** What the panel shows now: 'chart', 'loading', or the panel-empty kind. */
  async state(): Promise<string> {
    if ((await this.empty.count()) > 0) {
      return `empty:${(await this.empty.getAttribute('data-kind')) ?? '?'}`;
    }
    if ((await this.chart.count()) > 0 && (await this.chart.isVisible())) return 'chart';
    return 'loading';
  }

  /** Waits until the panel draws a chart (not an explanation). */
  async expectChart(timeout = 60_000): Promise<void> {
    await expect.poll(() => this.state(), { timeout, message: `panel ${this.key}` }).toBe('chart');
  }

  /** Waits until the panel explains itself with the given reason. */
  async expectEmpty(kind: string, timeout = 60_000): Promise<void> {
    await expect
      .poll(() => this.state(), { timeout, message: `panel ${this.key}` })
      .toBe(`empty:${kind}`);
  }

  /** Opens the PromQL view (if closed) and returns the query text. */
  async query(): Promise<string> {
    if ((await this.promqlToggle.getAttribute('aria-pressed')) !== 'true') {
      await this.promqlToggle.click();
    }
    await expect(this.promql).toBeVisible();
    return (await this.promql.innerText()).trim();
  }

  async hideQuery(): Promise<void> {
    if ((await this.promqlToggle.getAttribute('aria-pressed')) === 'true') {
      await this.promqlToggle.click();
    }
  }
}

export class DashboardPage {
  readonly root: Locator;
  readonly controls: Locator;
  readonly range: Locator;
  readonly refresh: Locator;
  readonly pause: Locator;
  readonly refreshNow: Locator;
  readonly liveState: Locator;
  readonly target: Locator;
  readonly optionsError: Locator;

  constructor(readonly page: Page) {
    const id = (testId: string) => page.getByTestId(testId);
    this.root = id('page-dashboard');
    this.controls = id('dashboard-controls');
    this.range = id('dashboard-range');
    this.refresh = id('dashboard-refresh');
    this.pause = id('dashboard-pause');
    this.refreshNow = id('dashboard-refresh-now');
    this.liveState = id('dashboard-live-state');
    this.target = id('dashboard-target');
    this.optionsError = id('dashboard-options-error');
  }

  panel(key: PanelKey): Panel {
    return new Panel(this.page.getByTestId(`panel-${key}`), key);
  }

  panels(): Panel[] {
    return PANEL_KEYS.map((k) => this.panel(k));
  }

  /** Every panel's state, e.g. {rps_total: 'chart', error_rate: 'empty:no-matching-status'}. */
  async states(): Promise<Record<PanelKey, string>> {
    const entries = await Promise.all(
      this.panels().map(async (p) => [p.key, await p.state()] as const),
    );
    return Object.fromEntries(entries) as Record<PanelKey, string>;
  }

  /** status_class, quantile or window: single-value selects. */
  async choose(variable: 'status_class' | 'quantile' | 'window', value: string): Promise<void> {
    await this.page.getByTestId(`var-${variable}`).selectOption(value);
  }

  /** route or method: the multi-select popover; picks exactly `values` (or All when empty). */
  async pick(variable: 'route' | 'method', values: readonly string[]): Promise<void> {
    const button = this.page.getByTestId(`var-${variable}`);
    const popover = this.page.getByTestId(`var-${variable}-options`);
    if (!(await popover.isVisible())) await button.click();
    await expect(popover).toBeVisible();
    const all = this.page.getByTestId(`var-${variable}-all`);
    if (!(await all.isChecked())) await all.check();
    for (const value of values) {
      const option = popover.locator(
        `[data-testid="var-${variable}-option"][data-value="${value}"]`,
      );
      await option.check();
    }
    await this.page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
  }

  /** The values a multi-select offers (filled from Prometheus's label values). */
  async options(variable: 'route' | 'method'): Promise<string[]> {
    const button = this.page.getByTestId(`var-${variable}`);
    const popover = this.page.getByTestId(`var-${variable}-options`);
    if (!(await popover.isVisible())) await button.click();
    const values = await popover
      .getByTestId(`var-${variable}-option`)
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-value') ?? ''));
    await this.page.keyboard.press('Escape');
    return values;
  }
}
