// The tray and desktop notifications of the desktop app, on the Electron stand-in: a real native
// Prometheus evaluating Peak Watch's rules, an extra scrape target on a dead port so an alert
// really fires, and the built main process telling the user through Tray and Notification.
import { expect, test } from '@playwright/test';
import { freePort } from '../../electron/services/prometheus/testing';
import { AlertsPage } from '../pages/alerts';
import { skipWithoutPrerequisites } from '../support/prerequisites';
import type { DesktopApp } from './standin/harness';
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

const trayImages = (): string[] =>
  app
    .reported('tray')
    .filter((r) => r.op === 'create' || r.op === 'image')
    .map((r) => String((r.detail as { path: string | null }).path ?? ''));
const trayMenu = (): { label: string | null; enabled: boolean }[] =>
  (app
    .reported('tray')
    .filter((r) => r.op === 'menu')
    .at(-1)?.detail ?? []) as {
    label: string | null;
    enabled: boolean;
  }[];

test.beforeAll(async ({ browser }) => {
  dir = await desktopDataDir('stop', {
    stack: { extraTargets: [`127.0.0.1:${await freePort()}`] },
    alerts: { evaluationIntervalSeconds: 1, extraTargetDownForSeconds: 2 },
  });
  app = launch(browser, dir);
  await app.mainWindow();
});

test.afterAll(async () => {
  if (process.env.STANDIN_DEBUG) console.log(app?.output());
  await app?.kill();
  await dir?.cleanup();
});

test('the tray starts grey with the stack down, and offers Start but not Stop', async () => {
  await expect.poll(() => trayImages().at(-1)).toMatch(/resources\/tray\/stack-down\.png$/);
  await expect
    .poll(() => trayMenu().map((i) => `${i.label ?? '—'}:${i.enabled}`))
    .toEqual(
      expect.arrayContaining(['Start Stack:true', 'Stop Stack:false', 'Quit Peak Watch:true']),
    );
});

test('an alert that fires turns the tray red and sends one notification; clicking it opens the Alerts page', async () => {
  await startStackFromOverview(app);
  await expect.poll(() => trayImages().at(-1), { timeout: 60_000 }).toMatch(/tray\/firing\.png$/);
  const firing = await app.waitFor('the firing notification', () =>
    app.reported('notification').find((n) => n.title === 'PeakTradeExtraTargetDown is firing'),
  );
  expect(firing.body).toContain('127.0.0.1');
  expect(trayMenu().map((i) => i.label)).toContain('Alerts (1 firing)');
  // Several evaluations later, still one notification for this rule.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(app.reported('notification').filter((n) => n.title === firing.title)).toHaveLength(1);

  app.tell({ t: 'notification-click', id: firing.id });
  const win = await app.mainWindow();
  await expect(new AlertsPage(win.page).root).toBeVisible();
  expect(new URL(win.page.url()).hash).toBe('#/alerts?rule=PeakTradeExtraTargetDown');
  expect(win.problems).toEqual([]);
  await saveDesktopScreenshot(win.page, 'alerts', dir.dataDir);
});

test('closing the window keeps the app in the tray; Open Console brings the console back', async () => {
  const first = await app.mainWindow();
  app.tell({ t: 'close-window', windowId: first.window.id });
  await expect
    .poll(() => app.reported('window-call').some((c) => c.method === 'closed'))
    .toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(app.reported('exit')).toEqual([]); // still running, in the tray
  app.tell({ t: 'tray-menu-click', label: 'Open Console' });
  await expect.poll(() => app.reported('window').length).toBe(2);
  await expect.poll(() => [...app.windows.values()].at(-1)?.loaded ?? false).toBe(true);
});
