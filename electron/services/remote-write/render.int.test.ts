// The long-term storage and Grafana-follows-the-source parts of the stack's files: remote_write
// with secrets in files Prometheus reads, retention flags, and the datasource for an existing
// source — rendered, written, and checked by the real promtool.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings, type SettingsPatch } from '../../../shared/settings';
import { runCommand } from '../exec';
import { PROMTOOL_BIN, requireBinary, skipWithout } from '../prometheus/testing';
import {
  STACK_PATHS,
  renderComposeFile,
  renderGrafanaDatasource,
  renderPrometheusConfig,
  writeStackFiles,
  type StackFilesSecrets,
} from '../stack/files';

const BASIC_SECRET = 'Receiver-Pw.7Yq2-basic';
const BEARER_SECRET = 'Receiver-Token.Zx81-bearer';
const RECEIVERS: SettingsPatch = {
  stack: {
    remoteWrite: [
      { id: 'aaaa1111', url: 'http://127.0.0.1:8428/api/v1/write', auth: 'none', user: '' },
      { id: 'bbbb2222', url: 'https://vm.example.org/api/v1/write', auth: 'basic', user: 'ann' },
      { id: 'cccc3333', url: 'http://[::1]:9009/api/v1/push', auth: 'bearer', user: '' },
    ],
  },
};

let dir = '';
let secretsDir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peak-watch-rw-'));
  secretsDir = join(dir, 'data-secrets');
  await mkdir(secretsDir, { mode: 0o700 });
  await writeFile(join(secretsDir, 'remote-write-bbbb2222'), BASIC_SECRET + '\n', { mode: 0o600 });
  await writeFile(join(secretsDir, 'remote-write-cccc3333'), BEARER_SECRET + '\n', {
    mode: 0o600,
  });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function input(patch: SettingsPatch, over: Partial<StackFilesSecrets> = {}): StackFilesSecrets {
  return {
    settings: applySettingsPatch(defaultSettings(), patch),
    platform: 'linux',
    grafanaPassword: 'Grafana-Admin-Pw.9f3K2x',
    prometheusPassword: 'Prometheus-Pw.4hT7qZ',
    serverToken: null,
    secretsDir,
    remoteWriteSecrets: { bbbb2222: BASIC_SECRET, cccc3333: BEARER_SECRET },
    ...over,
  };
}

const mode = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;

describe('remote_write in prometheus.yml', () => {
  it('native: each receiver named by its id, secrets read from the data folder', () => {
    const yml = renderPrometheusConfig(input(RECEIVERS), { forContainer: false, filesDir: dir });
    const section = yml.slice(yml.indexOf('remote_write:'));
    expect(section).toBe(
      [
        'remote_write:',
        '  - url: "http://127.0.0.1:8428/api/v1/write"',
        '    name: "aaaa1111"',
        '  - url: "https://vm.example.org/api/v1/write"',
        '    name: "bbbb2222"',
        '    basic_auth:',
        '      username: "ann"',
        `      password_file: ${JSON.stringify(join(secretsDir, 'remote-write-bbbb2222'))}`,
        '  - url: "http://[::1]:9009/api/v1/push"',
        '    name: "cccc3333"',
        '    authorization:',
        '      type: "Bearer"',
        `      credentials_file: ${JSON.stringify(join(secretsDir, 'remote-write-cccc3333'))}`,
        '',
      ].join('\n'),
    );
  });

  it('Docker Desktop: loopback receivers are the host; secrets are the mounted copies', () => {
    const yml = renderPrometheusConfig(input(RECEIVERS, { platform: 'darwin' }), {
      forContainer: true,
    });
    expect(yml).toContain('  - url: "http://host.docker.internal:8428/api/v1/write"');
    expect(yml).toContain('  - url: "http://host.docker.internal:9009/api/v1/push"');
    expect(yml).toContain('  - url: "https://vm.example.org/api/v1/write"');
    expect(yml).toContain('      password_file: "secrets/remote-write-bbbb2222"');
    expect(yml).toContain('      credentials_file: "secrets/remote-write-cccc3333"');
  });

  it('has no remote_write without receivers', () => {
    const yml = renderPrometheusConfig(input({}), { forContainer: true });
    expect(yml).not.toContain('remote_write');
  });

  it('writes each secret only into its 0640 copy, and removes the copy with the receiver', async () => {
    const written = await writeStackFiles(dir, input(RECEIVERS));
    expect(written.prometheusConfigChanged).toBe(true);
    for (const file of written.files) {
      const text = await readFile(join(dir, file), 'utf8');
      expect(text.includes(BASIC_SECRET), `basic secret in ${file}`).toBe(
        file === 'prometheus/secrets/remote-write-bbbb2222',
      );
      expect(text.includes(BEARER_SECRET), `bearer secret in ${file}`).toBe(
        file === 'prometheus/secrets/remote-write-cccc3333',
      );
    }
    expect(await mode(join(dir, 'prometheus/secrets/remote-write-bbbb2222'))).toBe(0o640);
    // No receiver needs the unauthenticated one's secret.
    expect(written.files).not.toContain('prometheus/secrets/remote-write-aaaa1111');

    const fewer = input({
      stack: { remoteWrite: RECEIVERS.stack?.remoteWrite?.slice(0, 2) ?? [] },
    });
    const next = await writeStackFiles(dir, fewer);
    expect(next.changed).toContain('prometheus/secrets/remote-write-cccc3333');
    await expect(stat(join(dir, 'prometheus/secrets/remote-write-cccc3333'))).rejects.toThrow(
      /ENOENT/,
    );
    expect(await readFile(join(dir, 'prometheus/secrets/remote-write-bbbb2222'), 'utf8')).toBe(
      BASIC_SECRET,
    );
  });
});

describe('retention', () => {
  it('is a command-line flag of the compose service; size only when set', () => {
    const plain = renderComposeFile(input({}));
    expect(plain).toContain('      - "--storage.tsdb.retention.time=15d"\n');
    expect(plain).not.toContain('retention.size');
    const sized = renderComposeFile(
      input({ stack: { retentionTime: '12w', retentionSize: '10GB' } }),
    );
    expect(sized).toContain('      - "--storage.tsdb.retention.time=12w"\n');
    expect(sized).toContain('      - "--storage.tsdb.retention.size=10GB"\n');
  });
});

const EXISTING = (over: NonNullable<SettingsPatch['source']>): SettingsPatch => ({
  source: { kind: 'existing', url: 'http://127.0.0.1:9090/prometheus', ...over },
});

describe('Grafana follows the source', () => {
  it('basic auth: the user, and the password from the environment only', () => {
    const i = input(EXISTING({ auth: 'basic', user: 'alice' }));
    const ds = renderGrafanaDatasource(i, { forContainer: false });
    expect(ds).toContain('    url: "http://127.0.0.1:9090/prometheus"\n');
    expect(ds).toContain('    basicAuth: true\n    basicAuthUser: "alice"\n');
    expect(ds).toContain(
      '    secureJsonData:\n      basicAuthPassword: "$__env{PEAK_WATCH_SOURCE_CREDENTIAL}"\n',
    );
    expect(ds).not.toContain('peak-watch"');
  });

  it('bearer: an Authorization header whose value comes from the environment', () => {
    const ds = renderGrafanaDatasource(input(EXISTING({ auth: 'bearer' })), {
      forContainer: false,
    });
    expect(ds).toContain('      httpHeaderName1: "Authorization"\n');
    expect(ds).toContain('      httpHeaderValue1: "Bearer $__env{PEAK_WATCH_SOURCE_CREDENTIAL}"\n');
    expect(ds).not.toContain('basicAuth');
  });

  it('no auth: no credential at all', () => {
    const ds = renderGrafanaDatasource(input(EXISTING({ auth: 'none' })), { forContainer: true });
    expect(ds).not.toContain('secureJsonData');
    expect(ds).not.toContain('basicAuth');
    expect(ds).toContain('    url: "http://127.0.0.1:9090/prometheus"\n');
  });

  it('a CA file and skip-verify; a Docker Desktop container reaches a loopback source by name', () => {
    const patch = EXISTING({ auth: 'none', caFile: '/etc/ssl/team-ca.pem', skipTlsVerify: true });
    const native = renderGrafanaDatasource(input(patch), { forContainer: false });
    expect(native).toContain('      tlsAuthWithCACert: true\n');
    expect(native).toContain('      tlsSkipVerify: true\n');
    expect(native).toContain('      tlsCACert: "$__file{/etc/ssl/team-ca.pem}"\n');
    const desktop = renderGrafanaDatasource(input(patch, { platform: 'darwin' }), {
      forContainer: true,
    });
    expect(desktop).toContain('    url: "http://host.docker.internal:9090/prometheus"\n');
    expect(desktop).toContain('      tlsCACert: "$__file{/etc/grafana/source-ca.pem}"\n');
    const compose = renderComposeFile(input(patch, { platform: 'darwin' }));
    expect(compose).toContain('      - "/etc/ssl/team-ca.pem:/etc/grafana/source-ca.pem:ro"\n');
    // Both services reach the host by that name, Grafana for the source.
    expect(compose.match(/host\.docker\.internal:host-gateway/g)).toHaveLength(2);
    // Linux's host network keeps loopback as it is.
    const linux = renderGrafanaDatasource(input(patch), { forContainer: true });
    expect(linux).toContain('    url: "http://127.0.0.1:9090/prometheus"\n');
  });

  it('compose passes the credential through from its environment, never with a value', () => {
    const compose = renderComposeFile(input(EXISTING({ auth: 'basic', user: 'alice' })));
    expect(compose).toMatch(/^ {6}PEAK_WATCH_SOURCE_CREDENTIAL:$/m);
  });

  it('managed: the stack Prometheus, as before', () => {
    const ds = renderGrafanaDatasource(input({}), { forContainer: false });
    expect(ds).toContain('    basicAuthUser: "peak-watch"\n');
    expect(ds).not.toContain('SOURCE_CREDENTIAL');
  });
});

describe.skipIf(skipWithout(PROMTOOL_BIN))('promtool accepts remote_write', () => {
  for (const platform of ['linux', 'darwin'] as const) {
    it(platform, async () => {
      requireBinary(PROMTOOL_BIN);
      await writeStackFiles(dir, input(RECEIVERS, { platform }));
      for (const file of [STACK_PATHS.prometheusConfig, STACK_PATHS.prometheusNativeConfig]) {
        const { stdout } = await runCommand(PROMTOOL_BIN, ['check', 'config', join(dir, file)]);
        expect(stdout).toContain('SUCCESS');
      }
    });
  }

  it('rejects two receivers of one name, which ids prevent (the check can fail)', async () => {
    requireBinary(PROMTOOL_BIN);
    await writeStackFiles(dir, input(RECEIVERS));
    const file = join(dir, STACK_PATHS.prometheusConfig);
    const yml = await readFile(file, 'utf8');
    await writeFile(file, yml.replace('name: "cccc3333"', 'name: "bbbb2222"'));
    await expect(runCommand(PROMTOOL_BIN, ['check', 'config', file])).rejects.toThrow(
      /multiple remote write configs/,
    );
  });
});

describe.skipIf(skipWithout('/usr/bin/docker-compose'))(
  'docker-compose v1 accepts the compose file with retention and a source CA file',
  () => {
    it('darwin', async () => {
      requireBinary('/usr/bin/docker-compose');
      const patch: SettingsPatch = {
        ...RECEIVERS,
        ...EXISTING({ auth: 'basic', user: 'alice', caFile: '/etc/ssl/team-ca.pem' }),
        stack: { ...RECEIVERS.stack, retentionTime: '12w', retentionSize: '10GB' },
      };
      await writeStackFiles(dir, input(patch, { platform: 'darwin' }));
      const { stdout } = await runCommand('/usr/bin/docker-compose', ['-p', 'pw', 'config'], {
        cwd: dir,
        timeoutMs: 30_000,
        env: { ...process.env, PEAK_WATCH_SOURCE_CREDENTIAL: 'Src-Cred.x9' },
      });
      expect(stdout).toContain('--storage.tsdb.retention.size=10GB');
      expect(stdout).toContain('/etc/grafana/source-ca.pem');
      // Passed through from the environment compose runs with, not from a file.
      expect(stdout).toContain('PEAK_WATCH_SOURCE_CREDENTIAL: Src-Cred.x9');
      expect(await readFile(join(dir, STACK_PATHS.compose), 'utf8')).not.toContain('Src-Cred.x9');
    });
  },
);
