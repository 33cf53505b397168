import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findGrafanaHome, findOnPath, locateBinary, parseVersion } from './binaries';
import { parseDotEnv } from './grafana';

// Recorded `--version` output of the programs the native runtime meets.
const PROMETHEUS_DEBIAN = `prometheus, version 2.42.0+ds (branch: debian/sid, revision: 2.42.0+ds-5+deb12u1)
  build user:       team+pkg-go@tracker.debian.org
  build date:       20240610-13:44:39
  go version:       go1.19.8
  platform:         linux/amd64
`;
const PROMETHEUS_3 = `prometheus, version 3.5.0 (branch: HEAD, revision: 8be3a9560fbdd18a94dedec4b747c35178177202)
  build user:       root@4451b64cb451
  go version:       go1.24.5
`;
const GRAFANA_CLI = 'grafana version 11.2.0\n';
const GRAFANA_SERVER = 'Version 9.5.2 (commit: cfcea75916, branch: HEAD)\n';

describe('parseVersion', () => {
  it('reads Debian, upstream and Grafana version lines', () => {
    expect(parseVersion(PROMETHEUS_DEBIAN)).toBe('2.42.0');
    expect(parseVersion(PROMETHEUS_3)).toBe('3.5.0');
    expect(parseVersion(GRAFANA_CLI)).toBe('11.2.0');
    expect(parseVersion(GRAFANA_SERVER)).toBe('9.5.2');
    expect(parseVersion('prometheus, version 3.0.0-rc.1 (branch: HEAD)')).toBe('3.0.0-rc.1');
  });

  it('returns null for output without a version', () => {
    expect(parseVersion('usage: something --help')).toBeNull();
    expect(parseVersion('')).toBeNull();
  });
});

describe('finding binaries', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'peak-watch-bin-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function executable(path: string): Promise<string> {
    await writeFile(path, '#!/bin/sh\n');
    await chmod(path, 0o755);
    return path;
  }

  it('finds the first executable name on PATH, skipping non-executables', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await mkdir(a);
    await mkdir(b);
    await writeFile(join(a, 'grafana'), 'not executable');
    const server = await executable(join(b, 'grafana-server'));
    expect(findOnPath(['grafana', 'grafana-server'], { PATH: `${a}:${b}` })).toBe(server);
    expect(findOnPath(['prometheus'], { PATH: `${a}:${b}` })).toBeNull();
  });

  it('prefers a configured path, and says when it does not exist', async () => {
    const configured = await executable(join(dir, 'my-prometheus'));
    expect(locateBinary(configured, ['prometheus'], { PATH: '' })).toEqual({
      found: true,
      path: configured,
    });
    expect(locateBinary(join(dir, 'gone'), ['prometheus'], { PATH: '' })).toEqual({
      found: false,
      why: `the configured binary ${join(dir, 'gone')} does not exist or is not executable`,
    });
    expect(locateBinary('', ['prometheus'], { PATH: dir })).toEqual({
      found: false,
      why: 'no prometheus on PATH',
    });
  });

  it("finds Grafana's home folder next to a tarball's bin/", async () => {
    const bin = await (async () => {
      await mkdir(join(dir, 'grafana-11', 'bin'), { recursive: true });
      await mkdir(join(dir, 'grafana-11', 'conf'));
      await writeFile(join(dir, 'grafana-11', 'conf', 'defaults.ini'), '');
      return executable(join(dir, 'grafana-11', 'bin', 'grafana'));
    })();
    expect(findGrafanaHome(bin, {})).toBe(join(dir, 'grafana-11'));
    // GF_PATHS_HOME wins, as it does for Grafana itself.
    const elsewhere = join(dir, 'x', 'bin', 'grafana');
    expect(findGrafanaHome(elsewhere, { GF_PATHS_HOME: join(dir, 'grafana-11') })).toBe(
      join(dir, 'grafana-11'),
    );
  });
});

describe('parseDotEnv', () => {
  it('reads KEY=VALUE lines and skips comments', () => {
    expect(parseDotEnv('# comment\nGF_SECURITY_ADMIN_PASSWORD=a.b-c=d\n\nX=\n')).toEqual({
      GF_SECURITY_ADMIN_PASSWORD: 'a.b-c=d',
      X: '',
    });
  });
});
