// The screenshots of every page in docs/screenshots/, taken during the walk at 1280×800 with real
// data — after checking that no secret is on the page and that axe-core finds no accessibility
// violation on it: every state worth a picture is a state a keyboard or screen-reader user meets.
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectNoA11yViolations } from './axe';
import { root } from './prerequisites';
import { expectNoSecrets } from './secrets';

export const SCREENSHOT_DIR = join(root, 'docs', 'screenshots');

export async function saveScreenshot(
  page: Page,
  name: string,
  secrets: { token: string; dataDir: string },
  /** element: only that part of the page; keepPointer: keep the hover (a tooltip is the subject). */
  opts: { wholePage?: boolean; element?: Locator; keepPointer?: boolean } = {},
): Promise<string> {
  await expectNoSecrets(page, secrets);
  // No hover highlight or open tooltip from the last click; toasts closed by the caller.
  if (!opts.keepPointer) await page.mouse.move(0, 799);
  await expectNoA11yViolations(page, `the page of screenshot ${name}.png`);
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  const viewport = page.viewportSize();
  if (opts.wholePage && viewport) {
    // The console scrolls inside <main>, so fullPage sees only the window: make the window as
    // tall as what <main> holds, shoot, and go back.
    const height = await page.locator('main').evaluate((main) => main.scrollHeight);
    await page.setViewportSize({
      width: viewport.width,
      height: Math.max(height, viewport.height),
    });
    await page.waitForTimeout(300); // charts re-measure on resize
  }
  try {
    const shoot = { path, animations: 'disabled', caret: 'hide' } as const;
    await (opts.element ? opts.element.screenshot(shoot) : page.screenshot(shoot));
  } finally {
    if (opts.wholePage && viewport) await page.setViewportSize(viewport);
  }
  return path;
}
