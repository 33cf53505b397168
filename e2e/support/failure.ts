// What a failed step leaves behind for whoever reads the report: the page as it was and the
// headless console's own output (its console token masked).
import { test, type Page } from '@playwright/test';
import type { HeadlessConsole } from './headless-console';

export async function attachOnFailure(
  page: Page | undefined,
  console_: HeadlessConsole | undefined,
): Promise<void> {
  const info = test.info();
  if (info.status === info.expectedStatus) return;
  if (page && !page.isClosed()) {
    await info.attach('page', { body: await page.screenshot(), contentType: 'image/png' });
  }
  if (console_) {
    await info.attach('console output', {
      body: console_.output().replace(/token=[\w-]+/g, 'token=…'),
      contentType: 'text/plain',
    });
  }
}
