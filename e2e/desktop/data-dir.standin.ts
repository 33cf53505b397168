// The desktop app given a data folder it cannot use (PEAK_WATCH_DATA_DIR naming a file, or a
// folder below one): it says so in an error box — what is wrong and how to fix it — and exits 2
// before it serves anything, on the Electron stand-in running the built main process.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { skipWithoutPrerequisites } from '../support/prerequisites';
import { launchDesktopApp } from './standin/harness';
import { appEnv } from './support';

skipWithoutPrerequisites('the desktop stand-in suite');

for (const c of [
  { title: 'a file as the data folder', below: false },
  { title: 'a data folder below a file', below: true },
]) {
  test(`${c.title}: an error box with the fix, exit 2, nothing served`, async ({ browser }) => {
    const root = await mkdtemp(join(tmpdir(), 'pw-desktop-datadir-'));
    const file = join(root, 'not-a-folder');
    await writeFile(file, 'a file\n');
    const app = launchDesktopApp({
      browser,
      dataDir: c.below ? join(file, 'peak-watch') : file,
      env: appEnv(),
    });
    try {
      const exit = await app.exited;
      expect(exit.code, app.output()).toBe(2);
      const boxes = app.reported('error-box');
      expect(boxes).toHaveLength(1);
      expect(boxes[0]?.content).toMatch(new RegExp(`${file} is a file, not a folder`));
      expect(boxes[0]?.content).toMatch(/PEAK_WATCH_DATA_DIR/);
      expect(boxes[0]?.content).not.toMatch(/\bE(EXIST|NOTDIR)\b/);
      // Nothing was opened: no window, no console core (its server would need the folder).
      expect(app.windows.size).toBe(0);
    } finally {
      await app.kill();
    }
  });
}
