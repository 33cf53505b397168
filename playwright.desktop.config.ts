import { defineConfig } from '@playwright/test';
import { PLAYWRIGHT_BASE } from './e2e/support/playwright-base';

// `npm run test:desktop`: the desktop stand-in suite. The built main process runs under Node with
// the Electron stand-in (e2e/desktop/standin); its windows are Debian Chromium pages.
export default defineConfig({
  ...PLAYWRIGHT_BASE,
  testDir: 'e2e/desktop',
  testMatch: '**/*.standin.ts',
  outputDir: 'e2e/output/desktop',
  globalSetup: './e2e/desktop/global-setup.ts',
});
