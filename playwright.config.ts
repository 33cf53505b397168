import { defineConfig } from '@playwright/test';
import { PLAYWRIGHT_BASE } from './e2e/support/playwright-base';

// `npm run test:e2e`: the web console in Chromium against the real stack.
export default defineConfig({
  ...PLAYWRIGHT_BASE,
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: 'e2e/output',
  globalSetup: './e2e/support/global-setup.ts',
  use: { ...PLAYWRIGHT_BASE.use, viewport: { width: 1280, height: 800 } },
});
