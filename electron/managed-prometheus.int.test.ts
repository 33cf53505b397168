// The managed Prometheus as the built CLI starts it (node out/main/cli.js, Debian's prometheus
// 2.42, native runtime), against the two attackers of its trust boundary:
//   - a web page, a DNS-rebinding one included: same-origin with 127.0.0.1:<port>, so CORS does
//     not help and Prometheus cannot check Host. Only credentials the page cannot know stop it.
//   - a crash: kill -9 of the CLI at any moment of `stack up`, and a prometheusBinary that is a
//     wrapper script exec'ing the real binary. The next CLI must still find, adopt or stop it.
import { spawn } from 'node:child_process';
import { compare } from 'bcryptjs';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScrapeTarget } from '../shared/api';
import { buildOutput } from './build-output';
import { nativeStackSettings, peakWatch, startHeadless, type HeadlessApp } from './clients-testing';
import { runCommand } from './services/exec';
import { isPortFree } from './services/ports';
import {
  basicAuthHeader,
  PROMETHEUS_BIN,
  PROMTOOL_BIN,
  requireBinary,
  skipWithout,
  waitFor,
} from './services/prometheus/testing';
import { pidAlive, processesHolding } from './services/stack/process-identity';

const USER = 'peak-watch';

/** One GET with exactly these headers (node:http: fetch will not send a foreign Host). */
function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

const passwordOf = (dataDir: string): string =>
  readFileSync(join(dataDir, 'secrets', 'prometheus-password'), 'utf8').trim();

const tsdbArg = (dataDir: string): string =>
  `--storage.tsdb.path=${join(dataDir, 'native', 'prometheus')}`;

/** Every file under `dir`, relative, with / separators. */
async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/** SIGKILL to whatever of this data folder still runs: a failed test must not leave Prometheus. */
async function killLeftovers(dataDir: string): Promise<void> {
  for (const pid of await processesHolding(tsdbArg(dataDir))) {
    if (await pidAlive(pid)) process.kill(pid, 'SIGKILL');
  }
}

describe.skipIf(skipWithout(PROMETHEUS_BIN))('the managed Prometheus asks for a password', () => {
  let dataDir = '';
  let port = 0;
  let app: HeadlessApp | null = null;
  const cli = (...args: string[]) => peakWatch([...args, '--data-dir', dataDir]);

  beforeAll(async () => {
    requireBinary(PROMETHEUS_BIN);
    dataDir = await mkdtemp(join(tmpdir(), 'pw-auth-'));
    port = await nativeStackSettings(dataDir, { stack: { scrapeIntervalSeconds: 1 } });
    const up = cli('stack', 'up');
    expect(up.code, up.stderr + up.stdout).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await app?.kill();
    cli('stack', 'down');
    await killLeftovers(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('refuses a request without credentials, with a rebinding Host, or a wrong password: 401', async () => {
    const right = basicAuthHeader({ username: USER, password: passwordOf(dataDir) });
    const wrong = basicAuthHeader({ username: USER, password: 'guess' });
    for (const path of ['/api/v1/status/config', '/api/v1/query?query=up', '/-/ready']) {
      expect((await get(port, path)).status, `${path} without credentials`).toBe(401);
      const rebound = await get(port, path, { host: `rebind.evil.example:${port}` });
      expect(rebound.status, `${path} with a foreign Host`).toBe(401);
      expect(rebound.body).not.toContain('scrape_configs');
      expect((await get(port, path, { authorization: wrong })).status, path).toBe(401);
      // The same request with the secret gets through: the 401s above are the password's doing.
      expect((await get(port, path, { authorization: right })).status, path).toBe(200);
    }
  });

  it('the console still reads targets and queries (the core sends the credentials)', async () => {
    app = await startHeadless(dataDir);
    const headless = app;
    // Prometheus lists its targets up to 5 s after start (service discovery is batched). Its
    // self-scrape goes through its own web config: UP only with the password (the alerts on
    // reloads and rule failures read it).
    const self = await waitFor('the prometheus job UP', async () => {
      const listed = await headless.call<ScrapeTarget[]>('getTargets');
      return listed.find((t) => t.job === 'prometheus' && t.health === 'up');
    });
    expect(self.lastError).toBe('');
    const result = await app.call<{ resultType: string }>('query', { query: 'vector(1)' });
    expect(result.resultType).toBe('vector');
    // `stack status` reads readiness with the credentials too: running, not "not ready".
    const status = cli('stack', 'status');
    expect(status.stdout).toMatch(/prometheus +running/);
  }, 60_000);

  it('the password is only in secrets/ and the 0640 copy Prometheus scrapes itself with; the web config holds its hash', async () => {
    const password = passwordOf(dataDir);
    expect(password.length).toBeGreaterThanOrEqual(24);
    const holding: string[] = [];
    for (const file of await allFiles(dataDir)) {
      const bytes = await readFile(join(dataDir, file)).catch(() => null);
      if (bytes?.includes(password)) holding.push(file);
    }
    // The secret, and the copy Prometheus reads to scrape itself (0640, beside the server token).
    expect(holding.sort()).toEqual([
      'secrets/prometheus-password',
      'stack/prometheus/secrets/prometheus-password',
    ]);
    const web = await readFile(join(dataDir, 'stack', 'prometheus', 'web-config.yml'), 'utf8');
    const hash = /"peak-watch": "(\$2[aby]\$[^"]+)"/.exec(web)?.[1] ?? '';
    expect(await compare(password, hash)).toBe(true);
    // Grafana's datasource names the user and reads the password from its environment.
    const ds = await readFile(
      join(dataDir, 'stack', 'grafana', 'provisioning-native', 'datasources', 'prometheus.yml'),
      'utf8',
    );
    expect(ds).toContain('basicAuth: true');
    expect(ds).toContain('basicAuthUser: "peak-watch"');
    expect(ds).toContain('basicAuthPassword: "$__env{PEAK_WATCH_PROMETHEUS_PASSWORD}"');
  });

  it.skipIf(skipWithout(PROMTOOL_BIN))('promtool accepts the web config', async () => {
    const file = join(dataDir, 'stack', 'prometheus', 'web-config.yml');
    const { stdout, stderr } = await runCommand(PROMTOOL_BIN, ['check', 'web-config', file]);
    expect(stdout + stderr).toContain('SUCCESS');
  });
});

/** Polls /proc (bounded) for a process holding `arg`; its pid. */
async function waitForProcess(arg: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [pid] = await processesHolding(arg);
    if (pid !== undefined) return pid;
  }
  throw new Error(`no process with ${arg} within ${timeoutMs} ms`);
}

describe.skipIf(skipWithout(PROMETHEUS_BIN) || process.platform !== 'linux')(
  'a Prometheus we start is always ours to find',
  () => {
    const folders: string[] = [];
    afterAll(async () => {
      for (const dir of folders) {
        peakWatch(['stack', 'down', '--data-dir', dir]);
        await killLeftovers(dir);
        await rm(dir, { recursive: true, force: true });
      }
    }, 120_000);

    async function freshFolder(stack: { prometheusBinary?: string } = {}) {
      const dataDir = await mkdtemp(join(tmpdir(), 'pw-crash-'));
      folders.push(dataDir);
      const port = await nativeStackSettings(dataDir, { stack });
      return { dataDir, port };
    }

    /** `stack status` / `up` / `down` after the crash: clean, and nothing of ours left after. */
    async function expectRecovery(dataDir: string, port: number): Promise<void> {
      const cli = (...args: string[]) => peakWatch([...args, '--data-dir', dataDir]);
      const status = cli('stack', 'status');
      expect(status.code, status.stderr).toBe(0);
      const up = cli('stack', 'up');
      expect(up.stderr + up.stdout).not.toMatch(/is taken by/);
      expect(up.code, up.stderr + up.stdout).toBe(0);
      expect(cli('stack', 'status').stdout).toMatch(/prometheus +running/);
      // Exactly one Prometheus of this folder: adopted, not a second one beside the first.
      expect(await processesHolding(tsdbArg(dataDir))).toHaveLength(1);
      const down = cli('stack', 'down');
      expect(down.code, down.stderr + down.stdout).toBe(0);
      expect(await processesHolding(tsdbArg(dataDir))).toEqual([]);
      expect(await isPortFree('127.0.0.1', port)).toBe(true);
    }

    /** Starts `stack up` with the built CLI, waits for `when`, then SIGKILLs the CLI. */
    async function killCliDuringUp(dataDir: string, when: (child: number) => Promise<void>) {
      const cliProc = spawn(
        process.execPath,
        [buildOutput.cli, 'stack', 'up', '--data-dir', dataDir],
        { stdio: 'ignore' },
      );
      const exited = new Promise<void>((r) => cliProc.once('exit', () => r()));
      const child = await waitForProcess(tsdbArg(dataDir), 30_000);
      await when(child);
      cliProc.kill('SIGKILL');
      await exited;
      return child;
    }

    // Three rounds: the window between the spawn and the pid on disk is a few milliseconds.
    for (let round = 1; round <= 3; round++) {
      it(`kill -9 of the CLI right after its Prometheus child appears (round ${round})`, async () => {
        const { dataDir, port } = await freshFolder();
        const child = await killCliDuringUp(dataDir, () => Promise.resolve());
        expect(await pidAlive(child)).toBe(true);
        await expectRecovery(dataDir, port);
      }, 90_000);
    }

    it('a starter killed by its own child before it can record the pid (wrapper: kill -9 $PPID; exec)', async () => {
      // The child kills the CLI the moment it runs, before the CLI's next write can land: the
      // window a poll from outside hits only now and then, hit on every run.
      const scratch = await mkdtemp(join(tmpdir(), 'pw-killer-'));
      folders.push(scratch);
      const killer = join(scratch, 'prometheus');
      // `--version` (the CLI's check of the binary) passes through; a start kills the starter.
      await writeFile(
        killer,
        `#!/bin/sh\n[ "$1" = --version ] || kill -9 $PPID\nexec ${PROMETHEUS_BIN} "$@"\n`,
      );
      await chmod(killer, 0o755);
      const { dataDir, port } = await freshFolder({ prometheusBinary: killer });
      const cliProc = spawn(
        process.execPath,
        [buildOutput.cli, 'stack', 'up', '--data-dir', dataDir],
        { stdio: 'ignore' },
      );
      const killed = await new Promise<NodeJS.Signals | null>((r) =>
        cliProc.once('exit', (_code, signal) => r(signal)),
      );
      expect(killed).toBe('SIGKILL');
      // Another start would kill that CLI too: the recovery below must adopt, never respawn.
      await expectRecovery(dataDir, port);
    }, 90_000);

    it('kill -9 of the CLI while it waits for Prometheus to become ready', async () => {
      const { dataDir, port } = await freshFolder();
      await killCliDuringUp(dataDir, async () => {
        // The pid is on disk by now; the CLI is polling /-/ready.
        const file = join(dataDir, 'native', 'prometheus.state.json');
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
          const pid = await readFile(file, 'utf8').then(
            (t) => (JSON.parse(t) as { pid: number }).pid,
            () => 0,
          );
          if (pid > 0) return;
          await new Promise((r) => setTimeout(r, 5));
        }
      });
      await expectRecovery(dataDir, port);
    }, 90_000);

    it('kill -9 of the CLI after Prometheus is ready', async () => {
      const { dataDir, port } = await freshFolder();
      await killCliDuringUp(dataDir, async () => {
        const deadline = Date.now() + 30_000;
        const auth = () => ({
          authorization: basicAuthHeader({ username: USER, password: passwordOf(dataDir) }),
        });
        while (Date.now() < deadline) {
          const ready = await get(port, '/-/ready', auth()).then(
            (r) => r.status === 200,
            () => false,
          );
          if (ready) return;
          await new Promise((r) => setTimeout(r, 50));
        }
      });
      await expectRecovery(dataDir, port);
    }, 90_000);

    it('a wrapper script that execs the real prometheus starts, reads as running, and stops', async () => {
      const scratch = await mkdtemp(join(tmpdir(), 'pw-wrapper-'));
      folders.push(scratch);
      const wrapper = join(scratch, 'prometheus-wrapper.sh');
      await writeFile(wrapper, `#!/bin/sh\nexec ${PROMETHEUS_BIN} "$@"\n`);
      await chmod(wrapper, 0o755);
      const { dataDir, port } = await freshFolder({ prometheusBinary: wrapper });
      const cli = (...args: string[]) => peakWatch([...args, '--data-dir', dataDir]);
      const up = cli('stack', 'up');
      expect(up.code, up.stderr + up.stdout).toBe(0);
      expect(cli('stack', 'status').stdout).toMatch(/prometheus +running/);
      const down = cli('stack', 'down');
      expect(down.code, down.stderr + down.stdout).toBe(0);
      expect(await processesHolding(tsdbArg(dataDir))).toEqual([]);
      expect(await isPortFree('127.0.0.1', port)).toBe(true);
    }, 90_000);

    it('a Prometheus of ours on our port with no state file at all is adopted, then stopped', async () => {
      const { dataDir, port } = await freshFolder();
      const first = peakWatch(['stack', 'up', '--data-dir', dataDir]);
      expect(first.code, first.stderr).toBe(0);
      await rm(join(dataDir, 'native', 'prometheus.state.json'));
      await expectRecovery(dataDir, port);
    }, 90_000);
  },
);
