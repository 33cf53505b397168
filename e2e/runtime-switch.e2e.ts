// Docker unusable, a prometheus binary installed: the Overview must say so, offer the native
// runtime, and once the runtime is switched in Settings enable Start by itself — the core pushes
// the new stack status and gate, the page is never reloaded. Real headless console, real
// Chromium; Docker is made unreachable for this console only (DOCKER_HOST to a missing socket).
import { expect, test, type Page } from '@playwright/test';
import { OverviewPage } from './pages/overview';
import { SettingsPage } from './pages/settings';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { skipWithoutPrerequisites } from './support/prerequisites';

skipWithoutPrerequisites('the runtime switch');

test.describe('switching the runtime when Docker cannot run the stack', () => {
  test.describe.configure({ mode: 'serial' });
  let pw: HeadlessConsole;
  let page: Page;
  let shell: ConsoleShell;
  let overview: OverviewPage;
  let settings: SettingsPage;

  test.beforeAll(async ({ browser }) => {
    pw = await startHeadlessConsole({
      runtime: 'docker',
      env: { DOCKER_HOST: 'unix:///nonexistent/peak-watch-e2e.sock' },
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    shell = new ConsoleShell(page);
    overview = new OverviewPage(page);
    settings = new SettingsPage(page);
  });

  test.afterEach(() => attachOnFailure(page, pw));

  test.afterAll(async () => {
    await page?.close();
    await pw?.stop();
  });

  test('with the Docker engine unreachable, Start is disabled and the next step offers the native runtime', async () => {
    await shell.open(pw.consoleUrl);
    await expect(overview.startButton).toBeDisabled();
    await expect(overview.stackBlocked).toContainText(/Docker engine is not reachable/);
    await expect(overview.nextStepTitle).toContainText('use the native runtime');
    await expect(overview.nextStepAction).toHaveText('Use the native runtime');
  });

  test('switching the runtime in Settings enables Start within 2 s, without a page reload', async () => {
    // A marker on the page's window: a reload would drop it.
    await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
    await shell.goTo('settings');
    await settings.saveRuntime('native');
    await shell.goTo('overview');
    await expect(overview.startButton).toBeEnabled({ timeout: 2_000 });
    await expect(overview.stackCard).toContainText('native');
    await expect(overview.stackBlocked).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
  });
});
