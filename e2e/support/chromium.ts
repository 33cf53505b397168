// Debian's Chromium, never a downloaded browser (the download is blocked here). The flags keep
// Chromium from flooding the closed network with background connections. Shared by the e2e
// tests (playwright.config.ts) and bench:ui.
export const CHROMIUM_PATH = process.env.PEAK_WATCH_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
