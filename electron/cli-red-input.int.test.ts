// Careless and hostile words given to the built CLI (node bin/peak-watch.mjs): a receiver URL
// with user:password@ in it, an instance whose port no TCP port can have. Each is refused with
// exit 2 and a sentence, nothing is saved, and the password is repeated nowhere.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peakWatchWithStdin } from './clients-testing';
import { filesContaining } from './services/source/testing';

const PASSWORD = 'Red-Url-Pw-3a9f01c7';

const peakWatch = peakWatchWithStdin;

describe('bad words to the CLI', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-cli-red-'));
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  for (const url of [
    `http://bob:${PASSWORD}@127.0.0.1:8428/api/v1/write`,
    `http://127.0.0.1:8428/api/v1/write?password=${PASSWORD}`,
  ]) {
    it(`remote-write add ${url.replace(PASSWORD, 'PASSWORD')}: exit 2, the password not repeated, nothing saved`, async () => {
      const r = await peakWatch(['--data-dir', dataDir, 'remote-write', 'add', url]);
      expect(r.code, r.out).toBe(2);
      expect(r.out).toContain('is not a receiver URL');
      expect(r.out).not.toContain(PASSWORD);
      expect(await filesContaining(dataDir, PASSWORD)).toEqual([]);
      const list = await peakWatch(['--data-dir', dataDir, 'remote-write', 'list', '--json']);
      expect(list.out).not.toContain('8428');
    });
  }

  it('remote-write remove with user:password@ in the URL: the password not repeated', async () => {
    const url = `http://bob:${PASSWORD}@127.0.0.1:8428/api/v1/write`;
    const r = await peakWatch(['--data-dir', dataDir, 'remote-write', 'remove', url]);
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toContain('No receiver has the URL');
    expect(r.out).not.toContain(PASSWORD);
  });

  it('instances add 127.0.0.1:99999: exit 2 with a sentence, nothing saved', async () => {
    const r = await peakWatch(['--data-dir', dataDir, 'instances', 'add', '127.0.0.1:99999']);
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain('127.0.0.1:99999 is not an instance');
    const list = await peakWatch(['--data-dir', dataDir, 'instances', 'list']);
    expect(list.out).not.toContain('99999');
  });

  it('settings.json with one bad instance keeps the valid ones and every other stack setting, with a warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-cli-red-file-'));
    try {
      const set = await peakWatch([
        '--data-dir',
        dir,
        'settings',
        'set',
        'stack.scrapeIntervalSeconds',
        '30',
      ]);
      expect(set.code, set.out).toBe(0);
      const file = join(dir, 'settings.json');
      const settings = JSON.parse(await readFile(file, 'utf8')) as {
        stack: Record<string, unknown>;
      };
      settings.stack.instances = [
        { target: '127.0.0.1:8001', tokenFile: '' },
        { target: 'bad target', tokenFile: '' },
        { target: '127.0.0.1:8002', tokenFile: '' },
      ];
      await writeFile(file, JSON.stringify(settings, null, 2));
      const list = await peakWatch(['--data-dir', dir, 'instances', 'list']);
      expect(list.code, list.out).toBe(0);
      expect(list.out).toContain('127.0.0.1:8001');
      expect(list.out).toContain('127.0.0.1:8002');
      expect(list.out).toMatch(/warning: .*stack\.instances.*"bad target"/);
      const get = await peakWatch(['--data-dir', dir, 'settings', 'get']);
      expect(get.out).toMatch(/"scrapeIntervalSeconds": 30/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('six CLI processes adding instances at once lose none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-cli-red-race-'));
    try {
      const targets = [1, 2, 3, 4, 5, 6].map((i) => `127.0.0.1:${8100 + i}`);
      const runs = await Promise.all(
        targets.map((t) => peakWatch(['--data-dir', dir, 'instances', 'add', t])),
      );
      for (const r of runs) expect(r.code, r.out).toBe(0);
      const list = await peakWatch(['--data-dir', dir, 'instances', 'list', '--json']);
      const listed = (JSON.parse(list.out) as { target: string }[]).map((i) => i.target).sort();
      expect(listed).toEqual(targets);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
