// Settings: the enabled and strict switches (applied at once) and the checked form.
import { expect, type Locator, type Page } from '@playwright/test';

export type Flag = 'enabled' | 'strict';

export class SettingsPage {
  readonly root: Locator;
  readonly flagsError: Locator;
  readonly dataDir: Locator;
  readonly warnings: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    const id = (testId: string) => page.getByTestId(testId);
    this.root = id('page-settings');
    this.flagsError = id('settings-flags-error');
    this.dataDir = id('settings-data-dir');
    this.warnings = id('settings-warnings');
    this.save = id('settings-save');
  }

  switch(flag: Flag): Locator {
    return this.page.getByTestId(`settings-${flag}`);
  }

  field(key: string): Locator {
    return this.page.getByTestId(`settings-${key}`);
  }

  /** Chooses the stack runtime in the form and saves it, waiting for the save to finish. */
  async saveRuntime(runtime: 'docker' | 'native'): Promise<void> {
    await this.field('stack-runtime').selectOption(runtime);
    await this.save.click();
    await expect(this.save).toBeDisabled();
  }

  /** Flips a flag switch to `on` and waits until the page shows it applied. */
  async setFlag(flag: Flag, on: boolean): Promise<void> {
    const sw = this.switch(flag);
    await expect(sw).toBeEnabled();
    if ((await sw.getAttribute('aria-checked')) !== String(on)) await sw.click();
    await expect(sw).toHaveAttribute('aria-checked', String(on));
    await expect(sw).not.toHaveAttribute('aria-busy', 'true');
    await expect(this.flagsError).toHaveCount(0);
  }
}
