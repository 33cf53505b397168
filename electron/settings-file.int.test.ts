// settings.json as people and disks leave it, through the built CLI a user runs
// (`node out/main/cli.js settings get|set … --data-dir D`): a bad field costs that field, a
// read-only command never writes, unknown keys survive a write, a symlink is written through and
// a read-only file is refused and left as it is.
import { spawnSync } from 'node:child_process';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildOutput } from './build-output';

function peakWatch(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [buildOutput.cli, ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each test runs the built CLI (a whole core per `settings set`) up to three times; on a busy
// machine that is more than the default 30 s.
vi.setConfig({ testTimeout: 120_000 });

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-settings-file-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) {
    await chmod(dir, 0o755).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});

/** Every file in the folder with its bytes: what a read-only command must leave untouched. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const s = await lstat(join(dir, name));
    out[name] = s.isFile() ? await readFile(join(dir, name), 'utf8') : `<${s.mode.toString(8)}>`;
  }
  return out;
}

const withBadPort = `{
  "version": 1,
  "server": {
    "port": "18502",
    "enabled": true
  },
  "stack": { "prometheusPort": 9095, "scrapeIntervalSeconds": 0 }
}
`;

describe('a bad field in settings.json', () => {
  it('costs that field only: the others are used, and the warning names the line to fix', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'settings.json'), withBadPort);
    const got = peakWatch(dir, 'settings', 'get');
    expect(got.code, got.stderr).toBe(0);
    const settings = JSON.parse(got.stdout) as {
      server: { port: number; enabled: boolean };
      stack: { prometheusPort: number; scrapeIntervalSeconds: number };
    };
    expect(settings.server).toMatchObject({ port: 8000, enabled: true });
    expect(settings.stack).toMatchObject({ prometheusPort: 9095, scrapeIntervalSeconds: 15 });
    expect(got.stderr).toContain(
      'settings.json line 4: server.port: expected a number, got "18502" — using the default 8000',
    );
    expect(got.stderr).toMatch(
      /settings\.json line 7: stack\.scrapeIntervalSeconds: .*got 0 — using the default 15/,
    );
  });

  it('is not written over by a read-only `settings get`: nothing is renamed or written', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'settings.json'), withBadPort);
    const before = await snapshot(dir);
    expect(peakWatch(dir, 'settings', 'get', 'server.port').stdout.trim()).toBe('8000');
    expect(peakWatch(dir, 'settings', 'get').code).toBe(0);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('stays the user’s to fix when another setting is written; the set value is used and saved', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'settings.json'), withBadPort);
    const set = peakWatch(dir, 'settings', 'set', 'ui.refreshSeconds', '7');
    expect(set.code, set.stderr).toBe(0);
    const file = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as {
      server: { port: unknown; enabled: boolean };
      stack: { prometheusPort: number };
      ui: { refreshSeconds: number };
    };
    expect(file.ui.refreshSeconds).toBe(7);
    expect(file.server.enabled).toBe(true);
    expect(file.stack.prometheusPort).toBe(9095);
    expect((await readdir(dir)).filter((f) => f.includes('.corrupt-'))).toEqual([]);
    // Setting the bad field itself replaces it, and its warning goes.
    expect(peakWatch(dir, 'settings', 'set', 'server.port', '18502').code).toBe(0);
    const after = peakWatch(dir, 'settings', 'get', 'server.port');
    expect(after.stdout.trim()).toBe('18502');
    expect(after.stderr).not.toContain('server.port');
  });
});

describe('settings.json that is not JSON at all', () => {
  it('is named with its line and column, left alone by `get`, and kept aside by the next `set`', async () => {
    const dir = await freshDir();
    const broken = '{\n  "server": {\n    "port": 8123,\n  }\n}\n';
    await writeFile(join(dir, 'settings.json'), broken);
    const before = await snapshot(dir);
    const got = peakWatch(dir, 'settings', 'get', 'server.port');
    expect(got.code).toBe(0);
    expect(got.stdout.trim()).toBe('8000');
    expect(got.stderr).toMatch(/settings\.json line 4, column 3: not valid JSON/);
    expect(await snapshot(dir)).toEqual(before);

    const set = peakWatch(dir, 'settings', 'set', 'server.enabled', 'true');
    expect(set.code, set.stderr).toBe(0);
    const aside = (await readdir(dir)).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(broken);
    expect(set.stderr).toContain(aside[0]);
    const file = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as {
      server: { enabled: boolean };
    };
    expect(file.server.enabled).toBe(true);
  });
});

describe('keys this version does not know', () => {
  it('survive a write, at the top level and inside a section', async () => {
    const dir = await freshDir();
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify(
        {
          version: 1,
          server: { port: 8123, futureFlag: 'keep me' },
          team: { owner: 'ops', tags: ['a', 'b'] },
        },
        null,
        2,
      ),
    );
    const set = peakWatch(dir, 'settings', 'set', 'ui.rangeMinutes', '45');
    expect(set.code, set.stderr).toBe(0);
    const file = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    expect(file.team).toEqual({ owner: 'ops', tags: ['a', 'b'] });
    expect(file.server).toMatchObject({ port: 8123, futureFlag: 'keep me' });
    expect(file.ui).toMatchObject({ rangeMinutes: 45 });
  });
});

describe('a key that is not a setting', () => {
  const withTypos = `{
  "version": 1,
  "server": {
    "prot": 8001,
    "enabled": true,
    "colour": "blue",
    "prometheusPort": 9096
  },
  "sever": { "port": 8002 },
  "stack.grafanaPort": 3001,
  "team": "ops"
}
`;

  it('is named with its line, and the setting it is close to, as kept but of no effect', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'settings.json'), withTypos);
    const before = await snapshot(dir);
    const got = peakWatch(dir, 'settings', 'get');
    expect(got.code, got.stderr).toBe(0);
    const warnings = got.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings).toEqual([
      'warning: settings.json line 4: server.prot is not a setting (did you mean server.port?) — it is kept but has no effect',
      'warning: settings.json line 6: server.colour is not a setting — it is kept but has no effect',
      'warning: settings.json line 7: server.prometheusPort is not a setting (did you mean stack.prometheusPort?) — it is kept but has no effect',
      'warning: settings.json line 9: sever is not a setting (did you mean server?) — it is kept but has no effect',
      'warning: settings.json line 10: "stack.grafanaPort" is not a setting (did you mean "stack": { "grafanaPort": … }?) — it is kept but has no effect',
      'warning: settings.json line 11: team is not a setting — it is kept but has no effect',
    ]);
    const settings = JSON.parse(got.stdout) as {
      server: { port: number; enabled: boolean };
      stack: { prometheusPort: number; grafanaPort: number };
    };
    expect(settings.server).toMatchObject({ port: 8000, enabled: true });
    expect(settings.stack).toMatchObject({ prometheusPort: 9091, grafanaPort: 3000 });
    expect(await snapshot(dir)).toEqual(before);
  });

  it('stays in the file through a write, and the warning goes once the key is fixed', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'settings.json'), withTypos);
    const set = peakWatch(dir, 'settings', 'set', 'server.port', '8001');
    expect(set.code, set.stderr).toBe(0);
    const file = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(file.server).toMatchObject({ prot: 8001, port: 8001, colour: 'blue' });
    expect(file).toMatchObject({ sever: { port: 8002 }, 'stack.grafanaPort': 3001, team: 'ops' });
    expect(peakWatch(dir, 'settings', 'get', 'server.port').stderr).toContain(
      'server.prot is not a setting',
    );

    // A file with only settings in it, as `set` writes one from scratch, gets no warning at all.
    const clean = await freshDir();
    expect(peakWatch(clean, 'settings', 'set', 'server.port', '8001').code).toBe(0);
    const got = peakWatch(clean, 'settings', 'get', 'server.port');
    expect(got.stdout.trim()).toBe('8001');
    expect(got.stderr).toBe('');
  });
});

describe('temp files a killed write left beside settings.json', () => {
  it('are removed by the next write once a minute old; a fresh one and other files stay', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1 }));
    const old = ['settings.json.0a1b2c3d.tmp', 'settings.json.deadbeef.tmp'];
    // A write in flight in another process (fresh), and files that are not this store's temps.
    const kept = [
      'settings.json.12345678.tmp',
      'settings.json.notahex.tmp',
      'settings.json.0a1b2c3d4e.tmp',
      'query-history.json.0a1b2c3d.tmp',
      'notes.0a1b2c3d.tmp',
    ];
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    for (const name of [...old, ...kept]) {
      await writeFile(join(dir, name), '{"version": 1, "server": {"po');
      if (name !== 'settings.json.12345678.tmp') {
        await utimes(join(dir, name), tenMinutesAgo, tenMinutesAgo);
      }
    }
    const set = peakWatch(dir, 'settings', 'set', 'ui.refreshSeconds', '9');
    expect(set.code, set.stderr).toBe(0);
    const left = await readdir(dir);
    for (const name of old) expect(left).not.toContain(name);
    for (const name of kept) expect(left).toContain(name);
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      ui: { refreshSeconds: 9 },
    });
  });

  it('are left alone by a read-only `settings get`', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1 }));
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await writeFile(join(dir, 'settings.json.0a1b2c3d.tmp'), '{');
    await utimes(join(dir, 'settings.json.0a1b2c3d.tmp'), tenMinutesAgo, tenMinutesAgo);
    const before = await snapshot(dir);
    expect(peakWatch(dir, 'settings', 'get').code).toBe(0);
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('a symlinked settings.json', () => {
  it('is written through the link: the link stays, its target changes', async () => {
    const dir = await freshDir();
    const elsewhere = await freshDir();
    const target = join(elsewhere, 'peak-watch-settings.json');
    await writeFile(target, JSON.stringify({ version: 1, server: { port: 8124 } }));
    await chmod(target, 0o600);
    await symlink(target, join(dir, 'settings.json'));
    const set = peakWatch(dir, 'settings', 'set', 'stack.prometheusPort', '9096');
    expect(set.code, set.stderr).toBe(0);
    expect((await lstat(join(dir, 'settings.json'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(dir, 'settings.json'))).toBe(target);
    const written = JSON.parse(await readFile(target, 'utf8')) as {
      server: { port: number };
      stack: { prometheusPort: number };
    };
    expect(written.stack.prometheusPort).toBe(9096);
    expect(written.server.port).toBe(8124);
    expect(((await stat(target)).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('a read-only settings.json', () => {
  it('(chmod 444) refuses a write with what happened and how to fix it, and stays as it is', async () => {
    const dir = await freshDir();
    const file = join(dir, 'settings.json');
    const content = JSON.stringify({ version: 1, server: { port: 8125 } }, null, 2);
    await writeFile(file, content);
    await chmod(file, 0o444);
    const set = peakWatch(dir, 'settings', 'set', 'server.port', '8126');
    expect(set.code).toBe(1);
    expect(set.stderr).toMatch(/error: .*settings\.json is read-only/);
    expect(set.stderr).toMatch(/fix: .*chmod u\+w /);
    expect(set.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(file, 'utf8')).toBe(content);
    expect((await stat(file)).mode & 0o777).toBe(0o444);
    expect((await lstat(file)).isFile()).toBe(true);
  });

  it('in a read-only folder refuses a write with a clear message and changes nothing', async () => {
    const dir = await freshDir();
    const file = join(dir, 'settings.json');
    const content = JSON.stringify({ version: 1, server: { port: 8127 } }, null, 2);
    await writeFile(file, content);
    await mkdir(join(dir, 'secrets'), { mode: 0o700 }); // what a console has made by now
    await chmod(dir, 0o555);
    const before = await snapshot(dir);
    const set = peakWatch(dir, 'settings', 'set', 'server.port', '8128');
    expect(set.code).toBe(1);
    expect(set.stderr).toMatch(/error: .*read-only/);
    expect(set.stderr).toMatch(/fix: /);
    expect(set.stderr).not.toMatch(/\n\s+at /);
    expect(await snapshot(dir)).toEqual(before);
  });
});
