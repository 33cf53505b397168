// "Open Grafana" and "Open Prometheus" as a person clicks them in the console's window, on the
// Electron stand-in: renderer → preload (window.api) → IPC → the built main → shell.openExternal.
// (The app menu's "Open Grafana" is the other way in; desktop.standin.ts clicks that one.)
// Grafana is in no registry reachable here, so the native runtime starts a Grafana stand-in
// binary — a few lines of Node answering /api/health, as Grafana's own health check does — and
// a real Debian Prometheus.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { INVOKE_PREFIX } from '../../electron/ipc';
import { writeGrafanaStandIn } from '../../electron/services/stack/native/testing';
import { OverviewPage } from '../pages/overview';
import { ConsoleShell } from '../pages/shell';
import { TargetsPage } from '../pages/targets';
import { isAlive } from '../support/processes';
import { skipWithoutPrerequisites } from '../support/prerequisites';
import type { DesktopApp } from './standin/harness';
import type { RendererPage } from './standin/renderer-page';
import { desktopDataDir, launch, type DesktopDataDir } from './support';

skipWithoutPrerequisites('the desktop stand-in suite');
test.describe.configure({ mode: 'serial' });

let grafanaRoot: string;
let dir: DesktopDataDir;
let app: DesktopApp;
let win: RendererPage;

/** A Grafana release's layout (bin/grafana, conf/defaults.ini) with a stand-in binary in it. */
async function grafanaStandIn(): Promise<string> {
  grafanaRoot = await mkdtemp(join(tmpdir(), 'pw-grafana-standin-'));
  // It records its pid, so the clean-up can end it even when the app was killed mid-test.
  const { binary } = await writeGrafanaStandIn(
    grafanaRoot,
    `require('node:fs').writeFileSync(${JSON.stringify(join(grafanaRoot, 'pid'))}, String(process.pid));
     const e = process.env;
     require('node:http').createServer((q, s) => { s.setHeader('content-type', 'application/json');
       s.end(JSON.stringify({ database: 'ok', version: 'stand-in' })); })
       .listen(Number(e.GF_SERVER_HTTP_PORT), e.GF_SERVER_HTTP_ADDR);`,
  );
  return binary;
}

const opened = (): string[] => app.reported('open-external').map((r) => r.url);

test.beforeAll(async ({ browser }) => {
  dir = await desktopDataDir('stop', { stack: { grafanaBinary: await grafanaStandIn() } });
  app = launch(browser, dir);
  win = await app.mainWindow();
});

test.afterAll(async () => {
  await app?.kill();
  await dir?.cleanup();
  const pid = Number(await readFile(join(grafanaRoot, 'pid'), 'utf8').catch(() => '0'));
  if (pid && isAlive(pid)) process.kill(pid, 'SIGTERM');
  await rm(grafanaRoot, { recursive: true, force: true });
});

test('a page that asks main to open a URL of its own choosing is refused, and nothing opens', async () => {
  // What a compromised page could send on the openExternal channel: main takes a target name,
  // never a URL (security checklist 15), so each is refused by the contract's schema.
  const windowId = app.reported('window')[0]!.window.id;
  const own = { frameId: 'main', isMainFrame: true, url: 'app://peak-watch/index.html' };
  for (const request of [
    { url: 'https://example.invalid/' },
    { target: 'https://example.invalid/' },
    { target: 'grafana', url: 'https://example.invalid/' },
  ]) {
    const answer = await app.invoke(windowId, own, `${INVOKE_PREFIX}openExternal`, [request]);
    expect(answer, JSON.stringify(request)).toMatchObject({
      ok: true,
      value: { ok: false, error: { code: 'invalid-request' } },
    });
  }
  expect(opened()).toEqual([]);
});

test("the Overview's Open Grafana button reaches shell.openExternal with the configured Grafana URL and nothing else", async () => {
  const overview = new OverviewPage(win.page);
  await expect(overview.startButton).toBeEnabled();
  await overview.startStack();
  await expect(overview.serviceState('grafana')).toHaveText('running', { timeout: 60_000 });
  expect(opened()).toEqual([]);
  await overview.openGrafana.click();
  await expect.poll(opened).toEqual([`http://127.0.0.1:${dir.grafanaPort}`]);
  expect(win.context.pages()).toHaveLength(1); // no browser window of the app's own
  expect(win.problems, 'no page error or console error').toEqual([]);
});

test("the Targets page's Open Prometheus button reaches shell.openExternal with the configured Prometheus URL and says how to sign in", async () => {
  await new ConsoleShell(win.page).goTo('targets');
  await new TargetsPage(win.page).openPrometheus.click();
  await expect
    .poll(opened)
    .toEqual([`http://127.0.0.1:${dir.grafanaPort}`, `http://127.0.0.1:${dir.prometheusPort}`]);
  expect(win.context.pages()).toHaveLength(1);
  // Prometheus asks for a password: the console says who to sign in as and where the password is.
  await expect(new ConsoleShell(win.page).toasts.last()).toContainText(
    'Prometheus asks for a password: user peak-watch',
  );
});
