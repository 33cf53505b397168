// The peak-watch CLI as a user runs it: the built out/main/cli.js under plain Node (no tsx), a
// real child process with its own data folder.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOutput } from './build-output';

function peakWatch(args: string[]) {
  const r = spawnSync(process.execPath, [buildOutput.cli, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('peak-watch settings', () => {
  it('sets a value, validates it by the schema, and reads it back like git config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-cli-'));
    expect(
      peakWatch(['settings', 'set', 'stack.prometheusPort', '9092', '--data-dir', dir]).code,
    ).toBe(0);
    const got = peakWatch(['settings', 'get', 'stack.prometheusPort', '--data-dir', dir]);
    expect(got.stdout.trim()).toBe('9092');
    const bad = peakWatch(['settings', 'set', 'stack.prometheusPort', '70000', '--data-dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/stack\.prometheusPort/);
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const unknown = peakWatch(['settings', 'get', 'stack.nope', '--data-dir', dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/known keys: .*stack\.prometheusPort/);
  });

  it('refuses an unknown command with the usage hint and exit code 2', () => {
    const r = peakWatch(['stack', 'explode', '--data-dir', join(tmpdir(), 'pw-cli-unused')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command: stack explode/);
  });
});

describe('peak-watch stack files', () => {
  it('writes the stack files into the folder given and prints their paths', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-cli-'));
    const out = join(dir, 'out');
    const r = peakWatch(['stack', 'files', '--dir', out, '--data-dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    const printed = r.stdout.trim().split('\n');
    expect(printed).toContain(join(out, 'compose.yml'));
    expect(printed).toContain(join(out, 'prometheus', 'prometheus.yml'));
    const compose = await readFile(join(out, 'compose.yml'), 'utf8');
    expect(compose).not.toMatch(/--web\.enable-lifecycle/);
    expect(compose).toMatch(/^# Run: docker compose -p peak-watch-[0-9a-f]{8} up -d/m);
    expect(((await stat(join(out, '.env'))).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('peak-watch doctor', () => {
  it('prints every check as JSON and exits 1 when a check fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-cli-'));
    // The native runtime with a prometheus binary that has gone since it was set (`settings set`
    // refuses a missing one) must fail that check.
    peakWatch(['settings', 'set', 'stack.runtime', 'native', '--data-dir', dir]);
    const file = join(dir, 'settings.json');
    const saved = JSON.parse(await readFile(file, 'utf8')) as { stack: object };
    saved.stack = { ...saved.stack, prometheusBinary: '/nonexistent/prometheus' };
    await writeFile(file, JSON.stringify(saved));
    const r = peakWatch(['doctor', '--json', '--data-dir', dir]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      checks: { id: string; status: string; fix: string }[];
    };
    const ids = report.checks.map((c) => c.id);
    for (const id of [
      'docker-cli',
      'compose',
      'docker-engine',
      'prometheus-binary',
      'port-server',
      'port-prometheus',
      'port-grafana',
      'stack-files',
      'prom-client',
      'prometheus-ready',
      'scrape-target',
      'grafana',
    ]) {
      expect(ids).toContain(id);
    }
    const binary = report.checks.find((c) => c.id === 'prometheus-binary');
    expect(binary?.status).toBe('fail');
    expect(binary?.fix).not.toBe('');
    const table = peakWatch(['doctor', '--data-dir', dir]);
    expect(table.stdout).toMatch(/FAIL +Prometheus binary/);
  });
});
