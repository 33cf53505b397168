// Bad arguments to the built `peak-watch` (node bin/peak-watch.mjs, as a user types it) are
// refused before anything starts: exit 2, a sentence naming what is wrong and how to fix it, no
// file written in the data folder and no port bound. One row per mistake a person makes.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmod,
  lchown,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  writeFile,
} from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOutput } from './build-output';
import { isPortFree } from './services/ports';

const bin = join(buildOutput.root, 'bin', 'peak-watch.mjs');
// A process that is still running this long after a refused argument has started something.
const EXIT_WITHIN_MS = 20_000;
// An errno in place of a sentence ("EACCES: permission denied, open …lock.1a2b.tmp").
const RAW_ERRNO = /\bE(ACCES|EXIST|NOTDIR|ROFS|PERM|NOENT|ISDIR)\b/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  exited: boolean;
}

/** Runs the CLI; a process still alive after EXIT_WITHIN_MS is killed and reported as running. */
function peakWatch(args: string[], opts: { cwd?: string; uid?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: opts.cwd ?? buildOutput.root,
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
      env: { ...process.env, PEAK_WATCH_DATA_DIR: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_WITHIN_MS);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, exited: signal !== 'SIGKILL' });
    });
  });
}

/** Every entry under `dir` with its size, mode and mtime; 'missing' when there is no `dir`. */
async function snapshot(dir: string): Promise<Record<string, string> | 'missing'> {
  const info = await lstat(dir).catch(() => null);
  if (!info) return 'missing';
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const name of await readdir(d)) {
      const path = join(d, name);
      const s = await lstat(path);
      out[path.slice(dir.length)] = `${s.size} ${s.mode.toString(8)} ${s.mtimeMs}`;
      if (s.isDirectory()) await walk(path);
    }
  };
  if (info.isDirectory()) await walk(dir);
  else out[''] = `file ${info.size} ${info.mtimeMs}`;
  return out;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** Where each case runs: a data folder (`dir`, maybe absent) and a working folder. */
interface Place {
  root: string;
  dir: string;
  cwd: string;
  metricsPort: number;
}

interface Case {
  name: string;
  args: (p: Place) => string[];
  /** Prepares the data folder; by default there is none, and none may appear. */
  setup?: (p: Place) => Promise<void>;
  /** Runs as another user (nobody) where the test runs as root, so a mode bit is enforced. */
  asOtherUser?: boolean;
  code: number;
  message: RegExp;
}

const settingsFile = (p: Place): string => join(p.dir, 'settings.json');
const withSettings = async (p: Place): Promise<void> => {
  await mkdir(p.dir, { recursive: true });
  await writeFile(settingsFile(p), JSON.stringify({ version: 1, server: { port: 8123 } }) + '\n');
};

const CASES: Case[] = [
  {
    name: 'headless --ui-port 99999 binds no metrics port and exits',
    args: (p) => ['headless', '--ui-port', '99999', '--metrics-port', String(p.metricsPort)],
    code: 2,
    message: /--ui-port.*99999.*(0|1)[^\n]*65535/,
  },
  {
    name: 'headless --metrics-port abc',
    args: () => ['headless', '--metrics-port', 'abc', '--ui-port', '0'],
    code: 2,
    message: /--metrics-port.*abc/,
  },
  {
    name: 'headless with a stray word',
    args: (p) => ['headless', 'now', '--metrics-port', String(p.metricsPort), '--ui-port', '0'],
    code: 2,
    message: /headless takes no .*now/,
  },
  {
    name: 'stack bogus --runtime native saves no runtime',
    args: () => ['stack', 'bogus', '--runtime', 'native'],
    setup: withSettings,
    code: 2,
    message: /unknown command: stack bogus/,
  },
  {
    name: 'stack status --runtime podman',
    args: () => ['stack', 'status', '--runtime', 'podman'],
    setup: withSettings,
    code: 2,
    message: /--runtime.*podman.*docker.*native/,
  },
  {
    name: 'stack logs bogus names the services',
    args: () => ['stack', 'logs', 'bogus'],
    code: 2,
    message: /bogus.*prometheus.*grafana/,
  },
  {
    name: 'stack logs without a service',
    args: () => ['stack', 'logs'],
    code: 2,
    message: /prometheus.*grafana/,
  },
  ...['abc', '0', '-3', '1.5', '1e3', '5001', ''].map((lines): Case => ({
    name: `stack logs prometheus --lines ${JSON.stringify(lines)}`,
    args: () => ['stack', 'logs', 'prometheus', `--lines=${lines}`],
    code: 2,
    message: /--lines .*whole number from 1 to 5000/,
  })),
  ...['__proto__', 'constructor', 'server.__proto__', 'server.port.toFixed', 'toString'].map(
    (key): Case => ({
      name: `settings get ${key}`,
      args: () => ['settings', 'get', key],
      setup: withSettings,
      code: 2,
      message: /unknown setting: .*\n.*known keys: .*server\.port/,
    }),
  ),
  {
    name: 'settings set __proto__.polluted 1',
    args: () => ['settings', 'set', '__proto__.polluted', '1'],
    setup: withSettings,
    code: 2,
    message: /unknown setting: __proto__\.polluted/,
  },
  {
    name: 'settings set source.url (a credential is bound to it)',
    args: () => ['settings', 'set', 'source.url', 'http://127.0.0.1:9'],
    setup: withSettings,
    code: 2,
    message: /source\.url is not set on its own[\s\S]*peak-watch source use URL/,
  },
  {
    name: 'settings set with no value',
    args: () => ['settings', 'set', 'server.port'],
    setup: withSettings,
    code: 2,
    message: /settings set KEY VALUE/,
  },
  {
    name: 'an unknown flag',
    args: () => ['--bogus'],
    code: 2,
    message: /unknown option --bogus[\s\S]*usage: peak-watch/,
  },
  {
    name: 'an unknown flag after a command',
    args: () => ['stack', 'status', '--bogus'],
    setup: withSettings,
    code: 2,
    message: /unknown option --bogus/,
  },
  {
    name: 'a flag another command takes (doctor --lines 5)',
    args: () => ['doctor', '--lines', '5'],
    code: 2,
    message: /doctor does not take --lines/,
  },
  {
    name: 'a flag with no value (--data-dir at the end)',
    args: () => ['doctor', '--data-dir'],
    code: 2,
    message: /--data-dir needs a value/,
  },
  {
    name: '--data-dir ""',
    args: () => ['settings', 'get', '--data-dir='],
    code: 2,
    message: /--data-dir is empty/,
  },
  {
    name: '--data-dir names a file',
    args: (p) => ['settings', 'set', 'server.port', '8001', '--data-dir', p.dir],
    setup: (p) => writeFile(p.dir, 'not a folder\n'),
    code: 2,
    message: /is a file, not a folder.*\n.*fix: .*--data-dir/,
  },
  {
    name: '--data-dir below a file',
    args: (p) => ['doctor', '--data-dir', join(p.dir, 'inner')],
    setup: (p) => writeFile(p.dir, 'not a folder\n'),
    code: 2,
    message: /is a file, not a folder/,
  },
  {
    name: 'a read-only data folder for settings set',
    args: () => ['settings', 'set', 'server.port', '8001'],
    setup: async (p) => {
      await withSettings(p);
      await chmod(p.dir, 0o555);
    },
    asOtherUser: true,
    code: 2,
    message: /cannot write in the data folder .*\n.*fix: .*(chmod|--data-dir)/,
  },
  {
    name: 'a data folder that cannot be made (read-only parent)',
    args: (p) => ['stack', 'status', '--data-dir', join(p.dir, 'new')],
    setup: async (p) => {
      await mkdir(p.dir);
      await chmod(p.dir, 0o555);
    },
    asOtherUser: true,
    code: 2,
    message: /cannot create the data folder .*\n.*fix: /,
  },
  {
    // Past the checks of the data folder: an errno from deeper inside is a sentence too.
    name: 'a secrets folder this user may not open',
    args: (p) => ['stack', 'files', '--dir', join(p.root, 'out')],
    setup: async (p) => {
      await withSettings(p);
      await mkdir(join(p.dir, 'secrets'));
      await writeFile(join(p.dir, 'secrets', 'grafana-admin-password'), 'x\n', { mode: 0o600 });
      await chmod(join(p.dir, 'secrets'), 0o000);
    },
    asOtherUser: true,
    code: 1,
    message: /cannot open .*grafana-admin-password: permission denied for user .*\n.*fix: .*ls -ld/,
  },
];

const NOBODY = 65534;
let root: string;

/**
 * Gives `dir` and what is in it to `uid`: a data folder must belong to the user who runs Peak Watch
 * (another owner could choose the programs it runs), so a case run as another user gets its own.
 */
async function chownTree(dir: string, uid: number): Promise<void> {
  const info = await lstat(dir).catch(() => null);
  if (!info) return;
  await lchown(dir, uid, uid);
  if (info.isDirectory())
    for (const name of await readdir(dir)) await chownTree(join(dir, name), uid);
}
const places: Place[] = [];

beforeAll(async () => {
  // Builds out/ when stale, once, as this user: the cases running as another user cannot.
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  expect(help.status, help.stderr).toBe(0);
  root = await mkdtemp(join(tmpdir(), 'pw-cli-args-'));
  // Readable by the other user, who must reach the folders it is refused to write.
  await chmod(root, 0o755);
}, 300_000);

afterAll(async () => {
  for (const p of places) {
    await chmod(p.dir, 0o755).catch(() => undefined);
    await chmod(join(p.dir, 'secrets'), 0o700).catch(() => undefined);
  }
});

describe('peak-watch refuses bad arguments before anything starts', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const base = join(root, `case-${places.length}`);
    const place: Place = {
      root: base,
      dir: join(base, 'data'),
      cwd: join(base, 'cwd'),
      metricsPort: await freePort(),
    };
    places.push(place);
    await mkdir(place.cwd, { recursive: true });
    await chmod(base, 0o755);
    await chmod(place.cwd, 0o777);
    await c.setup?.(place);
    const uid = c.asOtherUser && process.getuid?.() === 0 ? NOBODY : undefined;
    if (uid !== undefined) await chownTree(place.dir, uid);
    const before = await snapshot(place.dir);
    const args = c.args(place);
    const dataDirGiven = args.some((a) => a.startsWith('--data-dir'));
    const r = await peakWatch(dataDirGiven ? args : [...args, '--data-dir', place.dir], {
      cwd: place.cwd,
      ...(uid !== undefined ? { uid } : {}),
    });

    expect(r.exited, `still running: ${r.stdout}${r.stderr}`).toBe(true);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: c.code });
    expect(r.stderr).toMatch(c.message);
    expect(r.stderr).not.toMatch(RAW_ERRNO);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await snapshot(place.dir)).toEqual(before);
    expect(await readdir(place.cwd)).toEqual([]);
    expect(await isPortFree('127.0.0.1', place.metricsPort)).toBe(true);
    if (before !== 'missing' && (await lstat(settingsFile(place)).catch(() => null))?.isFile()) {
      expect(JSON.parse(await readFile(settingsFile(place), 'utf8'))).toEqual({
        version: 1,
        server: { port: 8123 },
      });
    }
  });
});

describe('what still works beside the refusals', () => {
  it('a read-only data folder still answers settings get', async () => {
    const p: Place = { root, dir: join(root, 'ro-get'), cwd: root, metricsPort: 0 };
    places.push(p);
    await withSettings(p);
    await chmod(p.dir, 0o555);
    const uid = process.getuid?.() === 0 ? NOBODY : undefined;
    if (uid !== undefined) await chownTree(p.dir, uid);
    const r = await peakWatch(['settings', 'get', 'server.port', '--data-dir', p.dir], {
      ...(uid !== undefined ? { uid } : {}),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('8123');
  });

  it('--ui-port 0 and --metrics-port 0 mean any free port', async () => {
    const dir = join(root, 'any-port');
    const child = spawn(
      process.execPath,
      [bin, 'headless', '--ui-port', '0', '--metrics-port', '0', '--data-dir', dir],
      { env: { ...process.env, PEAK_WATCH_DATA_DIR: '' } },
    );
    let out = '';
    const serving = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /metrics: (http:\/\/\S+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`headless exited ${code}: ${out}`)));
    });
    expect(serving).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  });

  it('a --ui-port someone else holds: the error, and the metrics server is closed again', async () => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const uiPort = (taken.address() as { port: number }).port;
    const metricsPort = await freePort();
    try {
      const r = await peakWatch([
        'headless',
        '--ui-port',
        String(uiPort),
        '--metrics-port',
        String(metricsPort),
        '--data-dir',
        join(root, 'taken-ui'),
      ]);
      expect(r.exited, `still running: ${r.stdout}${r.stderr}`).toBe(true);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`${uiPort}.*\\n.*fix: .*--ui-port`));
      expect(await isPortFree('127.0.0.1', metricsPort)).toBe(true);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });
});
