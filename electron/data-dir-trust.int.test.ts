// Another user on the machine who can write the data folder could choose the programs Peak Watch
// runs (settings.json names binaries and images; stack/ holds the compose file): the built CLI
// refuses a data folder, or a file in it that decides what runs, that is not this user's or that
// others may write — before it reads or runs anything — and makes what it creates private, whatever
// umask it was started with. A shared file that is not a regular file (a FIFO) is refused at once
// instead of hanging every command that opens it.
import { spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildOutput } from './build-output';

const bin = join(buildOutput.root, 'bin', 'peak-watch.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI; killed (and reported with code null) if it is still running after 20 s. */
function peakWatch(args: string[], opts: { umask?: number } = {}): Promise<Run> {
  // A shell sets the umask the CLI starts with, as a person's terminal would.
  const command =
    opts.umask === undefined
      ? [process.execPath, bin, ...args]
      : [
          'sh',
          '-c',
          `umask ${opts.umask.toString(8)} && exec "$0" "$@"`,
          process.execPath,
          bin,
          ...args,
        ];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      env: { ...process.env, PEAK_WATCH_DATA_DIR: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let root: string;
let dir: string;
/** What a planted program would leave behind if Peak Watch ran it. */
let ranMarker: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'pw-dd-trust-'));
  dir = join(root, 'data');
  ranMarker = join(root, 'planted-program-ran');
  // The other user's program: a "prometheus" that leaves a mark.
  const planted = join(root, 'planted.sh');
  await writeFile(planted, `#!/bin/sh\ntouch ${ranMarker}\nexit 1\n`, { mode: 0o755 });
  await mkdir(dir, { mode: 0o700 });
  await writeFile(
    join(dir, 'settings.json'),
    JSON.stringify({ version: 1, stack: { runtime: 'native', prometheusBinary: planted } }) + '\n',
    { mode: 0o644 },
  );
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const exists = (p: string): Promise<boolean> =>
  stat(p).then(
    () => true,
    () => false,
  );

describe('a data folder others can write', () => {
  it('(mode 0777) is refused with the chmod that fixes it, and nothing named in it runs', async () => {
    await chmod(dir, 0o777);
    const r = await peakWatch(['doctor', '--data-dir', dir]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/the data folder .* is writable by other users \(mode 0777\)/);
    expect(r.stderr).toMatch(/fix: chmod go-w /);
    expect(await exists(ranMarker)).toBe(false);
  });

  it('with a settings.json others can write (0666) is refused the same way', async () => {
    await chmod(join(dir, 'settings.json'), 0o666);
    const r = await peakWatch(['stack', 'status', '--data-dir', dir]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/settings\.json in the data folder is writable by other users/);
    expect(await exists(ranMarker)).toBe(false);
  });

  it('with a stack/ folder others can write is refused (the compose file there decides what runs)', async () => {
    await mkdir(join(dir, 'stack'));
    await chmod(join(dir, 'stack'), 0o777);
    const r = await peakWatch(['settings', 'get', 'server.port', '--data-dir', dir]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/stack in the data folder is writable by other users/);
  });
});

describe('a data folder that belongs to someone else', () => {
  it.runIf(process.getuid?.() === 0)(
    'is refused, naming the owner, and nothing named in it runs',
    async () => {
      await chown(dir, 65534, 65534);
      const r = await peakWatch(['doctor', '--data-dir', dir]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/belongs to user id 65534, not to user /);
      expect(await exists(ranMarker)).toBe(false);
    },
  );
});

describe('what Peak Watch creates', () => {
  it('is private under umask 000, and the next command uses the folder without complaint', async () => {
    const fresh = join(root, 'fresh', 'data');
    const set = await peakWatch(['settings', 'set', 'server.port', '8123', '--data-dir', fresh], {
      umask: 0o000,
    });
    expect(set.code, set.stderr).toBe(0);
    const files = await peakWatch(
      ['stack', 'files', '--dir', join(root, 'files'), '--data-dir', fresh],
      {
        umask: 0o000,
      },
    );
    expect(files.code, files.stderr).toBe(0);
    for (const p of [fresh, join(fresh, 'settings.json'), join(fresh, 'secrets')]) {
      if (!(await exists(p))) continue;
      expect(((await stat(p)).mode & 0o022).toString(8), p).toBe('0');
    }
    expect(((await stat(fresh)).mode & 0o777).toString(8)).toBe('700');
    const get = await peakWatch(['settings', 'get', 'server.port', '--data-dir', fresh], {
      umask: 0o000,
    });
    expect(get.code, get.stderr).toBe(0);
    expect(get.stdout.trim()).toBe('8123');
  });
});

describe('a shared file that is not a regular file', () => {
  it('(a FIFO as settings.json) is refused at once instead of hanging', async () => {
    await rm(join(dir, 'settings.json'));
    const mk = await new Promise<number | null>((resolve) =>
      spawn('mkfifo', [join(dir, 'settings.json')]).once('close', resolve),
    );
    expect(mk).toBe(0);
    const r = await peakWatch(['settings', 'get', '--data-dir', dir]);
    expect(r.code, `${r.stderr} (null: still running after 20 s)`).toBe(2);
    expect(r.stderr).toMatch(/settings\.json in the data folder is not a regular file/);
  });
});
