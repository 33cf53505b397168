// The screenshots of every page in docs/screenshots/, taken during the walk at 1280×800 with real
// data — after checking that no secret is on the page.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { root } from './prerequisites';
import { expectNoSecrets } from './secrets';

export const SCREENSHOT_DIR = join(root, 'docs', 'screenshots');

export async function saveScreenshot(
  page: Page,
  name: string,
  secrets: { token: string; dataDir: string },
): Promise<string> {
  await expectNoSecrets(page, secrets);
  // No hover highlight or open tooltip from the last click; toasts closed by the caller.
  await page.mouse.move(0, 799);
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  return path;
}
