// The full profile chosen in Settings: the core writes the Collector's, Tempo's and Loki's files
// into the stack folder and preflight warns plainly what the profile needs; back on mini, the
// files go. Real headless console (Docker runtime, the real engine's `docker image inspect`),
// real Chromium. Nothing is started: the images cannot be pulled here (docs/TELEMETRY.md).
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PreflightPage } from './pages/preflight';
import { SettingsPage } from './pages/settings';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { skipWithoutPrerequisites } from './support/prerequisites';

skipWithoutPrerequisites('the full profile');

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

test.describe('the full profile from Settings', () => {
  test.describe.configure({ mode: 'serial' });
  let pw: HeadlessConsole;
  let page: Page;
  let shell: ConsoleShell;
  let settings: SettingsPage;
  let preflight: PreflightPage;

  test.beforeAll(async ({ browser }) => {
    pw = await startHeadlessConsole({ runtime: 'docker' });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    shell = new ConsoleShell(page);
    settings = new SettingsPage(page);
    preflight = new PreflightPage(page);
  });

  test.afterEach(() => attachOnFailure(page, pw));

  test.afterAll(async () => {
    await page?.close();
    await pw?.stop();
  });

  test('choosing Full writes the Collector, Tempo and Loki files, and preflight says what they need', async () => {
    const collector = join(pw.dataDir, 'stack', 'full', 'otel-collector', 'config.yaml');
    await shell.open(pw.consoleUrl);
    await shell.goTo('settings');
    await settings.field('stack-profile').selectOption('full');
    await settings.save.click();
    await expect(settings.save).toBeDisabled();
    await expect.poll(() => exists(collector), { timeout: 10_000 }).toBe(true);
    const compose = await readFile(join(pw.dataDir, 'stack', 'compose.yml'), 'utf8');
    expect(compose).toContain('otel/opentelemetry-collector-contrib:0.159.0');
    await settings.field('stack-profile').scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('settings-full-profile.png') });

    await shell.goTo('preflight');
    await preflight.rerunAll.click();
    await expect(preflight.status('full-stack')).toHaveText(/warn/i, { timeout: 30_000 });
    await expect(preflight.observed('full-stack')).toContainText(
      'never started on our CI machines',
    );
    await expect(preflight.observed('full-stack')).toContainText('grafana/tempo:3.0.3');
    await expect(preflight.fix('full-stack')).toContainText('docker pull');
    await preflight.check('full-stack').scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('preflight-full-stack.png') });
  });

  test('back on Mini, the full profile’s files go', async () => {
    await shell.goTo('settings');
    await settings.field('stack-profile').selectOption('mini');
    await settings.save.click();
    await expect(settings.save).toBeDisabled();
    await expect
      .poll(() => exists(join(pw.dataDir, 'stack', 'full')), { timeout: 10_000 })
      .toBe(false);
  });
});
