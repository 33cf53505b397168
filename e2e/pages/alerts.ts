// Alerts: every rule with its state, filters, and a rule's PromQL and backtest.
import type { Locator, Page } from '@playwright/test';

export class AlertsPage {
  readonly root: Locator;
  readonly rules: Locator;
  readonly badge: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-alerts');
    this.rules = page.getByTestId('alert-rule');
    this.badge = page.getByTestId('nav-alerts-badge');
  }

  rule(name: string): Locator {
    return this.page.locator(`[data-testid="alert-rule"][data-rule="${name}"]`);
  }

  /** Opens a rule's PromQL and backtest; returns the backtest chart. */
  async openBacktest(name: string): Promise<Locator> {
    await this.rule(name).getByTestId('alert-rule-toggle').click();
    return this.rule(name).getByTestId('backtest');
  }
}

/**
 * Where the backtest's first firing band is drawn against where its times put it on the time
 * axis, read in one go (the chart redraws every 15 s): the band's left and right edges (px) and
 * the edges the axis line and the chart's domain give for its start and end times.
 */
export async function firingBandPlacement(chart: Locator): Promise<{
  left: number;
  right: number;
  expectedLeft: number;
  expectedRight: number;
}> {
  return chart.evaluate((root) => {
    const band = root.querySelector('[data-testid="backtest-band-firing"]');
    const axis = root.querySelector('.recharts-xAxis .recharts-cartesian-axis-line');
    if (!band || !axis) throw new Error('no firing band or no time axis drawn');
    const num = (el: Element, name: string) => Number(el.getAttribute(name));
    const [from, to] = [num(root, 'data-start-ms'), num(root, 'data-end-ms')];
    const plot = axis.getBoundingClientRect();
    const x = (ms: number) => plot.left + ((ms - from) / (to - from)) * plot.width;
    const drawn = band.getBoundingClientRect();
    return {
      left: drawn.left,
      right: drawn.right,
      expectedLeft: x(num(band, 'data-start-ms')),
      expectedRight: x(num(band, 'data-end-ms')),
    };
  });
}
