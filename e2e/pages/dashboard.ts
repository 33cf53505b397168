// The Dashboard: the variable controls above seven live panels (the seed's six and the latency
// heatmap). A panel either draws a chart or
// says why it has none (panel-empty, with data-kind naming the reason).
import { expect, type Locator, type Page } from '@playwright/test';
import { HEATMAP_COLORS, QUANTILE_COLOR } from '../../renderer/src/lib/heatmap';

export const PANEL_KEYS = [
  'rps_total',
  'rps_by_route',
  'error_rate',
  'in_flight',
  'latency_quantiles',
  'top_routes_p95',
  'latency_heatmap',
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
  }

  /**
   * What the panel shows now, read in one go (the panel re-renders every refresh):
   * - 'chart': it draws data — at least one line, area or bar mark (an SVG path with more than a
   *   move-to, outside the grid and axes, or a canvas with painted pixels) and labelled axes;
   * - 'blank-chart': a chart frame with no marks or no axis labels — what a user sees as an
   *   empty box, so never taken for data;
   * - 'empty:<kind>': it explains why it has nothing to draw (panel-empty, data-kind);
   * - 'loading': before its first result.
   */
  async state(): Promise<string> {
    return this.root.evaluate((panel) => {
      const empty = panel.querySelector('[data-testid="panel-empty"]');
      if (empty) return `empty:${empty.getAttribute('data-kind') ?? '?'}`;
      const body = panel.querySelector('.panel-body');
      const frame = body?.querySelector('svg, canvas');
      if (!body || !frame) return 'loading';
      // recharts' grid and axes (timeseries, heatmap) and our own (the bar panel's).
      const furniture =
        'defs, clipPath, .chart-grid, .chart-axis, .recharts-cartesian-grid, .recharts-cartesian-axis';
      const marks = [...body.querySelectorAll('svg path, svg polyline')].filter((el) => {
        if (el.closest(furniture)) return false;
        // Something after the first move-to: a path that only moves draws nothing.
        const shape = el.getAttribute('d') ?? el.getAttribute('points') ?? '';
        if (!shape.replace(/^\s*[Mm][^A-Za-z]*/, '').trim()) return false;
        const box = (el as SVGGraphicsElement).getBBox();
        return box.width > 0 || box.height > 0;
      }).length;
      const painted = [...body.querySelectorAll('canvas')].some((c) => {
        const ctx = c.getContext('2d');
        if (!ctx || !c.width || !c.height) return false;
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < px.length; i += 4) if (px[i]) return true;
        return false;
      });
      const labels = [...body.querySelectorAll('svg text')].filter(
        (t) => (t.textContent ?? '').trim() !== '',
      ).length;
      return (marks > 0 || painted) && labels >= 2 ? 'chart' : 'blank-chart';
    });
  }

  /** The legend as series name → its last value as shown ("1.3 req/s", "12 ms", "–"). */
  async legend(): Promise<Record<string, string>> {
    const pairs = await this.legendItems.evaluateAll((items) =>
      items.map((item) => [
        item.querySelector('.legend-name')?.textContent?.trim() ?? '',
        item.querySelector('.legend-value')?.textContent?.trim() ?? '',
      ]),
    );
    return Object.fromEntries(pairs) as Record<string, string>;
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

/** The latency heatmap panel: what its cells, axis, line and legend show. */
export class HeatmapPanel extends Panel {
  readonly chart: Locator;
  readonly plot: Locator;
  readonly tooltip: Locator;
  readonly scaleLegend: Locator;

  constructor(root: Locator) {
    super(root, 'latency_heatmap');
    this.chart = root.getByTestId('heatmap-chart');
    this.plot = this.chart.getByTestId('chart-plot');
    this.tooltip = this.chart.getByTestId('chart-tooltip');
    this.scaleLegend = root.getByTestId('heatmap-legend');
  }

  /** Bucket rows on the y axis, rows with a request in them, finite points of the quantile. */
  async drawn(): Promise<{ rows: number; filledRows: number; quantilePoints: number }> {
    const n = async (attr: string) => Number((await this.chart.getAttribute(attr)) ?? 0);
    return {
      rows: await n('data-rows'),
      filledRows: await n('data-filled-rows'),
      quantilePoints: await n('data-quantile-points'),
    };
  }

  /** The y axis labels, bottom to top. */
  async axisLabels(): Promise<string[]> {
    return this.chart.evaluate((chart) =>
      [...chart.querySelectorAll('svg text')]
        .filter((t) => !t.closest('.time-axis'))
        .map((t) => (t.textContent ?? '').trim()),
    );
  }

  /**
   * What the cells' canvas holds, read back (page px): the left edge of the leftmost cell, the
   * centre of a run of cells in the brightest colour band drawn, and how many pixels of the
   * quantile line's colour there are.
   */
  async cellPixels(): Promise<{
    left: number | null;
    hottest: { x: number; y: number } | null;
    quantile: number;
  }> {
    return this.chart.evaluate(
      (root, { bands, line }) => {
        const canvas = root.querySelector<HTMLCanvasElement>('canvas.heatmap-cells');
        const ctx = canvas?.getContext('2d');
        if (!canvas || !ctx || !canvas.width) return { left: null, hottest: null, quantile: 0 };
        const { width, height } = canvas;
        const px = ctx.getImageData(0, 0, width, height).data;
        const rgb = (hex: string) => parseInt(hex.slice(1), 16);
        const colour = (i: number) =>
          px[i + 3] === 255
            ? ((px[i] ?? 0) << 16) | ((px[i + 1] ?? 0) << 8) | (px[i + 2] ?? 0)
            : -1;
        const band = new Map(bands.map((hex, b) => [rgb(hex), b]));
        const lineRgb = rgb(line);
        let left: number | null = null;
        let quantile = 0;
        let hot = -1;
        let hotAt = 0;
        for (let p = 0; p < width * height; p++) {
          const c = colour(p * 4);
          if (c === lineRgb) quantile++;
          const b = band.get(c);
          if (b === undefined) continue;
          const x = p % width;
          if (left === null || x < left) left = x;
          if (b > hot) [hot, hotAt] = [b, p];
        }
        const rect = canvas.getBoundingClientRect();
        const sx = rect.width / width;
        const sy = rect.height / height;
        if (hot < 0) return { left: null, hottest: null, quantile };
        // The run around the first pixel found in that band: as far right and down as it goes.
        const c = colour(hotAt * 4);
        const x0 = hotAt % width;
        const y0 = Math.floor(hotAt / width);
        let x1 = x0;
        while (x1 + 1 < width && colour((y0 * width + x1 + 1) * 4) === c) x1++;
        let y1 = y0;
        while (y1 + 1 < height && colour(((y1 + 1) * width + x0) * 4) === c) y1++;
        return {
          left: rect.left + (left ?? 0) * sx,
          hottest: {
            x: rect.left + ((x0 + x1 + 1) / 2) * sx,
            y: rect.top + ((y0 + y1 + 1) / 2) * sy,
          },
          quantile,
        };
      },
      { bands: [...HEATMAP_COLORS], line: QUANTILE_COLOR },
    );
  }

  /** Where (page px, left edge) the leftmost drawn cell begins. */
  async firstCellX(): Promise<number> {
    const { left } = await this.cellPixels();
    if (left === null) throw new Error('the heatmap has no cell drawn');
    return left;
  }

  /** The centre (page px) of a run of cells in the brightest colour band drawn. */
  async hottestCell(): Promise<{ x: number; y: number }> {
    const { hottest } = await this.cellPixels();
    if (!hottest) throw new Error('the heatmap has no cell drawn');
    return hottest;
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
  readonly openGrafana: Locator;

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
    this.openGrafana = id('dashboard-open-grafana');
  }

  panel(key: PanelKey): Panel {
    return new Panel(this.page.getByTestId(`panel-${key}`), key);
  }

  heatmap(): HeatmapPanel {
    return new HeatmapPanel(this.page.getByTestId('panel-latency_heatmap'));
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

  /** The time range, in minutes (5, 15, 30, 60, …). */
  async setRange(minutes: number): Promise<void> {
    await this.range.selectOption(String(minutes));
  }

  /** status_class, quantile or window: single-value selects. */
  async choose(variable: 'status_class' | 'quantile' | 'window', value: string): Promise<void> {
    await this.page.getByTestId(`var-${variable}`).selectOption(value);
  }

  /** instance, route or method: the multi-select popover; picks exactly `values` (or All when empty). */
  async pick(variable: 'instance' | 'route' | 'method', values: readonly string[]): Promise<void> {
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
  async options(variable: 'instance' | 'route' | 'method'): Promise<string[]> {
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
