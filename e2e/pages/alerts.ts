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
