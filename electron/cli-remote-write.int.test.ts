// `peak-watch remote-write` as a person types it, on the built CLI (out/main/cli.js): the
// password comes from stdin and lands only in its secret; mistakes are refused with exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteWriteStatus } from '../shared/api';
import { buildOutput } from './build-output';
import { freePort } from './services/prometheus/testing';

const PASSWORD = 'Cli-Receiver-Pw.6Ty3Qe';
const URL_A = 'http://127.0.0.1:8428/api/v1/write';

let dir = '';
function peakWatch(args: string[], input = '') {
  const r = spawnSync(process.execPath, [buildOutput.cli, ...args, '--data-dir', dir], {
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pw-cli-rw-'));
  // A Prometheus port nothing listens on: the receivers' status is "stack down".
  expect(
    peakWatch(['settings', 'set', 'stack.prometheusPort', String(await freePort())]).code,
  ).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('peak-watch remote-write: refused before anything runs (exit 2)', () => {
  const cases: [string, string[], RegExp][] = [
    ['no verb', ['remote-write'], /remote-write needs add, list or remove/],
    ['an unknown verb', ['remote-write', 'push'], /unknown command: remote-write push/],
    ['no URL', ['remote-write', 'add'], /needs the receiver's URL/],
    [
      'a password in the URL',
      ['remote-write', 'add', 'http://ann:secret@127.0.0.1:8428/api/v1/write'],
      /not a receiver URL.*password on stdin/,
    ],
    [
      'a user without its password',
      ['remote-write', 'add', URL_A, '--user', 'ann'],
      /--user needs its password: add --password-stdin/,
    ],
    [
      'both stdin flags',
      ['remote-write', 'add', URL_A, '--user', 'ann', '--password-stdin', '--token-stdin'],
      /exclude each other/,
    ],
    ['a flag of another verb', ['remote-write', 'list', '--user', 'x'], /does not take --user/],
    [
      'a password as an option',
      ['remote-write', 'add', URL_A, '--password', 'x'],
      /unknown option --password/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const r = peakWatch(args);
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
    });
  }

  it('an empty stdin for --password-stdin', () => {
    const r = peakWatch(['remote-write', 'add', URL_A, '--user', 'ann', '--password-stdin'], '');
    expect(r.stderr).toMatch(/no password on stdin/);
    expect(r.code).toBe(2);
  });
});

describe('peak-watch remote-write add, list, remove', () => {
  it("stores the password piped in as the receiver's secret only, and lists the receiver", async () => {
    const added = peakWatch(
      ['remote-write', 'add', URL_A, '--user', 'ann', '--password-stdin'],
      PASSWORD + '\n',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`added ${URL_A}`);
    expect(added.stdout + added.stderr).not.toContain(PASSWORD);

    const settings = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as {
      stack: { remoteWrite: { id: string; url: string; auth: string; user: string }[] };
    };
    const [receiver] = settings.stack.remoteWrite;
    expect(receiver).toMatchObject({ url: URL_A, auth: 'basic', user: 'ann' });
    const secret = join(dir, 'secrets', `remote-write-${receiver?.id}`);
    expect((await readFile(secret, 'utf8')).trim()).toBe(PASSWORD);
    expect((await stat(secret)).mode & 0o777).toBe(0o600);
    const yml = await readFile(join(dir, 'stack', 'prometheus.native.yml'), 'utf8');
    expect(yml).toContain(`password_file: ${JSON.stringify(secret)}`);
    expect(yml).not.toContain(PASSWORD);

    const list = peakWatch(['remote-write', 'list', '--json']);
    expect(list.code).toBe(0);
    const statuses = JSON.parse(list.stdout) as RemoteWriteStatus[];
    expect(statuses).toEqual([
      expect.objectContaining({
        url: URL_A,
        auth: 'basic auth as ann',
        health: 'stack-down',
        detail: expect.stringMatching(/Start the stack/) as unknown,
      }),
    ]);
    expect(list.stdout).not.toContain(PASSWORD);
    const table = peakWatch(['remote-write', 'list']);
    expect(table.stdout).toMatch(
      /^stack-down +http:\/\/127\.0\.0\.1:8428\/api\/v1\/write +\(basic auth as ann\)/m,
    );
  });

  it('removes the receiver and its secret; an unknown URL is named with the known ones', async () => {
    const unknown = peakWatch(['remote-write', 'remove', 'http://127.0.0.1:1/x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      `No receiver has the URL http://127.0.0.1:1/x; the receivers are ${URL_A}`,
    );
    const removed = peakWatch(['remote-write', 'remove', URL_A]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`removed ${URL_A} and its secret`);
    expect(
      (await readdir(join(dir, 'secrets'))).filter((f) => f.startsWith('remote-write-')),
    ).toEqual([]);
    expect(peakWatch(['remote-write', 'list']).stdout).toMatch(/no receivers/);
  });
});
