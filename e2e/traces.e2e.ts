// The Traces and Logs pages on the built app (real headless console, real OTLP receiver) with
// data sent by the real OpenTelemetry SDK's protobuf exporters (support/otel-send.ts): the empty
// state, filtering, the keyboard, the trace view with its logs and the link to the Logs page.
import { expect, test, type Page } from '@playwright/test';
import { attachOnFailure } from './support/failure';
import { type HeadlessConsole } from './support/headless-console';
import { sendRequests, startReceivingConsole } from './support/otel-send';
import { skipWithoutPrerequisites } from './support/prerequisites';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('the Traces and Logs pages');

let pw: HeadlessConsole;
let page: Page;
let endpoint: string;
let ids: string[];

test.beforeAll(async ({ browser }) => {
  ({ pw, endpoint } = await startReceivingConsole());
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

test.afterEach(() => attachOnFailure(page, pw));
test.afterAll(async () => {
  await page?.close();
  await pw?.stop();
});

test('an empty receiver says where to send data, for Python and Node', async () => {
  await page.goto(pw.consoleUrl);
  await page.getByTestId('nav-traces').click();
  await expect(page.getByTestId('telemetry-endpoint')).toHaveText(endpoint);
  await expect(page.getByTestId('telemetry-empty')).toBeVisible();
  await expect(page.getByTestId('telemetry-snippet-python')).toContainText(
    `OTEL_EXPORTER_OTLP_ENDPOINT=${endpoint}`,
  );
  await expect(page.getByTestId('telemetry-snippet-python')).toContainText(
    'opentelemetry-instrument',
  );
  await expect(page.getByTestId('telemetry-snippet-node')).toContainText(
    'OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf',
  );
});

test('traces sent by the SDK are listed newest first and filtered by route, status and duration', async () => {
  ids = await sendRequests(endpoint, [
    {
      route: '/api/orders',
      status: 200,
      durationMs: 20,
      log: { severity: 'info', body: 'order listed' },
    },
    {
      route: '/api/orders/{id}',
      status: 500,
      durationMs: 900,
      log: { severity: 'error', body: 'order lookup failed' },
    },
    {
      route: '/api/quotes',
      status: 404,
      durationMs: 40,
      log: { severity: 'warn', body: 'no quote' },
    },
  ]);
  const list = page.getByTestId('traces-list');
  await expect(list).toHaveAttribute('data-count', '3');
  await expect(list.getByRole('option').first()).toContainText('/api/quotes');

  await page.getByTestId('traces-status').selectOption('5xx');
  await expect(list).toHaveAttribute('data-count', '1');
  await expect(list.getByRole('option')).toContainText('/api/orders/{id}');
  await page.getByTestId('traces-status').selectOption('');

  await page.getByTestId('traces-min-duration').fill('500');
  await expect(list).toHaveAttribute('data-count', '1');
  await page.getByTestId('traces-min-duration').fill('abc');
  await expect(page.getByRole('alert')).toHaveText('a duration in milliseconds, e.g. 250');
  await page.getByTestId('traces-min-duration').fill('');
  await expect(list).toHaveAttribute('data-count', '3');

  await page.getByTestId('traces-route').selectOption('/api/orders');
  await expect(list).toHaveAttribute('data-count', '1');
  await page.getByTestId('traces-route').selectOption('');
  await expect(list).toHaveAttribute('data-count', '3');
});

test('the keyboard moves through the list and Enter opens the trace with its waterfall and logs', async () => {
  const list = page.getByTestId('traces-list');
  await list.focus();
  await page.keyboard.press('ArrowDown'); // focus made row 1 active; down: the second newest
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/traces/${ids[1]}$`));
  const view = page.getByTestId('trace-view');
  await expect(view).toHaveAttribute('data-trace-id', ids[1]!);
  await expect(page.getByTestId('waterfall-row')).toHaveCount(2);
  await expect(page.getByTestId('waterfall-row').nth(1)).toHaveAttribute('data-depth', '1');
  await expect(page.getByTestId('span-attributes')).toContainText('http.route');
  await expect(page.getByTestId('trace-log')).toContainText('order lookup failed');
  await page.screenshot({ path: 'docs/screenshots/trace-view.png' });

  await page.getByTestId('waterfall-row').nth(1).click();
  await expect(page.getByTestId('span-details')).toContainText('SELECT orders');

  await page.getByTestId('trace-open-logs').click();
  await expect(page).toHaveURL(new RegExp(`#/logs\\?trace=${ids[1]}$`));
  const logs = page.getByTestId('logs-list');
  await expect(logs).toHaveAttribute('data-count', '1');
  await expect(logs).toContainText('order lookup failed');
});

test('a deep link to a trace the receiver does not keep says so', async () => {
  await page.evaluate((id) => (window.location.hash = `/traces/${id}`), `${'0'.repeat(31)}1`);
  await expect(page.getByTestId('error-notice')).toBeVisible();
  await page.evaluate(() => (window.location.hash = '/traces'));
  await expect(page.getByTestId('traces-list')).toHaveAttribute('data-count', '3');
  await page.screenshot({ path: 'docs/screenshots/traces-list.png' });
});
