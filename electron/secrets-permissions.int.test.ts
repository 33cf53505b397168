// Secrets in the data folder as another user on the machine would meet them, through the built
// `peak-watch` (node bin/peak-watch.mjs): a secret file or its folder left readable by others is
// narrowed back to 0600/0700 and `doctor` says so; a secret (or the secrets folder) that is a
// symbolic link is refused with a sentence and never followed into stack/.env.
import { spawnSync } from 'node:child_process';
import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  rename,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildOutput } from './build-output';

const bin = join(buildOutput.root, 'bin', 'peak-watch.mjs');

function peakWatch(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, PEAK_WATCH_DATA_DIR: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Check {
  id: string;
  status: string;
  observed: string;
  fix: string;
}

function doctorCheck(dataDir: string): Check | undefined {
  const r = peakWatch(['doctor', '--json', '--data-dir', dataDir]);
  const report = JSON.parse(r.stdout) as { checks: Check[] };
  return report.checks.find((c) => c.id === 'secrets');
}

const mode = async (path: string): Promise<string> =>
  ((await stat(path)).mode & 0o777).toString(8).padStart(4, '0');

let dataDir: string;
let secretsDir: string;
let password: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pw-secrets-'));
  secretsDir = join(dataDir, 'secrets');
  // Writing the stack files generates the Grafana admin password (and the secrets folder).
  const r = peakWatch(['stack', 'files', '--dir', join(dataDir, 'first'), '--data-dir', dataDir]);
  expect(r.code, r.stderr).toBe(0);
  password = (await readFile(join(secretsDir, 'grafana-admin-password'), 'utf8')).trim();
  expect(password).not.toBe('');
});

describe('secret modes', () => {
  it('doctor reports private secrets as ok', async () => {
    expect(await mode(secretsDir)).toBe('0700');
    const check = doctorCheck(dataDir);
    expect(check).toMatchObject({ status: 'ok' });
  });

  it('a secret left 0644 is narrowed to 0600 and doctor reports it with a fix sentence', async () => {
    const file = join(secretsDir, 'grafana-admin-password');
    await chmod(file, 0o644);
    const check = doctorCheck(dataDir);
    expect(check?.status).toBe('warn');
    expect(check?.observed).toMatch(/grafana-admin-password was 0644.*now 0600/);
    expect(check?.fix).not.toBe('');
    expect(await mode(file)).toBe('0600');
    // Fixed once, it stays fixed: the next doctor has nothing to report.
    expect(doctorCheck(dataDir)?.status).toBe('ok');
  });

  it('a secrets folder left 0755 is narrowed to 0700 and doctor reports it', async () => {
    await chmod(secretsDir, 0o755);
    const check = doctorCheck(dataDir);
    expect(check?.status).toBe('warn');
    expect(check?.observed).toMatch(/secrets was 0755.*now 0700/);
    expect(await mode(secretsDir)).toBe('0700');
  });

  it('reading a secret for the stack narrows a wide one too (no doctor needed)', async () => {
    const file = join(secretsDir, 'grafana-admin-password');
    await chmod(file, 0o664);
    await chmod(secretsDir, 0o777);
    const r = peakWatch(['stack', 'files', '--dir', join(dataDir, 'again'), '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    expect(await mode(file)).toBe('0600');
    expect(await mode(secretsDir)).toBe('0700');
  });
});

describe('symbolic links are refused, never followed', () => {
  it('a symlinked secret: stack files fails with a sentence and copies nothing of its target', async () => {
    const theirs = join(dataDir, 'someone-elses-file');
    await writeFile(theirs, 'THEIR-PRIVATE-TEXT\n', { mode: 0o644 });
    const file = join(secretsDir, 'grafana-admin-password');
    await rename(file, join(dataDir, 'kept'));
    await symlink(theirs, file);
    const out = join(dataDir, 'out');
    const r = peakWatch(['stack', 'files', '--dir', out, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/grafana-admin-password is a symbolic link/);
    expect(r.stderr).toMatch(/fix: .*rm /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const env = await readFile(join(out, '.env'), 'utf8').catch(() => '');
    expect(env).not.toMatch(/THEIR-PRIVATE-TEXT/);
    // The target is left as it was: no chmod through the link.
    expect(await mode(theirs)).toBe('0644');
    const check = doctorCheck(dataDir);
    expect(check?.status).toBe('fail');
    expect(check?.observed).toMatch(/grafana-admin-password is a symbolic link/);
  });

  it('a symlinked secrets folder is refused the same way', async () => {
    const elsewhere = join(dataDir, 'elsewhere');
    await mkdir(elsewhere, { mode: 0o755 });
    await writeFile(join(elsewhere, 'grafana-admin-password'), 'THEIR-PRIVATE-TEXT\n');
    await rename(secretsDir, join(dataDir, 'old-secrets'));
    await symlink(elsewhere, secretsDir);
    const out = join(dataDir, 'out');
    const r = peakWatch(['stack', 'files', '--dir', out, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/secrets is a symbolic link/);
    const env = await readFile(join(out, '.env'), 'utf8').catch(() => '');
    expect(env).not.toMatch(/THEIR-PRIVATE-TEXT/);
    expect(await mode(elsewhere)).toBe('0755');
    expect(doctorCheck(dataDir)?.status).toBe('fail');
  });
});
