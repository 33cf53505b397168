// The window's remembered size as a crash or a hand edit leaves window-state.json: what can be
// used is, the rest is its default, and a file that is not JSON is kept aside with a warning.
import { mkdtemp, readFile, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, loadWindowState, saveWindowState } from './window-state';

describe('window-state.json', () => {
  let dir = '';
  const warnings: string[] = [];
  const warn = (m: string): void => void warnings.push(m);
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pw-window-'));
    warnings.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps the size across runs, with no warning', async () => {
    await saveWindowState(dir, { width: 1400, height: 900, x: 10, y: 20, maximized: true });
    expect(await loadWindowState(dir, warn)).toEqual({
      width: 1400,
      height: 900,
      x: 10,
      y: 20,
      maximized: true,
    });
    expect(warnings).toEqual([]);
  });

  it('uses the valid fields of a half-valid file and names the bad one', async () => {
    await writeFile(
      join(dir, 'window-state.json'),
      JSON.stringify({ width: 1400, height: 'tall', maximized: true }),
    );
    expect(await loadWindowState(dir, warn)).toEqual({
      width: 1400,
      height: DEFAULT_WINDOW.height,
      maximized: true,
    });
    expect(warnings).toEqual([
      expect.stringMatching(/^window-state\.json: height: .*got "tall" — using the default 800/),
    ]);
  });

  it('keeps a file that is not JSON aside, with the time in its name, and says where', async () => {
    await writeFile(join(dir, 'window-state.json'), '{"width": 14');
    expect(await loadWindowState(dir, warn)).toEqual(DEFAULT_WINDOW);
    const aside = (await readdir(dir)).filter((f) => f.startsWith('window-state.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe('{"width": 14');
    expect(warnings).toEqual([expect.stringContaining(join(dir, aside[0]!))]);
  });

  it('is written through a symlink', async () => {
    const target = join(dir, 'kept-elsewhere.json');
    await writeFile(target, '{}');
    await symlink(target, join(dir, 'window-state.json'));
    await saveWindowState(dir, { width: 1000, height: 700, maximized: false });
    expect(JSON.parse(await readFile(target, 'utf8'))).toMatchObject({ width: 1000 });
    expect((await readdir(dir)).sort()).toEqual(['kept-elsewhere.json', 'window-state.json']);
  });

  it('removes the temp files of a save killed over a minute ago when the app starts, never a fresh one', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await writeFile(join(dir, 'window-state.json'), '{"width": 1400, "height": 900}');
    await writeFile(join(dir, 'window-state.json.0a1b2c3d.tmp'), '{"width": 14');
    await utimes(join(dir, 'window-state.json.0a1b2c3d.tmp'), tenMinutesAgo, tenMinutesAgo);
    await writeFile(join(dir, 'window-state.json.12345678.tmp'), '{"width": 14');
    expect(await loadWindowState(dir, warn)).toMatchObject({ width: 1400, height: 900 });
    expect((await readdir(dir)).sort()).toEqual([
      'window-state.json',
      'window-state.json.12345678.tmp',
    ]);
    expect(warnings).toEqual([]);
  });
});
