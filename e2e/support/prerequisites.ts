// What the end-to-end tests need from the machine, and the rule when something is missing:
// outside CI the tests skip and say what to install; with CI=true they run and fail.
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { test } from '@playwright/test';
import { CHROMIUM_PATH } from './chromium';
import { skipUnlessCi } from './docker-stack';

export const root = join(import.meta.dirname, '..', '..');

/** Debian's Chromium; never a downloaded browser (the download is blocked here). */
export function chromiumPath(): string {
  return CHROMIUM_PATH;
}

function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Why the browser walk cannot run here, or null. */
export function e2ePrerequisite(needs: { prometheus?: boolean } = {}): string | null {
  const chromium = chromiumPath();
  if (!existsSync(chromium)) {
    return `Chromium is missing at ${chromium} (apt-get install -y chromium, or set PEAK_WATCH_CHROMIUM)`;
  }
  if (needs.prometheus !== false && !onPath('prometheus')) {
    return 'prometheus is not on PATH (apt-get install -y prometheus)';
  }
  return null;
}

/**
 * Call at the top of a spec file: outside CI its tests skip, naming what to install; with
 * CI=true they run, and meet the missing part as a failure.
 */
export function skipWithoutPrerequisites(what: string, needs: { prometheus?: boolean } = {}): void {
  const missing = e2ePrerequisite(needs);
  test.skip(skipUnlessCi(missing, what), `${what} needs what is missing: ${missing ?? ''}`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The web host serves the built renderer (out/renderer). A missing build is a failure on every
 * machine; a build older than its sources is only a warning (`npm run test:e2e` rebuilds first).
 */
export function checkRendererBuild(): void {
  const index = join(root, 'out', 'renderer', 'index.html');
  // The tests start the built CLI (out/main/cli.js), which serves the built renderer.
  for (const file of [index, join(root, 'out', 'main', 'cli.js')]) {
    if (!existsSync(file)) {
      throw new Error(
        `The console is not built (${file} is missing): run \`npm run test:e2e\`, ` +
          'or `npx electron-vite build` before `npx playwright test`.',
      );
    }
  }
  const built = statSync(index).mtimeMs;
  const sources = Math.max(
    newestMtime(join(root, 'renderer', 'src')),
    newestMtime(join(root, 'shared')),
  );
  if (sources > built) {
    console.warn(
      'WARNING: out/renderer is older than renderer/src or shared/ — the tests drive the old ' +
        'build. Run `npx electron-vite build` (npm run test:e2e does).',
    );
  }
}
