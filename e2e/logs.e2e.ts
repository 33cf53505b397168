// The Logs page on the built app (real headless console, real OTLP receiver), with records sent
// by the real OpenTelemetry SDK (support/otel-send.ts): level and text filters, the live tail
// with pause/resume, a record's link to its trace; and a console whose receiver is off.
import { expect, test, type Page } from '@playwright/test';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { sendRequests, startReceivingConsole, type SentRequest } from './support/otel-send';
import { skipWithoutPrerequisites } from './support/prerequisites';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('the Logs page');

let pw: HeadlessConsole;
let page: Page;
let endpoint: string;

const request = (body: string, severity: SentRequest['log']['severity']): SentRequest => ({
  route: '/api/orders',
  status: severity === 'error' ? 500 : 200,
  durationMs: 10,
  log: { severity, body },
});

test.beforeAll(async ({ browser }) => {
  ({ pw, endpoint } = await startReceivingConsole());
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

test.afterEach(() => attachOnFailure(page, pw));
test.afterAll(async () => {
  await page?.close();
  await pw?.stop();
});

test('records are filtered by level (and worse) and by text', async () => {
  await sendRequests(endpoint, [
    request('cache warm', 'info'),
    request('slow upstream', 'warn'),
    request('payment failed', 'error'),
    // Any local process can export: what it sends is shown as text, never run as HTML.
    request('<img src=x onerror="window.__pwned=1">', 'debug'),
  ]);
  await page.goto(pw.consoleUrl);
  await page.getByTestId('nav-logs').click();
  const list = page.getByTestId('logs-list');
  await expect(list).toHaveAttribute('data-count', '4');
  await expect(list).toContainText('<img src=x onerror="window.__pwned=1">');
  expect(await page.evaluate(() => 'pwned' in window || '__pwned' in window)).toBe(false);
  await page.getByTestId('logs-level').selectOption('info');
  await expect(list).toHaveAttribute('data-count', '3');
  await page.getByTestId('logs-level').selectOption('warn');
  await expect(list).toHaveAttribute('data-count', '2');
  await expect(list).not.toContainText('cache warm');
  await page.getByTestId('logs-text').fill('PAYMENT');
  await expect(list).toHaveAttribute('data-count', '1');
  await page.getByTestId('logs-text').fill('');
  await page.getByTestId('logs-level').selectOption('info');
  await expect(list).toHaveAttribute('data-count', '3');
  await page.getByTestId('logs-trace-id').fill('not-a-trace');
  await expect(page.getByTestId('logs-trace-id-issue')).toHaveText('a trace id is 32 hex digits');
  await page.getByTestId('logs-trace-id').fill('');
});

test('the live tail follows new records, and pause holds them until resumed', async () => {
  const list = page.getByTestId('logs-list');
  await sendRequests(endpoint, [request('tailed record', 'info')]);
  await expect(list).toHaveAttribute('data-count', '4');
  await expect(list).toContainText('tailed record');

  await page.getByTestId('logs-pause').click();
  await sendRequests(endpoint, [request('held record', 'info')]);
  await expect(page.getByTestId('telemetry-logs')).toContainText('5 kept');
  await expect(page.getByTestId('logs-pause')).toHaveText(/Resume \(new records\)/);
  await expect(list).toHaveAttribute('data-count', '4');
  await page.getByTestId('logs-pause').click();
  await expect(list).toHaveAttribute('data-count', '5');
  await expect(list).toContainText('held record');
  await page.screenshot({ path: 'docs/screenshots/logs.png' });
});

test("the keyboard moves through the records and Enter opens a record's trace", async () => {
  const list = page.getByTestId('logs-list');
  await list.focus(); // the tail's newest record becomes active
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/traces\/[0-9a-f]{32}$/);
  await expect(page.getByTestId('trace-log')).toContainText('tailed record');
});

test('with the receiver off, both pages say so and link to Settings', async ({ browser }) => {
  const off = await startHeadlessConsole();
  const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await p.goto(off.consoleUrl);
    await p.getByTestId('nav-logs').click();
    await expect(p.getByTestId('telemetry-off')).toBeVisible();
    await p.getByTestId('nav-traces').click();
    await expect(p.getByTestId('telemetry-off')).toContainText('The OTLP receiver is off');
    await expect(p.getByTestId('error-notice')).toHaveCount(0);
    await p.getByTestId('telemetry-open-settings').click();
    await expect(p.getByTestId('settings-telemetry-card')).toBeVisible();
  } finally {
    await p.close();
    await off.stop();
  }
});
