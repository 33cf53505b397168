// `peak-watch source use|status` as a user types it: the built CLI (node bin/peak-watch.mjs) as a
// child process, against Debian's prometheus behind basic auth and Debian's victoria-metrics. The
// secret goes in on stdin only and comes out nowhere: not in the output, not in settings.json.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../shared/api';
import { peakWatchWithStdin, type CliRun } from './clients-testing';
import { createConsole } from './services/console';
import { PROMETHEUS_BIN, skipWithout, waitFor } from './services/prometheus/testing';
import {
  filesContaining,
  startSourcePrometheus,
  startVictoriaMetrics,
  VICTORIA_METRICS_BIN,
  type RunningSource,
} from './services/source/testing';

const PASSWORD = 'Cli-Src-Pw-4e1d8a0b-stdin-only';
const WRONG = 'Cli-Wrong-Pw-9c3f7b21';

const peakWatch = peakWatchWithStdin;

const skip = skipWithout(PROMETHEUS_BIN) || skipWithout(VICTORIA_METRICS_BIN);

describe.skipIf(skip)('peak-watch source use|status', () => {
  let dataDir: string;
  let prom: RunningSource;
  let vm: RunningSource;
  const outputs: CliRun[] = [];
  const run = async (args: string[], stdin = ''): Promise<CliRun> => {
    const r = await peakWatch(['--data-dir', dataDir, ...args], stdin);
    outputs.push(r);
    return r;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-cli-source-'));
    prom = await startSourcePrometheus({
      user: 'alice',
      password: PASSWORD,
      jobs: [{ job: 'prometheus', targets: ['127.0.0.1:1'] }],
    });
    vm = await startVictoriaMetrics({ jobs: [] });
  });

  afterAll(async () => {
    await prom?.stop();
    await vm?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a wrong password is saved but not usable: exit 1, the 401 named with alice and the fix', async () => {
    const r = await run(
      ['source', 'use', prom.url, '--user', 'alice', '--password-stdin'],
      `${WRONG}\n`,
    );
    expect(r.code, r.stderr + r.stdout).toBe(1);
    expect(r.stdout + r.stderr).toContain(
      `The source at ${prom.url} refused the credentials for alice (HTTP 401).`,
    );
    expect(r.stdout + r.stderr).toContain(
      `peak-watch source use ${prom.url} --user alice --password-stdin`,
    );
  });

  it('the right password from stdin: exit 0, up, "basic auth as alice"; the secret only in secrets/', async () => {
    const r = await run(
      ['source', 'use', prom.url, '--user', 'alice', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/health:\s+up/);
    expect(r.stdout).toContain('basic auth as alice');
    expect(r.stdout).toMatch(/Prometheus 2\./);
    const credential = join(dataDir, 'secrets', 'source-credential');
    expect((await readFile(credential, 'utf8')).trim()).toBe(PASSWORD);
    expect((await stat(credential)).mode & 0o777).toBe(0o600);
    const settings = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as {
      source: Record<string, unknown>;
    };
    expect(settings.source).toMatchObject({
      kind: 'existing',
      url: prom.url,
      auth: 'basic',
      user: 'alice',
    });
  });

  it('source status --json is the SourceStatus, exit 0 while up', async () => {
    const r = await run(['source', 'status', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const status = JSON.parse(r.stdout) as SourceStatus;
    expect(status).toMatchObject({ kind: 'existing', url: prom.url, health: 'up', user: 'alice' });
    const text = await run(['source', 'status']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(prom.url);
  });

  it('VictoriaMetrics without auth: exit 0; the stored password goes with the old source', async () => {
    const r = await run(['source', 'use', vm.url]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('VictoriaMetrics');
    // What it lacks is said, once, in words.
    expect(r.stdout).toMatch(/vmalert/);
    expect(await filesContaining(dataDir, PASSWORD)).toEqual([]);
  });

  it('skip TLS verification is saved with a warning', async () => {
    const r = await run(['source', 'use', vm.url, '--insecure-skip-tls-verify']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/warning: .*certificates? .*not checked/i);
  });

  it('source use managed: saved; exit 1 while the managed stack is not running, saying why', async () => {
    const r = await run(['source', 'use', 'managed']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/not reachable/);
    expect(r.stdout + r.stderr).toMatch(/Start the stack/);
  });

  it.each([
    [['source', 'use'], /source use needs a URL/],
    [['source', 'use', 'ftp://example.org'], /http:\/\/ or https:\/\//],
    [['source', 'use', 'http://127.0.0.1:9', '--password-stdin'], /--password-stdin needs --user/],
    [['source', 'use', 'http://127.0.0.1:9', '--password-stdin', '--token-stdin'], /either/],
    [['source', 'use', 'http://127.0.0.1:9', '--user', 'a', '--token-stdin'], /--user/],
    [['source', 'use', 'http://127.0.0.1:9', '--ca-file', 'relative.pem'], /absolute path/],
    [['source', 'use', 'managed', '--user', 'a'], /managed takes no/],
    [['source', 'status', 'extra'], /takes no "extra"/],
    [['source', 'nope'], /unknown command: source nope/],
  ])('refuses %j before anything runs: exit 2', async (args, message) => {
    const r = await run(args);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a password in the URL is refused without repeating it', async () => {
    const r = await run(['source', 'use', `http://alice:${WRONG}@127.0.0.1:9`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--user NAME --password-stdin/);
    expect(r.stderr).not.toContain(WRONG);
  });

  it('an empty stdin for --password-stdin is refused: exit 2', async () => {
    const r = await run(['source', 'use', prom.url, '--user', 'alice', '--password-stdin'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no password on stdin/);
  });

  it('no password appears in any output or file but the secret', async () => {
    for (const r of outputs) {
      expect(r.stdout + r.stderr).not.toContain(PASSWORD);
      expect(r.stdout + r.stderr).not.toContain(WRONG);
    }
    expect(await filesContaining(dataDir, WRONG)).toEqual([]);
  });
});

describe.skipIf(skip)('a source chosen by another process', () => {
  it('the running console follows `peak-watch source use` from a shell: new client, `source` pushed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pw-cli-source-follow-'));
    const vm = await startVictoriaMetrics({ jobs: [] });
    const core = await createConsole({ dataDir, metricsPort: 0, watchStack: false });
    try {
      const pushed: SourceStatus[] = [];
      core.api.on('source', (s) => pushed.push(s));
      const r = await peakWatch(['--data-dir', dataDir, 'source', 'use', vm.url]);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const seen = await waitFor('the running console to push the new source', () =>
        Promise.resolve(pushed.find((s) => s.url === vm.url && s.health === 'up')),
      );
      expect(seen.product).toBe('VictoriaMetrics');
      // Its pages now read from VictoriaMetrics (the managed stack is not running here).
      const answer = await core.api.query({ query: 'vector(3)' });
      expect(answer.resultType === 'vector' && answer.result[0]?.value[1]).toBe('3');
    } finally {
      await core.close();
      await vm.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
