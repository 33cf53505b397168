// The secrets that must never reach a page or a screenshot: the console token (in the URL Peak
// Watch printed), the Grafana admin password and the Prometheus password (in the data folder's
// secrets/, mode 0600).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export function consoleToken(consoleUrl: string): string {
  const token = new URL(consoleUrl).searchParams.get('token');
  if (!token) throw new Error(`no ?token= in ${consoleUrl}`);
  return token;
}

async function secret(dataDir: string, name: string): Promise<string | null> {
  try {
    return (await readFile(join(dataDir, 'secrets', name), 'utf8')).trim();
  } catch {
    return null;
  }
}

export function grafanaPassword(dataDir: string): Promise<string | null> {
  return secret(dataDir, 'grafana-admin-password');
}

/** The managed Prometheus's basic-auth password (user peak-watch). */
export function prometheusPassword(dataDir: string): Promise<string | null> {
  return secret(dataDir, 'prometheus-password');
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
  const prometheus = await prometheusPassword(secrets.dataDir);
  if (prometheus) {
    expect(html.includes(prometheus), 'the Prometheus password is not in the page').toBe(false);
  }
}
