// What every desktop stand-in test starts from: its own data folder with free ports and the
// native runtime (Debian's prometheus), written with the app's own settings store.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { freePort } from '../../electron/services/prometheus/testing';
import { SettingsStore } from '../../electron/services/settings-store';
import { MANAGED_PROMETHEUS_USER } from '../../shared/api';
import type { SettingsPatch } from '../../shared/settings';
import { OverviewPage } from '../pages/overview';
import { findOwnPrometheus, isAlive } from '../support/processes';
import { expectNoA11yViolations } from '../support/axe';
import { prometheusPassword } from '../support/secrets';
import { SCREENSHOT_DIR } from '../support/screenshots';
import { launchDesktopApp, type DesktopApp } from './standin/harness';

export interface DesktopDataDir {
  dataDir: string;
  metricsPort: number;
  prometheusPort: number;
  grafanaPort: number;
  cleanup(): Promise<void>;
}

export async function desktopDataDir(
  onQuit: 'stop' | 'leave' | 'ask' = 'stop',
  more: SettingsPatch = {},
): Promise<DesktopDataDir> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pw-desktop-'));
  const [metricsPort, prometheusPort, grafanaPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const store = new SettingsStore(dataDir);
  await store.load();
  await store.update({
    server: { port: metricsPort },
    stack: { runtime: 'native', prometheusPort, grafanaPort, scrapeIntervalSeconds: 2, onQuit },
    ui: { refreshSeconds: 2 },
  });
  if (Object.keys(more).length) await store.update(more);
  return {
    dataDir,
    metricsPort,
    prometheusPort,
    grafanaPort,
    async cleanup() {
      const pid = findOwnPrometheus(prometheusPort, dataDir);
      if (pid && isAlive(pid)) process.kill(pid, 'SIGTERM');
      await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** The test's environment without the seed's flags, which would seed the app's settings. */
export function appEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.PEAK_TRADE_PROMETHEUS_ENABLED;
  delete env.REQUIRE_PROMETHEUS_CLIENT;
  return env;
}

export function launch(
  browser: Browser,
  dir: DesktopDataDir,
  opts: { renderer?: boolean } = {},
): DesktopApp {
  return launchDesktopApp({ browser, dataDir: dir.dataDir, env: appEnv(), ...opts });
}

/** Clicks Start on the Overview and waits until Prometheus runs. */
export async function startStackFromOverview(app: DesktopApp): Promise<void> {
  const overview = new OverviewPage((await app.mainWindow()).page);
  await expect(overview.startButton).toBeEnabled();
  await overview.startStack();
}

/** Whether the managed Prometheus of `dir` answers ready, asked with its credentials (it
 * requires basic auth: without them even /-/ready is 401). */
export async function prometheusReady(dir: DesktopDataDir): Promise<boolean> {
  const password = await prometheusPassword(dir.dataDir);
  if (!password) return false; // no stack was ever started here
  try {
    const res = await fetch(`http://127.0.0.1:${dir.prometheusPort}/-/ready`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${MANAGED_PROMETHEUS_USER}:${password}`).toString('base64')}`,
      },
      signal: AbortSignal.timeout(2000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** docs/screenshots/desktop-<name>.png, after checking no secret of the data folder is on the page
 * and no axe-core violation in the window. */
export async function saveDesktopScreenshot(
  page: Page,
  name: string,
  dataDir: string,
): Promise<void> {
  const html = await page.content();
  for (const secret of ['grafana-admin-password', 'server-token']) {
    const value = await readFile(join(dataDir, 'secrets', secret), 'utf8').catch(() => '');
    if (value.trim())
      expect(html.includes(value.trim()), `${secret} is not on the page`).toBe(false);
  }
  await page.mouse.move(0, 799);
  await expectNoA11yViolations(page, `the desktop window of screenshot desktop-${name}.png`);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, `desktop-${name}.png`),
    animations: 'disabled',
    caret: 'hide',
  });
}
