// One data folder, one stack: two folders never drive the same compose project, and two changes
// made at once in one process are both kept (real core, real settings.json, real docker CLI).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleCore } from './console';
import { freePort } from './prometheus/testing';
import { SettingsStore } from './settings-store';

const cores: ConsoleCore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function coreOn(runtime: 'docker' | 'native'): Promise<ConsoleCore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pw-folder-'));
  dirs.push(dataDir);
  const store = new SettingsStore(dataDir);
  await store.load();
  await store.update({ server: { port: await freePort() }, stack: { runtime } });
  const core = await createConsole({ dataDir, serve: false });
  cores.push(core);
  return core;
}

describe('two data folders', () => {
  it('get two compose project names, so they never share containers or volumes', async () => {
    const [a, b] = [await coreOn('docker'), await coreOn('docker')];
    const [pa, pb] = [
      (await a.api.getStackStatus()).project,
      (await b.api.getStackStatus()).project,
    ];
    expect(pa).toMatch(/^peak-watch-[0-9a-f]{8}$/);
    expect(pb).toMatch(/^peak-watch-[0-9a-f]{8}$/);
    expect(pa).not.toBe(pb);
  });
});

describe('two updateSettings at once in one process', () => {
  it('keeps both changes, in memory and in settings.json', async () => {
    const core = await coreOn('native');
    await Promise.all([
      core.api.updateSettings({ ui: { refreshSeconds: 7 } }),
      core.api.updateSettings({ stack: { scrapeIntervalSeconds: 4 } }),
    ]);
    expect(core.settings().ui.refreshSeconds).toBe(7);
    expect(core.settings().stack.scrapeIntervalSeconds).toBe(4);
    const saved = JSON.parse(await readFile(join(core.dataDir, 'settings.json'), 'utf8')) as {
      ui: { refreshSeconds: number };
      stack: { scrapeIntervalSeconds: number };
    };
    expect([saved.ui.refreshSeconds, saved.stack.scrapeIntervalSeconds]).toEqual([7, 4]);
  });
});
