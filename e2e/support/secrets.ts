// The two secrets that must never reach a page or a screenshot: the console token (in the URL
// Peak Watch printed) and the Grafana admin password (in the data folder, mode 0600).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export function consoleToken(consoleUrl: string): string {
  const token = new URL(consoleUrl).searchParams.get('token');
  if (!token) throw new Error(`no ?token= in ${consoleUrl}`);
  return token;
}

export async function grafanaPassword(dataDir: string): Promise<string | null> {
  try {
    return (await readFile(join(dataDir, 'secrets', 'grafana-admin-password'), 'utf8')).trim();
  } catch {
    return null;
  }
}

/** Asserts that neither secret is anywhere in the page (markup, text, attributes) or its URL. */
export async function expectNoSecrets(
  page: Page,
  secrets: { token: string; dataDir: string },
): Promise<void> {
  const html = await page.content();
  expect(page.url(), 'the console token stays out of the address bar').not.toContain(secrets.token);
  expect(html.includes(secrets.token), 'the console token is not in the page').toBe(false);
  const password = await grafanaPassword(secrets.dataDir);
  if (password) {
    expect(html.includes(password), 'the Grafana admin password is not in the page').toBe(false);
  }
}
