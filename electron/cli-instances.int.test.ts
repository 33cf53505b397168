// `peak-watch instances …` and `peak-watch alerts export` as a person runs them: the built CLI
// (out/main/cli.js) in a child process, a real data folder, promtool on the exported rules.
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOutput } from './build-output';
import { runCommand } from './services/exec';
import { PROMTOOL_BIN, requireBinary, skipWithout } from './services/prometheus/testing';

function peakWatch(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [buildOutput.cli, ...args, '--data-dir', dir], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dirs: string[] = [];
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-cli-instances-'));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('peak-watch instances', () => {
  it('adds, lists and removes instances; the settings and instances.json follow', async () => {
    const dir = await dataDir();
    const token = join(dir, 'app.token');
    await writeFile(token, 'secret-app-token\n');
    expect(peakWatch(dir, ['instances', 'list']).stdout).toMatch(/no instances/);

    const add = peakWatch(dir, ['instances', 'add', '127.0.0.1:18000']);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('added 127.0.0.1:18000');
    const withToken = peakWatch(dir, [
      'instances',
      'add',
      'app.example.org:8001',
      '--token-file',
      token,
    ]);
    expect(withToken.code).toBe(0);

    const listed = peakWatch(dir, ['instances', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      { target: '127.0.0.1:18000', tokenFile: '' },
      { target: 'app.example.org:8001', tokenFile: token },
    ]);
    const sd = JSON.parse(
      await readFile(join(dir, 'stack', 'prometheus', 'instances.json'), 'utf8'),
    ) as unknown;
    expect(sd).toEqual([{ targets: ['127.0.0.1:18000'], labels: {} }]);

    const removed = peakWatch(dir, ['instances', 'remove', '127.0.0.1:18000']);
    expect(removed.code).toBe(0);
    expect(JSON.parse(peakWatch(dir, ['instances', 'list', '--json']).stdout)).toEqual([
      { target: 'app.example.org:8001', tokenFile: token },
    ]);
    // The token is in no file but the user's own and the container's copy.
    const settingsText = await readFile(join(dir, 'settings.json'), 'utf8');
    expect(settingsText).not.toContain('secret-app-token');
  });

  it('a missing instance to remove: a clear sentence, exit 1, nothing changed', async () => {
    const dir = await dataDir();
    peakWatch(dir, ['instances', 'add', '127.0.0.1:18000']);
    const r = peakWatch(dir, ['instances', 'remove', '127.0.0.1:9999']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /127\.0\.0\.1:9999 is not an instance \(the instances: 127\.0\.0\.1:18000\)\. Nothing was changed\./,
    );
    expect(r.stderr).toMatch(/fix: peak-watch instances list/);
    expect(JSON.parse(peakWatch(dir, ['instances', 'list', '--json']).stdout)).toHaveLength(1);
  });

  it('refuses a twice-added instance, a bad target and an unreadable token file, keeping what is there', async () => {
    const dir = await dataDir();
    peakWatch(dir, ['instances', 'add', '127.0.0.1:18000']);
    const twice = peakWatch(dir, ['instances', 'add', '127.0.0.1:18000']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already an instance/);
    peakWatch(dir, ['settings', 'set', 'server.port', '18555']);
    const own = peakWatch(dir, ['instances', 'add', 'localhost:18555']);
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/localhost:18555 is Peak Watch's own embedded server/);
    const bad = peakWatch(dir, ['instances', 'add', 'http://x:80/metrics']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not an instance: a target is host:port/);
    const missing = peakWatch(dir, [
      'instances',
      'add',
      '127.0.0.1:8001',
      '--token-file',
      join(dir, 'nope'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/The token file .*nope does not exist\. Nothing was added\./);
    const folder = peakWatch(dir, ['instances', 'add', '127.0.0.1:8001', '--token-file', dir]);
    expect(folder.stderr).toMatch(/is not a file/);
    expect(JSON.parse(peakWatch(dir, ['instances', 'list', '--json']).stdout)).toEqual([
      { target: '127.0.0.1:18000', tokenFile: '' },
    ]);
  });
});

describe('peak-watch alerts export', () => {
  it.skipIf(skipWithout(PROMTOOL_BIN))(
    'prints the rules for the settings job, promtool-clean; --out writes the same file',
    async () => {
      requireBinary(PROMTOOL_BIN);
      const dir = await dataDir();
      expect(peakWatch(dir, ['settings', 'set', 'source.job', 'peak_trade_uvicorn']).code).toBe(0);
      const printed = peakWatch(dir, ['alerts', 'export']);
      expect(printed.code).toBe(0);
      expect(printed.stdout).toContain('up{job=\\"peak_trade_uvicorn\\"}');
      expect(printed.stdout).not.toContain('peak_trade_web');
      const out = join(dir, 'exported.rules.yml');
      const written = peakWatch(dir, ['alerts', 'export', '--out', out]);
      expect(written.code).toBe(0);
      expect(written.stderr).toMatch(/wrote .*exported\.rules\.yml \(job peak_trade_uvicorn\)/);
      expect(await readFile(out, 'utf8')).toBe(printed.stdout);
      const { stdout } = await runCommand(PROMTOOL_BIN, ['check', 'rules', out]);
      expect(stdout).toContain('SUCCESS');
      // The check can fail: a broken copy is refused.
      await writeFile(out, printed.stdout.replace('expr: ', 'expr: (('));
      await chmod(out, 0o644);
      await expect(runCommand(PROMTOOL_BIN, ['check', 'rules', out])).rejects.toThrow();
    },
  );
});
