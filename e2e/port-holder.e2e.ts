// The embedded server's port held by what looks like the Peak_Trade web app (a real second
// embedded server with instrumentation on, so its /metrics carries peak_trade_*): the Overview
// names it and one click watches it as an instance and moves Peak Watch's server to a free port.
// Something else on the port (a plain HTTP server) gets today's "already in use" and no offer.
// Real headless console (the built CLI), real Chromium, real servers on loopback.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MetricsServer } from '../electron/services/metrics-server';
import { OverviewPage } from './pages/overview';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { saveScreenshot } from './support/screenshots';
import { consoleToken } from './support/secrets';

skipWithoutPrerequisites('the port-holder offer');

let pw: HeadlessConsole | null = null;
let page: Page;

test.beforeEach(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

test.afterEach(async () => {
  if (pw) await attachOnFailure(page, pw);
  await page.close();
  await pw?.stop();
  pw = null;
});

test('a port held by the app: the Overview offers to watch it, and one click moves the server', async () => {
  const holder = new MetricsServer({
    host: '127.0.0.1',
    port: 0,
    enabled: true,
    strict: false,
    token: null,
  });
  await holder.start();
  const taken = holder.address!.port;
  try {
    pw = await startHeadlessConsole({ settings: [['server.port', String(taken)]] });
    const shell = new ConsoleShell(page);
    const overview = new OverviewPage(page);
    await shell.open(pw.consoleUrl);

    await expect(overview.serverListening).toHaveText('not listening');
    const listenError = page.getByTestId('server-listen-error');
    await expect(listenError).toContainText(
      `Port ${taken} is taken by what looks like the Peak_Trade web app`,
    );
    const offer = page.getByTestId('port-holder-watch');
    await expect(offer).toHaveText(
      /^Watch it as an instance and move Peak Watch's server to port \d+$/,
    );
    const offered = Number(/port (\d+)$/.exec((await offer.textContent()) ?? '')?.[1]);
    expect(offered).not.toBe(taken);
    await saveScreenshot(
      page,
      'source-port-holder',
      { token: consoleToken(pw.consoleUrl), dataDir: pw.dataDir },
      { element: page.getByTestId('server-card') },
    );

    await offer.click();
    const result = page.getByTestId('port-holder-result');
    await expect(result).toContainText(`Watching 127.0.0.1:${taken} as an instance of the app`);
    await expect(result).toContainText(`now listens on port ${offered}`);
    await expect(overview.serverListening).toHaveText('listening');
    await expect(overview.serverUrl).toHaveText(`http://127.0.0.1:${offered}`);
    await expect(offer).toHaveCount(0);
    await expect(listenError).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('port-holder-after.png') });

    const settings = JSON.parse(await readFile(join(pw.dataDir, 'settings.json'), 'utf8')) as {
      server: { port: number };
      stack: { instances: { target: string; tokenFile: string }[] };
    };
    expect(settings.server.port).toBe(offered);
    expect(settings.stack.instances).toEqual([{ target: `127.0.0.1:${taken}`, tokenFile: '' }]);
    expect((await fetch(`http://127.0.0.1:${offered}/health`)).status).toBe(200);
  } finally {
    await holder.stop();
  }
});

test('a port held by something else: the plain "already in use", and no offer', async () => {
  const plain: Server = createServer((_req, res) => res.end('up 1\n'));
  await new Promise<void>((resolve) => plain.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const taken = (plain.address() as { port: number }).port;
  try {
    pw = await startHeadlessConsole({ settings: [['server.port', String(taken)]] });
    const shell = new ConsoleShell(page);
    const overview = new OverviewPage(page);
    await shell.open(pw.consoleUrl);
    await expect(overview.serverListening).toHaveText('not listening');
    await expect(page.getByTestId('server-listen-error')).toContainText(
      `Port ${taken} on 127.0.0.1 is already in use`,
    );
    await expect(page.getByTestId('port-holder-offer')).toHaveCount(0);
  } finally {
    await new Promise<void>((resolve) => {
      plain.close(() => resolve());
      plain.closeAllConnections();
    });
  }
});
