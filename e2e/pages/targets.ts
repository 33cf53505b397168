// Targets: Prometheus's scrape targets as a table, with a health filter.
import type { Locator, Page } from '@playwright/test';

export class TargetsPage {
  readonly root: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly error: Locator;
  readonly errorMessage: Locator;
  readonly errorFix: Locator;
  readonly refreshButton: Locator;
  readonly updated: Locator;
  readonly openPrometheus: Locator;

  constructor(readonly page: Page) {
    const id = (testId: string) => page.getByTestId(testId);
    this.root = id('page-targets');
    this.table = id('targets-table');
    this.rows = id('target-row');
    this.empty = id('targets-empty');
    this.error = id('targets-error');
    this.errorMessage = id('targets-error-message');
    this.errorFix = id('targets-error-fix');
    this.refreshButton = id('targets-refresh');
    this.updated = id('targets-updated');
    this.openPrometheus = id('open-prometheus');
  }

  /** The row of one scrape job (peak_trade_web is the embedded server). */
  row(job: string): Locator {
    return this.page.locator(`[data-testid="target-row"][data-job="${job}"]`);
  }

  healthPill(job: string): Locator {
    return this.row(job).getByTestId('target-health-pill');
  }

  filter(health: 'all' | 'up' | 'down' | 'unknown'): Locator {
    return this.page.getByTestId(`targets-filter-${health}`);
  }
}
