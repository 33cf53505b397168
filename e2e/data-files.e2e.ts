// The data folder's files as a hand edit or disk trouble leaves them, seen where a person looks:
// a broken query history is named beside Explore's history and kept aside by the next run, and a
// bad field in settings.json (or a key that is not a setting) is named with its line in the
// Settings pane while the rest is used.
// Real headless console (built), real Chromium; no stack is needed.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ExplorePage } from './pages/explore';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';

test.describe.configure({ mode: 'serial' });

let pw: HeadlessConsole;
let page: Page;
let shell: ConsoleShell;

test.beforeAll(async ({ browser }) => {
  pw = await startHeadlessConsole();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  shell = new ConsoleShell(page);
  await shell.open(pw.consoleUrl);
});

test.afterEach(() => attachOnFailure(page, pw));

test.afterAll(async () => {
  await page?.close();
  await pw?.stop();
});

test('a corrupt query history is named beside the history, and the next run keeps it aside', async () => {
  const file = join(pw.dataDir, 'query-history.json');
  const broken = '[\n {"query": "up", "lastRunAt": "2026-01-01T00:00:00Z"}\n {"query": "x"}\n]\n';
  await writeFile(file, broken);
  const explore = new ExplorePage(page);
  await shell.goTo('explore');
  await expect(explore.historyWarnings).toContainText(
    'query-history.json line 3, column 2: not valid JSON',
  );
  await expect(explore.historyItems).toHaveCount(0);
  expect(await readFile(file, 'utf8')).toBe(broken);

  await explore.type('up');
  await page.keyboard.press('Escape');
  await explore.run.click();
  await expect(explore.historyItems).toHaveText(['up']);
  const aside = (await readdir(pw.dataDir)).filter((f) =>
    f.startsWith('query-history.json.corrupt-'),
  );
  expect(aside).toHaveLength(1);
  expect(await readFile(join(pw.dataDir, aside[0]!), 'utf8')).toBe(broken);
  await expect(explore.historyWarnings).toContainText(
    `It was kept as ${join(pw.dataDir, aside[0]!)}`,
  );
});

test('a bad field in settings.json is named with its line in the Settings pane, and the file is left as it is', async () => {
  const file = join(pw.dataDir, 'settings.json');
  const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
  saved.ui = { ...saved.ui, rangeMinutes: '45', refreshSeconds: 7 };
  const text = JSON.stringify(saved, null, 2) + '\n';
  const line = text.split('\n').findIndex((l) => l.includes('"rangeMinutes"')) + 1;
  await writeFile(file, text);
  await shell.goTo('settings');
  await expect(page.getByTestId('settings-warnings')).toContainText(
    `settings.json line ${line}: ui.rangeMinutes: expected a number, got "45" — using the default 30`,
  );
  expect(await readFile(file, 'utf8')).toBe(text);
});

test('a key in settings.json that is not a setting is named in the Settings pane with the setting it is close to', async () => {
  const file = join(pw.dataDir, 'settings.json');
  const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
  saved.server = { ...saved.server, prot: 8001 };
  const text = JSON.stringify(saved, null, 2) + '\n';
  const line = text.split('\n').findIndex((l) => l.includes('"prot"')) + 1;
  await writeFile(file, text);
  await shell.goTo('settings');
  await expect(page.getByTestId('settings-warnings')).toContainText(
    `settings.json line ${line}: server.prot is not a setting (did you mean server.port?) — it is kept but has no effect`,
  );
  expect(await readFile(file, 'utf8')).toBe(text);
});
