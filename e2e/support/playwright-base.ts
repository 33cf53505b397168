// What both Playwright suites share (`npm run test:e2e`, `npm run test:desktop`): one test at a
// time against real processes, Debian's Chromium, and a trace and screenshot kept on failure.
import type { PlaywrightTestConfig } from '@playwright/test';
import { CHROMIUM_FLAGS } from './chromium';
import { chromiumPath } from './prerequisites';

export const PLAYWRIGHT_BASE = {
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
} satisfies PlaywrightTestConfig;
