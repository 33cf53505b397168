// The desktop app as a person who double-clicks it would meet it — run on the Electron stand-in
// (e2e/desktop/standin): the built main process under Node, the built preload in a sandboxed
// isolated world, the built renderer in Debian's Chromium from the app's own app:// scheme.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CONSOLE_METHODS } from '../../shared/api';
import { buildOutput } from '../../electron/build-output';
import { INVOKE_PREFIX } from '../../electron/ipc';
import { DashboardPage } from '../pages/dashboard';
import { OverviewPage } from '../pages/overview';
import { SettingsPage } from '../pages/settings';
import { ConsoleShell } from '../pages/shell';
import { TargetsPage } from '../pages/targets';
import { skipWithoutPrerequisites } from '../support/prerequisites';
import type { DesktopApp } from './standin/harness';
import type { RendererPage } from './standin/renderer-page';
import { root } from './standin/harness';
import { loadPreloadInNodeWorlds } from './standin/node-worlds';
import {
  desktopDataDir,
  launch,
  saveDesktopScreenshot,
  startStackFromOverview,
  type DesktopDataDir,
} from './support';

skipWithoutPrerequisites('the desktop stand-in suite');
test.describe.configure({ mode: 'serial' });

let dir: DesktopDataDir;
let app: DesktopApp;
let win: RendererPage;

test.beforeAll(async ({ browser }) => {
  dir = await desktopDataDir('stop');
  app = launch(browser, dir);
  win = await app.mainWindow();
});

test.afterAll(async () => {
  await app?.kill();
  await dir?.cleanup();
});

test('the window is sandboxed and context-isolated, without Node, and loads the preload the build has', () => {
  const [window] = app.reported('window');
  expect(window?.window.webPreferences).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    preload: join(root, 'out', 'preload', 'preload.cjs'),
  });
  // Nothing that loosens it (security checklist 8–11): Electron's safe defaults stand.
  for (const loosening of [
    'allowRunningInsecureContent',
    'experimentalFeatures',
    'enableBlinkFeatures',
    'webviewTag',
    'nodeIntegrationInSubFrames',
  ]) {
    expect(window?.window.webPreferences[loosening], loosening).toBeUndefined();
  }
  expect(win.preloadEvents).toEqual([{ op: 'exposed', key: 'api' }]);
});

test('the console comes from app://, gets window.api, and the Overview shows the embedded server live', async () => {
  const [load] = app.reported('load');
  expect(load?.appUrl).toBe('app://peak-watch/index.html');
  const response = await win.page.request.get(new URL('index.html', win.page.url()).href);
  expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(
    await win.page.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort()),
  ).toEqual([...CONSOLE_METHODS, 'on'].sort());
  // Nothing else of the preload's world leaks into the page.
  expect(
    await win.page.evaluate(() =>
      ['require', 'process', 'ipcRenderer', 'Buffer'].filter((k) => k in window),
    ),
  ).toEqual([]);
  const overview = new OverviewPage(win.page);
  await expect(overview.serverListening).toHaveText('listening');
  await expect(overview.serverUrl).toHaveText(`http://127.0.0.1:${dir.metricsPort}`);
  // Live: the count moves when the server serves something.
  await fetch(`http://127.0.0.1:${dir.metricsPort}/health`);
  await expect(overview.serverRequests).not.toHaveText('0');
  expect(win.problems, 'no page error, console error or CSP violation').toEqual([]);
  await saveDesktopScreenshot(win.page, 'overview', dir.dataDir);
});

test('Settings → Instrumentation on makes peak_trade_http_* appear in /metrics', async () => {
  const shell = new ConsoleShell(win.page);
  await shell.goTo('settings');
  const metrics = async (): Promise<string> =>
    (await fetch(`http://127.0.0.1:${dir.metricsPort}/metrics`)).text();
  expect(await metrics()).not.toContain('peak_trade_http_requests_total');
  await new SettingsPage(win.page).setFlag('enabled', true);
  await fetch(`http://127.0.0.1:${dir.metricsPort}/health`);
  await expect.poll(metrics).toContain('peak_trade_http_requests_total{');
  await saveDesktopScreenshot(win.page, 'settings', dir.dataDir);
});

test('Start stack (native Prometheus) turns the scrape target UP on the Targets page', async () => {
  const shell = new ConsoleShell(win.page);
  await shell.goTo('overview');
  await startStackFromOverview(app);
  await shell.goTo('targets');
  const targets = new TargetsPage(win.page);
  await expect(targets.healthPill('peak_trade_web')).toHaveText('UP', { timeout: 30_000 });
  await saveDesktopScreenshot(win.page, 'targets', dir.dataDir);
});

test("the Dashboard draws Prometheus's range results, which cross IPC and contextBridge as typed arrays", async () => {
  const shell = new ConsoleShell(win.page);
  await shell.goTo('dashboard');
  const dashboard = new DashboardPage(win.page);
  await dashboard.panel('in_flight').expectChart();
  // Request rates need two scrapes of traffic: keep some coming until the panel draws them.
  const traffic = setInterval(() => void fetch(`http://127.0.0.1:${dir.metricsPort}/health`), 200);
  try {
    await dashboard.panel('rps_total').expectChart();
    // …and the rate of that traffic is on screen (a first scrape alone draws one dot at 0).
    await expect
      .poll(async () => (await dashboard.panel('rps_by_route').legend())['/health'] ?? '', {
        timeout: 60_000,
      })
      .toMatch(/^(0\.\d*[1-9]|[1-9])[\d.]* req\/s$/); // above zero
  } finally {
    clearInterval(traffic);
  }
  expect(win.problems, 'no page error, console error or CSP violation').toEqual([]);
  await saveDesktopScreenshot(win.page, 'dashboard', dir.dataDir);
});

test('Stack → Open Grafana reaches shell.openExternal with the configured Grafana URL and nothing else', async () => {
  // The Overview's button is disabled without Grafana (the native runtime has none here); the
  // menu item is the desktop app's other way in, and both end in the same api.openExternal.
  app.tell({ t: 'menu-click', path: ['Stack', 'Open Grafana'] });
  await expect
    .poll(() => app.reported('open-external').map((r) => r.url))
    .toEqual([`http://127.0.0.1:${dir.grafanaPort}`]);
  expect(win.context.pages()).toHaveLength(1); // no browser window of the app's own
});

test('navigating away and window.open are refused; the console stays', async () => {
  const before = win.page.url();
  await win.page.evaluate(() => {
    window.location.href = 'https://example.invalid/phish';
  });
  await expect.poll(() => app.reported('navigate-decision').at(-1)?.allow).toBe(false);
  expect(win.page.url()).toBe(before);
  const opened = await win.page.evaluate(
    () => window.open('https://example.invalid/popup') !== null,
  );
  await expect.poll(() => app.reported('window-open-decision').at(-1)?.action).toBe('deny');
  await expect.poll(() => win.context.pages().length).toBe(1);
  expect(
    opened,
    'the stand-in cannot make window.open return null; the popup is closed instead',
  ).toBe(true);
  await expect(new ConsoleShell(win.page).nav('overview')).toBeVisible();
  expect(win.page.url()).toBe(before);
});

test('a frame inside the console cannot navigate either', async () => {
  // will-frame-navigate is the only handler that sees a sub-frame (will-navigate is the main
  // frame's). The frame's target is the console's own origin, so the page's CSP lets it load and
  // only main's refusal keeps it out.
  const decisions = app.reported('navigate-decision').length;
  const target = new URL('index.html?framed', win.page.url()).href;
  await win.page.evaluate((url) => {
    const frame = document.createElement('iframe');
    frame.id = 'injected-frame';
    document.body.append(frame);
    frame.src = url;
  }, target);
  await expect.poll(() => app.reported('navigate-decision').length).toBe(decisions + 1);
  expect(app.reported('navigate-decision').at(-1)?.allow).toBe(false);
  const child = win.page.frames().find((f) => f !== win.page.mainFrame());
  expect(child?.url()).toBe('about:blank');
  await win.page.evaluate(() => document.getElementById('injected-frame')?.remove());
});

test('IPC from a sub-frame, from a foreign page, or on an unknown channel is refused', async () => {
  const windowId = app.reported('window')[0]!.window.id;
  const channel = `${INVOKE_PREFIX}getSettings`;
  const main = { frameId: 'main', isMainFrame: true, url: 'app://peak-watch/index.html' };
  // The same call from the console's own top frame is answered...
  const own = await app.invoke(windowId, main, channel, [undefined]);
  expect(own).toMatchObject({ ok: true, value: { ok: true } });
  // ...from a sub-frame (even of our own origin) it is refused...
  const sub = await app.invoke(
    windowId,
    { ...main, frameId: 'child-1', isMainFrame: false },
    channel,
    [undefined],
  );
  expect(sub).toMatchObject({ ok: true, value: { ok: false, error: { code: 'forbidden' } } });
  // ...as from a top frame that shows someone else's page.
  app.tell({ t: 'frame-url', windowId, url: 'https://example.invalid/' });
  const foreign = await app.invoke(windowId, main, channel, [undefined]);
  app.tell({ t: 'frame-url', windowId, url: win.page.url() });
  expect(foreign).toMatchObject({ ok: true, value: { ok: false, error: { code: 'forbidden' } } });
  // A channel main has no handler for is refused by Electron itself.
  const unknown = await app.invoke(windowId, main, `${INVOKE_PREFIX}deleteEverything`, []);
  expect(unknown).toMatchObject({
    ok: false,
    error: `Error: No handler registered for '${INVOKE_PREFIX}deleteEverything'`,
  });
});

test('main handles exactly the channels the preload calls', () => {
  // Observed, not derived from the names: the built preload under the sandboxed preload loader,
  // every function it exposes called once, and the channel each one invoked recorded.
  const worlds = loadPreloadInNodeWorlds(buildOutput.preload);
  const api = worlds.mainWorld.api as Record<string, () => Promise<unknown>>;
  for (const [name, call] of Object.entries(api)) {
    if (name !== 'on') void call().catch(() => undefined); // never answered; only the channel counts
  }
  const invoked = worlds.invokes.map((i) => i.channel).sort();
  expect(new Set(invoked).size, 'one channel per function').toBe(Object.keys(api).length - 1);
  expect(app.reported('handlers').at(-1)?.channels.sort()).toEqual(invoked);
});

test('web permissions: only clipboard writes, only for the console itself', async () => {
  const windowId = app.reported('window')[0]!.window.id;
  const own = 'app://peak-watch/index.html';
  for (const kind of ['request', 'check'] as const) {
    expect(await app.permission(windowId, kind, 'clipboard-sanitized-write', own)).toBe(true);
    expect(
      await app.permission(windowId, kind, 'clipboard-sanitized-write', 'https://example.invalid/'),
    ).toBe(false);
    for (const permission of [
      'notifications',
      'geolocation',
      'media',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      expect(await app.permission(windowId, kind, permission, own), `${kind} ${permission}`).toBe(
        false,
      );
    }
  }
});

test('a second instance focuses the first instead of starting another', async ({ browser }) => {
  const second = launch(browser, dir, { renderer: false });
  const exit = await second.exited;
  expect(exit.code).toBe(0);
  expect(second.reported('window')).toEqual([]);
  await expect.poll(() => app.reported('window-call').some((c) => c.method === 'focus')).toBe(true);
});
