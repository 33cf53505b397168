import { chmod, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
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

  it('keeps every section across a restart, the source and the alerts included', async () => {
    const dir = await freshDir();
    const store = new SettingsStore(dir);
    await store.load();
    await store.update({
      source: { kind: 'existing', url: 'http://127.0.0.1:8428', auth: 'basic', user: 'alice' },
      alerts: { errorRatio: 0.2 },
      stack: { instances: [{ target: '127.0.0.1:8001', tokenFile: '' }], retentionTime: '30d' },
    });
    const again = new SettingsStore(dir);
    const { settings, warnings } = await again.load();
    expect(warnings).toEqual([]);
    expect(settings.source).toMatchObject({
      kind: 'existing',
      url: 'http://127.0.0.1:8428',
      user: 'alice',
    });
    expect(settings.alerts.errorRatio).toBe(0.2);
    expect(settings.stack.instances).toEqual([{ target: '127.0.0.1:8001', tokenFile: '' }]);
    expect(settings.stack.retentionTime).toBe('30d');
  });

  it('picks up a source another process switched to, and an overlay does not hide it', async () => {
    const dir = await freshDir();
    const mine = new SettingsStore(dir);
    await mine.load();
    mine.overlay({ server: { enabled: true } });
    const other = new SettingsStore(dir);
    await other.load();
    await other.update({
      source: { kind: 'existing', url: 'https://prom.example.org/prometheus' },
    });
    await mine.reloadFromDisk();
    expect(mine.get().source.url).toBe('https://prom.example.org/prometheus');
    expect(mine.get().server.enabled).toBe(true);
  });

  it('loads defaults from a corrupt file with its line and column, and the next write keeps it aside', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'settings.json'), '{"server": {"port": 80');
    const store = new SettingsStore(dir);
    const { settings, warnings } = await store.load();
    expect(settings).toEqual(defaultSettings());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/settings\.json line 1, column 23: not valid JSON/);
    expect(await readdir(dir)).toEqual(['settings.json']); // reading never moves it
    await store.update({ ui: { refreshSeconds: 12 } });
    const aside = (await readdir(dir)).find((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"server": {"port": 80');
    expect(store.getWarnings().join('\n')).toContain(aside!);
  });

  it('keeps a file of an unknown version aside at the next write instead of guessing at it', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 99, server: {} }));
    const store = new SettingsStore(dir);
    const { warnings } = await store.load();
    expect(warnings[0]).toMatch(/version 99/);
    await store.update({ ui: { refreshSeconds: 12 } });
    expect((await readdir(dir)).some((f) => f.startsWith('settings.json.unknown-version-'))).toBe(
      true,
    );
  });

  it('uses the default for a field with an invalid value, names it, and keeps the others', async () => {
    const dir = await freshDir();
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ version: 1, server: { port: 70000, enabled: true } }),
    );
    const { settings, warnings } = await new SettingsStore(dir).load();
    expect(warnings[0]).toMatch(
      /^settings\.json line 1: server\.port: .*got 70000 — using the default 8000$/,
    );
    expect(settings.server).toMatchObject({ port: 8000, enabled: true });
  });

  it('warns of a key that is not a setting, as the Settings pane shows it, and keeps it on write', async () => {
    const dir = await freshDir();
    await writeFile(
      join(dir, 'settings.json'),
      '{\n  "server": {\n    "prot": 8001\n  },\n  "uii": {}\n}\n',
    );
    const store = new SettingsStore(dir);
    const { warnings } = await store.load();
    expect(warnings).toEqual([
      'settings.json line 3: server.prot is not a setting (did you mean server.port?) — it is kept but has no effect',
      'settings.json line 5: uii is not a setting (did you mean ui?) — it is kept but has no effect',
    ]);
    await store.update({ server: { port: 8001 } });
    const written = await readFile(join(dir, 'settings.json'), 'utf8');
    expect(JSON.parse(written)).toMatchObject({ server: { prot: 8001, port: 8001 }, uii: {} });
    // The warnings follow the file as written: the same keys, at their lines now.
    const lineOf = (key: string) => written.split('\n').findIndex((l) => l.includes(key)) + 1;
    expect(store.getWarnings()).toEqual([
      `settings.json line ${lineOf('"prot"')}: server.prot is not a setting (did you mean server.port?) — it is kept but has no effect`,
      `settings.json line ${lineOf('"uii"')}: uii is not a setting (did you mean ui?) — it is kept but has no effect`,
    ]);
  });

  it('names a few unknown keys one by one, counts the rest, and cuts a long key short', async () => {
    const dir = await freshDir();
    const junk = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    const long = 'x'.repeat(100_000);
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ ui: { RefreshSeconds: 5, [long]: 1 }, ...junk }, null, 2),
    );
    const { warnings, settings } = await new SettingsStore(dir).load();
    expect(warnings).toHaveLength(21);
    expect(warnings[0]).toBe(
      'settings.json line 3: ui.RefreshSeconds is not a setting (did you mean ui.refreshSeconds?) — it is kept but has no effect',
    );
    expect(warnings[1]!.length).toBeLessThan(200);
    expect(warnings[20]).toBe(
      'settings.json: 12 more keys are not settings — they are kept but have no effect',
    );
    expect(settings.ui.refreshSeconds).toBe(defaultSettings().ui.refreshSeconds);
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

describe('one settings file, many processes', () => {
  it('keeps a change another writer made since this one last read the file', async () => {
    const dir = await freshDir();
    const app = new SettingsStore(dir);
    const cli = new SettingsStore(dir);
    await app.load();
    await cli.load();
    await cli.update({ server: { enabled: true } });
    // The app still holds the old copy; its save merges its patch onto the file as it is now.
    const next = await app.update({ ui: { rangeMinutes: 45 } });
    expect(next.server.enabled).toBe(true);
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as {
      server: { enabled: boolean };
      ui: { rangeMinutes: number };
    };
    expect(onDisk.server.enabled).toBe(true);
    expect(onDisk.ui.rangeMinutes).toBe(45);
  });

  it('picks up a change written elsewhere, and a hand-broken file leaves the settings in use alone', async () => {
    const dir = await freshDir();
    const app = new SettingsStore(dir);
    await app.load();
    await new SettingsStore(dir).update({ stack: { scrapeIntervalSeconds: 4 } });
    const change = await app.reloadFromDisk();
    expect(change?.previous.stack.scrapeIntervalSeconds).toBe(15);
    expect(change?.next.stack.scrapeIntervalSeconds).toBe(4);
    expect(await app.reloadFromDisk()).toBeNull(); // nothing new

    await writeFile(join(dir, 'settings.json'), '{"server": ');
    await app.reloadFromDisk();
    expect(app.get().stack.scrapeIntervalSeconds).toBe(4);
    expect(app.getWarnings().join('\n')).toMatch(/changed on disk but cannot be used/);
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe('{"server": '); // not moved
  });

  it("lets a value set in another process win over this run's environment flag", async () => {
    const dir = await freshDir();
    const app = new SettingsStore(dir);
    await app.load();
    app.overlay({ server: { enabled: false }, stack: { grafanaPort: 3999 } });
    await new SettingsStore(dir).update({ server: { enabled: true } });
    await app.reloadFromDisk();
    expect(app.get().server.enabled).toBe(true);
    expect(app.get().stack.grafanaPort).toBe(3999); // untouched elsewhere: the overlay stays
  });
});

describe('bad input, clear errors', () => {
  const refusal = async (patch: Parameters<SettingsStore['update']>[0]) => {
    const store = new SettingsStore(await freshDir());
    await store.load();
    const err = await store.update(patch).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsoleError);
    expect((err as ConsoleError).code).toBe('invalid-settings');
    return err as ConsoleError;
  };

  it('refuses a control character in any text setting and says where it is', async () => {
    const err = await refusal({ server: { host: 'a\x7fb' } });
    expect(err.message).toBe('server.host: contains a control character (U+007F at position 2)');
    expect((await refusal({ stack: { extraTargets: ['127.0.0.1:9100\n'] } })).message).toMatch(
      /stack\.extraTargets\.0: contains a control character \(U\+000A/,
    );
  });

  it('refuses a binary path that is relative, missing, a folder or not executable', async () => {
    const dir = await freshDir();
    expect((await refusal({ stack: { prometheusBinary: 'prometheus' } })).message).toMatch(
      /stack\.prometheusBinary: must be an absolute path/,
    );
    const missing = await refusal({ stack: { prometheusBinary: join(dir, 'nope') } });
    expect(missing.message).toBe(`stack.prometheusBinary: ${join(dir, 'nope')} does not exist`);
    expect(missing.fix).toMatch(/command -v prometheus/);
    await mkdir(join(dir, 'folder'));
    expect((await refusal({ stack: { grafanaBinary: join(dir, 'folder') } })).message).toMatch(
      /is not a file/,
    );
    const plain = join(dir, 'prometheus');
    await writeFile(plain, '#!/bin/sh\n');
    await chmod(plain, 0o644);
    expect((await refusal({ stack: { prometheusBinary: plain } })).message).toMatch(
      /is not executable \(chmod \+x/,
    );
    await chmod(plain, 0o755);
    const store = new SettingsStore(dir);
    await store.load();
    expect(
      (await store.update({ stack: { prometheusBinary: plain } })).stack.prometheusBinary,
    ).toBe(plain);
  });
});
