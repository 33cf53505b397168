import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../shared/api';
import { defaultSettings } from '../../shared/settings';
import { SettingsStore } from './settings-store';

const freshDir = () => mkdtemp(join(tmpdir(), 'pw-settings-'));

describe('settings file', () => {
  it('starts from defaults when there is no file, with no warning', async () => {
    const store = new SettingsStore(await freshDir());
    const { settings, warnings } = await store.load();
    expect(settings).toEqual(defaultSettings());
    expect(settings.server).toMatchObject({ host: '127.0.0.1', port: 8000 });
    expect(settings.stack).toMatchObject({ prometheusPort: 9091, grafanaPort: 3000 });
    expect(warnings).toEqual([]);
  });

  it('keeps an update across a restart', async () => {
    const dir = await freshDir();
    const store = new SettingsStore(dir);
    await store.load();
    await store.update({ server: { enabled: true }, stack: { scrapeIntervalSeconds: 5 } });
    const again = new SettingsStore(dir);
    const { settings } = await again.load();
    expect(settings.server.enabled).toBe(true);
    expect(settings.stack.scrapeIntervalSeconds).toBe(5);
  });

  it('moves a corrupt file aside, keeps its bytes, loads defaults and warns', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'settings.json'), '{"server": {"port": 80');
    const store = new SettingsStore(dir);
    const { settings, warnings } = await store.load();
    expect(settings).toEqual(defaultSettings());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not valid JSON/);
    const aside = (await readdir(dir)).find((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"server": {"port": 80');
    expect(warnings[0]).toContain(aside!);
  });

  it('moves a file of an unknown version aside instead of guessing at it', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 99, server: {} }));
    const { warnings } = await new SettingsStore(dir).load();
    expect(warnings[0]).toMatch(/version 99/);
    expect((await readdir(dir)).some((f) => f.startsWith('settings.json.unknown-version-'))).toBe(
      true,
    );
  });

  it('moves a file with an invalid value aside and names the setting', async () => {
    const dir = await freshDir();
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ version: 1, server: { port: 70000 } }),
    );
    const { warnings } = await new SettingsStore(dir).load();
    expect(warnings[0]).toMatch(/server\.port/);
  });

  it('refuses an invalid update with the setting named, and keeps the file as it was', async () => {
    const dir = await freshDir();
    const store = new SettingsStore(dir);
    await store.load();
    await store.update({ server: { port: 8123 } });
    const before = await readFile(join(dir, 'settings.json'), 'utf8');
    const err = await store
      .update({ stack: { grafanaImage: 'grafana/grafana:latest' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsoleError);
    expect((err as ConsoleError).code).toBe('invalid-settings');
    expect((err as ConsoleError).message).toMatch(/stack\.grafanaImage: pin a tag/);
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect(store.get().server.port).toBe(8123);
  });

  it('writes atomically: no temp file is left behind', async () => {
    const dir = await freshDir();
    const store = new SettingsStore(dir);
    await store.load();
    await store.update({ ui: { refreshSeconds: 30 } });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await stat(join(dir, 'settings.json'))).isFile()).toBe(true);
  });
});

describe('run-only values (environment flags, --metrics-port)', () => {
  it('apply for this run but are never written to the file', async () => {
    const dir = await freshDir();
    const store = new SettingsStore(dir);
    await store.load();
    store.overlay({ server: { enabled: true, port: 18000 } });
    expect(store.get().server).toMatchObject({ enabled: true, port: 18000 });
    await store.update({ stack: { scrapeIntervalSeconds: 5 } });
    expect(store.get().server).toMatchObject({ enabled: true, port: 18000 });
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as {
      server: { enabled: boolean; port: number };
    };
    expect(onDisk.server).toMatchObject({ enabled: false, port: 8000 });
  });

  it('give way to a value the user sets explicitly', async () => {
    const store = new SettingsStore(await freshDir());
    await store.load();
    store.overlay({ server: { enabled: true } });
    await store.update({ server: { enabled: false } });
    expect(store.get().server.enabled).toBe(false);
  });
});
