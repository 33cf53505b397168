// The console's frame around every page: navigation, the Preflight badge, the server URL in the
// footer, the connection banner and the toasts.
import { expect, type Locator, type Page } from '@playwright/test';

export type PageName =
  'overview' | 'targets' | 'dashboard' | 'explore' | 'alerts' | 'preflight' | 'settings';

export class ConsoleShell {
  readonly preflightBadge: Locator;
  readonly serverUrl: Locator;
  readonly connectionBanner: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.preflightBadge = page.getByTestId('nav-preflight-badge');
    this.serverUrl = page.getByTestId('nav-server-url');
    this.connectionBanner = page.getByTestId('connection-banner');
    this.toasts = page.getByTestId('toast');
  }

  /** Opens the console at the URL Peak Watch printed (with its one-time ?token=). */
  async open(consoleUrl: string): Promise<void> {
    await this.page.goto(consoleUrl);
    await expect(this.page.getByTestId('page-overview')).toBeVisible();
  }

  nav(name: PageName): Locator {
    return this.page.getByTestId(`nav-${name}`);
  }

  /** Clicks a navigation entry and waits for its page. */
  async goTo(name: PageName): Promise<void> {
    await this.nav(name).click();
    await expect(this.page.getByTestId(`page-${name}`)).toBeVisible();
  }

  /** Closes every toast, so a screenshot shows the page and not the last notification. */
  async dismissToasts(): Promise<void> {
    const close = this.page.locator('[data-testid="toast"] button[aria-label="Dismiss"]');
    while ((await close.count()) > 0) await close.first().click();
  }
}
