// Long-term storage on the Overview: a person adds two receivers with `peak-watch remote-write add`
// (password on stdin) while the console runs — a real VictoriaMetrics behind basic auth, once with
// the right password and once with a wrong one — and the Overview shows one OK with samples sent
// and the other FAILING with the 401 in words, no password anywhere on the page.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildOutput } from '../electron/build-output';
import { basicAuthHeader, fetchManaged, freePort } from '../electron/services/prometheus/testing';
import { OverviewPage } from './pages/overview';
import { SettingsPage } from './pages/settings';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { saveScreenshot } from './support/screenshots';
import { consoleToken } from './support/secrets';

skipWithoutPrerequisites('the long-term storage card');

const VM_BIN = process.env.PEAK_WATCH_TEST_VICTORIA_METRICS ?? '/usr/bin/victoria-metrics';
const RIGHT = 'E2e-Vm-Right.5pWq8N';
const WRONG = 'E2e-Vm-Wrong.2xKd7M';

test.describe('remote-write receivers on the Overview', () => {
  test.describe.configure({ mode: 'serial' });
  let pw: HeadlessConsole;
  let page: Page;
  let overview: OverviewPage;
  let shell: ConsoleShell;
  let vm: ChildProcess | null = null;
  let vmUrl = '';

  const addReceiver = (url: string, password: string) => {
    const r = spawnSync(
      process.execPath,
      [
        buildOutput.cli,
        'remote-write',
        'add',
        url,
        '--user',
        'writer',
        '--password-stdin',
        '--data-dir',
        pw.dataDir,
      ],
      { encoding: 'utf8', input: `${password}\n`, timeout: 60_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  };

  test.beforeAll(async ({ browser }) => {
    test.skip(!existsSync(VM_BIN) && process.env.CI !== 'true', `${VM_BIN} is missing`);
    const port = await freePort();
    vmUrl = `http://127.0.0.1:${port}`;
    vm = spawn(
      VM_BIN,
      [
        `-httpListenAddr=127.0.0.1:${port}`,
        `-storageDataPath=${join(test.info().outputDir, 'vm')}`,
        '-httpAuth.username=writer',
        `-httpAuth.password=${RIGHT}`,
      ],
      { stdio: 'ignore' },
    );
    await expect
      .poll(
        async () =>
          (
            await fetch(`${vmUrl}/health`, {
              headers: { authorization: basicAuthHeader({ username: 'writer', password: RIGHT }) },
            }).catch(() => null)
          )?.status ?? 0,
        { timeout: 20_000 },
      )
      .toBe(200);
    pw = await startHeadlessConsole({
      scrapeIntervalSeconds: 1,
      env: { PEAK_TRADE_PROMETHEUS_ENABLED: '1' },
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    overview = new OverviewPage(page);
    shell = new ConsoleShell(page);
    await shell.open(pw.consoleUrl);
  });

  test.afterEach(() => attachOnFailure(page, pw));

  test.afterAll(async () => {
    await page?.close();
    await pw?.stop();
    if (vm && vm.exitCode === null) {
      const exited = new Promise((resolve) => vm?.once('exit', resolve));
      vm.kill('SIGTERM');
      await exited;
    }
  });

  test('without receivers, the card says data stays on this machine and how to send it', async () => {
    const card = page.getByTestId('remote-write-card');
    await expect(page.getByTestId('remote-write-none')).toContainText(
      'keeps 15d of data on this machine only',
    );
    await expect(card).toContainText('peak-watch remote-write add URL');
  });

  test('the right password is OK with samples sent; a wrong one is FAILING with the 401 in words', async () => {
    await overview.startStack();
    const right = `${vmUrl}/api/v1/write`;
    const wrong = `${vmUrl}/prometheus/api/v1/write`;
    addReceiver(right, RIGHT);
    addReceiver(wrong, WRONG);

    const receivers = page.getByTestId('remote-write-receiver');
    await expect(receivers).toHaveCount(2, { timeout: 15_000 });
    const good = receivers.filter({ hasText: right }).filter({ hasNotText: wrong });
    const bad = receivers.filter({ hasText: wrong });
    await expect(good.getByTestId('remote-write-health')).toHaveText('OK', { timeout: 60_000 });
    await expect(good).toContainText('basic auth as writer');
    await expect(good.getByTestId('remote-write-samples')).not.toContainText(/^0 sent/);
    await expect(bad.getByTestId('remote-write-health')).toHaveText('FAILING', {
      timeout: 60_000,
    });
    await expect(bad.getByTestId('remote-write-detail')).toContainText(
      'the receiver refused the credentials (HTTP 401)',
    );
    const html = await page.content();
    expect(html.includes(RIGHT), 'the right password is not in the page').toBe(false);
    expect(html.includes(WRONG), 'the wrong password is not in the page').toBe(false);
    await saveScreenshot(
      page,
      'overview-remote-write',
      { token: consoleToken(pw.consoleUrl), dataDir: pw.dataDir },
      { element: page.getByTestId('remote-write-card') },
    );
  });

  test('retention is a setting: a bad duration is named under its field; a good one restarts Prometheus with it', async () => {
    const settings = new SettingsPage(page);
    await shell.goTo('settings');
    const field = settings.field('stack-retentionTime');
    await field.fill('30 days');
    await expect(page.getByTestId('settings-stack-retentionTime-error')).toContainText(
      'a Prometheus duration such as 15d, 12w or 1y',
    );
    await field.fill('30d');
    await settings.save.click();
    await expect(shell.toasts.last()).toContainText('stack restarted with the new settings', {
      timeout: 60_000,
    });
    const flags = (await (
      await fetchManaged(pw.dataDir, `http://127.0.0.1:${pw.prometheusPort}/api/v1/status/flags`)
    ).json()) as { data: Record<string, string> };
    expect(flags.data['storage.tsdb.retention.time']).toBe('30d');
  });

  test('Settings adds a receiver with its password and removes it; the password never reaches the page', async () => {
    const settings = page.getByTestId('settings-receivers');
    await shell.goTo('settings');
    await expect(settings.getByTestId('settings-receiver')).toHaveCount(2);
    const extra = `${vmUrl}/team/api/v1/write`;
    await settings.getByTestId('settings-receiver-url').fill(`http://writer:${RIGHT}@127.0.0.1:1/`);
    await expect(settings.getByTestId('settings-receiver-error')).toContainText(
      'without a user, password',
    );
    await settings.getByTestId('settings-receiver-url').fill(extra);
    await settings.getByTestId('settings-receiver-auth').selectOption('basic');
    await settings.getByTestId('settings-receiver-user').fill('writer');
    await expect(settings.getByTestId('settings-receiver-add')).toBeDisabled();
    await settings.getByTestId('settings-receiver-secret').fill(RIGHT);
    await settings.getByTestId('settings-receiver-add').click();
    const added = settings.getByTestId('settings-receiver').filter({ hasText: extra });
    await expect(added).toContainText('basic auth as writer', { timeout: 30_000 });
    await expect(settings.getByTestId('settings-receiver-secret')).toHaveCount(0);
    const html = await page.content();
    expect(html.includes(RIGHT), 'the password is not in the page').toBe(false);
    await saveScreenshot(
      page,
      'settings-receivers',
      { token: consoleToken(pw.consoleUrl), dataDir: pw.dataDir },
      { element: settings },
    );
    await added.getByTestId('settings-receiver-remove').click();
    await expect(settings.getByTestId('settings-receiver')).toHaveCount(2, { timeout: 30_000 });
  });
});
