// What the web console leaves in a browser, asked in real Chromium of the real headless console:
// another local service the same browser visits gets nothing that lets it act as the console,
// a reload and a second opening of the printed URL keep working, and the settings that choose a
// program to run are read-only in the browser's Settings pane.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { attachOnFailure } from './support/failure';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { saveScreenshot } from './support/screenshots';
import { consoleToken } from './support/secrets';
import { ConsoleShell } from './pages/shell';
import { SettingsPage } from './pages/settings';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('the web console in a browser', { prometheus: false });

let pw: HeadlessConsole;
let page: Page;
/** Another local service on its own 127.0.0.1 port, recording every request it gets. */
let other: Server;
let otherUrl: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

test.beforeAll(async ({ browser }) => {
  pw = await startHeadlessConsole();
  other = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>another local service</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

test.afterEach(() => attachOnFailure(page, pw));

test.afterAll(async () => {
  await page?.context().close();
  await new Promise((resolve) => other?.close(resolve));
  await pw?.stop();
});

/** Whether a header value, offered every way the console could take a credential, gets in. */
async function authorizes(consoleBase: string, value: string): Promise<boolean> {
  const attempts: Record<string, string>[] = [
    { cookie: value },
    { authorization: value },
    { authorization: `Bearer ${value}` },
    { 'x-peak-watch-session': value },
  ];
  for (const headers of attempts) {
    const res = await fetch(new URL('/rpc/getServerStatus', consoleBase), {
      method: 'POST',
      headers: { 'x-peak-watch': '1', 'content-type': 'application/json', ...headers },
      body: 'null',
    });
    if (res.status !== 401) return true;
  }
  return false;
}

test('a second local HTTP server on another port that the browser visits receives no credential', async () => {
  const shell = new ConsoleShell(page);
  await shell.open(pw.consoleUrl);
  const token = consoleToken(pw.consoleUrl);
  expect(page.url()).not.toContain(token);
  // The console works (its calls are authorized) before the browser goes elsewhere.
  await expect(shell.serverUrl).toContainText('127.0.0.1');

  await page.goto(otherUrl);
  await expect(page.locator('p')).toHaveText('hello');
  // And a page there that embeds the other service again, as an image would.
  await page.evaluate(async (url) => {
    await fetch(`${url}probe`, { credentials: 'include', mode: 'no-cors' });
  }, otherUrl);

  expect(seen.length).toBeGreaterThanOrEqual(2);
  const consoleBase = new URL(pw.consoleUrl).origin;
  for (const request of seen) {
    expect(request.headers.cookie, request.url).toBeUndefined();
    expect(request.headers.authorization, request.url).toBeUndefined();
    for (const [name, value] of Object.entries(request.headers)) {
      const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
      expect(text, `${request.url} ${name}`).not.toContain(token);
      expect(await authorizes(consoleBase, text), `${request.url} ${name}: ${text}`).toBe(false);
    }
  }
  // Nothing is stored for the browser to send: no cookie for any site in this context.
  expect(await page.context().cookies()).toEqual([]);
  // The page on the other port cannot read the console's session key (another origin).
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('a reload keeps the console working, and the printed URL opens it again', async () => {
  const shell = new ConsoleShell(page);
  await shell.open(pw.consoleUrl);
  await page.reload();
  await expect(page.getByTestId('page-overview')).toBeVisible();
  await expect(shell.serverUrl).toContainText('127.0.0.1');
  await expect(shell.connectionBanner).toHaveCount(0);
  await shell.open(pw.consoleUrl);
  await expect(shell.serverUrl).toContainText('127.0.0.1');
  await expect(shell.connectionBanner).toHaveCount(0);
  expect(page.url()).not.toContain('token=');
});

test('in a browser, the settings that choose a program to run are read-only and say where to change them', async () => {
  const shell = new ConsoleShell(page);
  const settings = new SettingsPage(page);
  await shell.open(pw.consoleUrl);
  await shell.goTo('settings');
  // startHeadlessConsole chose the native runtime, so the binary fields are on the form.
  for (const key of ['prometheusBinary', 'grafanaBinary', 'prometheusImage', 'grafanaImage']) {
    const field = settings.field(`stack-${key}`);
    await expect(field, key).toHaveAttribute('readonly', '');
    await expect(settings.field(`stack-${key}-desktop-only`), key).toHaveText(
      `Read-only here: it chooses a program to run. Change it in the desktop window, with "peak-watch settings set stack.${key} VALUE", or in settings.json in the data folder.`,
    );
    // Typing into it changes nothing, so Save stays off.
    await field.press('End');
    await field.pressSequentially('/tmp/x.sh');
    await expect(field).not.toHaveValue(/x\.sh/);
    await field.blur();
  }
  await expect(settings.save).toBeDisabled();
  // Every other field stays editable.
  await expect(settings.field('stack-prometheusPort')).not.toHaveAttribute('readonly', '');
  await settings.field('stack-prometheusBinary').scrollIntoViewIfNeeded();
  await saveScreenshot(
    page,
    'settings-web-desktop-only',
    { token: consoleToken(pw.consoleUrl), dataDir: pw.dataDir },
    { element: page.locator('section.card', { hasText: 'Stack' }).first() },
  );
});

test('a page opened without the printed URL says how to get in, and gets no data', async ({
  browser,
}) => {
  const context = await browser.newContext();
  try {
    const fresh = await context.newPage();
    const base = new URL(pw.consoleUrl);
    base.search = '';
    await fresh.goto(base.toString());
    const shell = new ConsoleShell(fresh);
    await expect(shell.connectionBanner).toHaveAttribute('data-state', 'expired');
    await expect(shell.connectionBanner).toContainText('Open the console again with the URL');
    const wrong = new URL(pw.consoleUrl);
    wrong.searchParams.set('token', 'not-the-token');
    await fresh.goto(wrong.toString());
    await expect(shell.connectionBanner).toHaveAttribute('data-state', 'expired');
    expect(fresh.url()).not.toContain('token=');
  } finally {
    await context.close();
  }
});
