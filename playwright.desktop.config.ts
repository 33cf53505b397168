import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS } from './e2e/support/chromium';
import { chromiumPath } from './e2e/support/prerequisites';

// `npm run test:desktop`: the desktop stand-in suite. The built main process runs under Node with
// the Electron stand-in (e2e/desktop/standin); its windows are Debian Chromium pages.
export default defineConfig({
  testDir: 'e2e/desktop',
  testMatch: '**/*.standin.ts',
  outputDir: 'e2e/output/desktop',
  globalSetup: './e2e/desktop/global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 20_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_FLAGS },
  },
});
