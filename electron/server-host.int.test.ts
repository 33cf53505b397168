// server.host through the built `peak-watch` (node bin/peak-watch.mjs): only an address of this
// machine is accepted — from `settings set` (the pane's path: the same updateSettings) and from a
// hand-edited settings.json — because the generated Prometheus config sends the server's bearer
// token to that host.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildOutput } from './build-output';
import { startHeadless } from './clients-testing';
import { freePort, waitFor } from './services/prometheus/testing';
import type { SettingsView } from '../shared/api';

const bin = join(buildOutput.root, 'bin', 'peak-watch.mjs');

function peakWatch(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, PEAK_WATCH_DATA_DIR: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

const own = new Set(
  Object.values(networkInterfaces())
    .flat()
    .map((i) => i?.address),
);
// A documentation range (RFC 5737) no interface here has: some sandboxes number theirs from one.
const foreignAddress =
  ['192.0.2.1', '198.51.100.1', '203.0.113.1'].find((a) => !own.has(a)) ?? '192.0.2.1';

let dataDir: string;
const settingsFile = (): string => join(dataDir, 'settings.json');

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pw-host-'));
});

describe('settings set server.host', () => {
  it.each([
    ['evil.example', 'evil.example', /server\.host: evil\.example does not resolve/],
    [
      'a documentation address',
      foreignAddress,
      new RegExp(
        `server\\.host: ${foreignAddress.replace(/\./g, '\\.')} is not an address of this machine`,
      ),
    ],
    ['127.1', '127.1', /server\.host: an address of this machine/],
    ['127.999.999.999', '127.999.999.999', /server\.host: an address of this machine/],
    ['a path', 'evil.example/x', /server\.host: an address of this machine/],
    ['100,000 characters', 'h'.repeat(100_000), /server\.host: a host is at most 253 characters/],
  ])('refuses %s with a sentence and writes nothing', async (_label, host, message) => {
    const r = peakWatch(['settings', 'set', 'server.host', host]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/fix: /);
    expect(r.stderr.length).toBeLessThan(2000); // the 100,000 characters are not echoed
    expect(await exists(settingsFile())).toBe(false);
  });

  const interfaceAddress = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
  const accepted = ['127.0.0.1', '0.0.0.0', '::1', 'localhost', hostname()];
  if (interfaceAddress) accepted.push(interfaceAddress);

  it.each(accepted)('accepts %s (this machine)', async (host) => {
    const r = peakWatch(['settings', 'set', 'server.host', host]);
    expect(r.code, r.stderr).toBe(0);
    const saved = JSON.parse(await readFile(settingsFile(), 'utf8')) as {
      server: { host: string };
    };
    expect(saved.server.host).toBe(host);
  });
});

describe('a hand-edited settings.json', () => {
  it('server.host evil.example: the stack files use the default host, no token goes there, and the reason is shown', async () => {
    await mkdir(dataDir, { recursive: true });
    const edited = JSON.stringify({ version: 1, server: { host: 'evil.example', port: 8000 } });
    await writeFile(settingsFile(), edited);
    const out = join(dataDir, 'out');
    const r = peakWatch(['stack', 'files', '--dir', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /warning: settings\.json: server\.host: evil\.example does not resolve.*uses 127\.0\.0\.1/,
    );
    const config = await readFile(join(out, 'prometheus', 'prometheus.yml'), 'utf8');
    expect(config).not.toMatch(/evil\.example/);
    expect(config).toMatch(/127\.0\.0\.1:8000/);
    expect(await exists(join(out, 'prometheus', 'secrets', 'server-token'))).toBe(false);
    // The file is the person's to fix: left as they wrote it.
    expect(await readFile(settingsFile(), 'utf8')).toBe(edited);
    const get = peakWatch(['settings', 'get', 'server.host']);
    expect(get.stdout.trim()).toBe('evil.example');
    expect(get.stderr).toMatch(/warning: settings\.json: server\.host: evil\.example/);
  });
});

describe('the running console (headless, the pane’s RPC)', () => {
  it('refuses evil.example from the pane with the CLI’s sentence, and does not use it from a hand edit', async () => {
    await mkdir(dataDir, { recursive: true });
    const port = await freePort();
    await writeFile(settingsFile(), JSON.stringify({ version: 1, server: { port } }));
    const app = await startHeadless(dataDir);
    try {
      const refused = await app.call('updateSettings', { server: { host: 'evil.example' } }).then(
        () => '',
        (err: Error) => err.message,
      );
      expect(refused).toMatch(/invalid-settings: server\.host: evil\.example does not resolve/);

      await writeFile(
        settingsFile(),
        JSON.stringify({ version: 1, server: { host: 'evil.example', port } }),
      );
      // The console notices the edit on its own (a file watch); asked until it has.
      const view = await waitFor('the hand edit to be noticed', async () => {
        const v = await app.call<SettingsView>('getSettings');
        return v.warnings.some((w) => /server\.host: evil\.example/.test(w)) ? v : undefined;
      });
      expect(view.settings.server.host).toBe('127.0.0.1');
      expect(view.warnings.join('\n')).toMatch(/uses 127\.0\.0\.1 until it is changed/);
      const server = await app.call<{ listening: boolean; url: string }>('getServerStatus');
      expect(server).toMatchObject({ listening: true, url: `http://127.0.0.1:${port}` });
    } finally {
      await app.kill();
    }
  });
});
