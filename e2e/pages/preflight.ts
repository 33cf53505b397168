// Preflight: every check with its status, what it saw and the fix; re-run all or one.
import type { Locator, Page } from '@playwright/test';

export class PreflightPage {
  readonly root: Locator;
  readonly summary: Locator;
  readonly checks: Locator;
  readonly rerunAll: Locator;
  readonly copyMarkdown: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    const id = (testId: string) => page.getByTestId(testId);
    this.root = id('page-preflight');
    this.summary = id('preflight-summary');
    this.checks = id('preflight-check');
    this.rerunAll = id('preflight-rerun-all');
    this.copyMarkdown = id('preflight-copy-markdown');
    this.error = id('preflight-error');
  }

  check(id: string): Locator {
    return this.page.locator(`[data-testid="preflight-check"][data-check-id="${id}"]`);
  }

  status(id: string): Locator {
    return this.check(id).getByTestId('preflight-check-status');
  }

  observed(id: string): Locator {
    return this.check(id).getByTestId('preflight-check-observed');
  }

  fix(id: string): Locator {
    return this.check(id).getByTestId('preflight-check-fix');
  }

  /** Every check as {id, status} in page order. */
  async statuses(): Promise<{ id: string; status: string }[]> {
    return this.checks.evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute('data-check-id') ?? '',
        status: el.getAttribute('data-status') ?? '',
      })),
    );
  }
}
