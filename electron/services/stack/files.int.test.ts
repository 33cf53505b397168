import { compare } from 'bcryptjs';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATASOURCE_UID } from '../../../shared/dashboard';
import { serializeGrafanaDashboard } from '../../../shared/grafana-dashboard';
import { applySettingsPatch, defaultSettings, type SettingsPatch } from '../../../shared/settings';
import { runCommand } from '../exec';
import { PROMTOOL_BIN, requireBinary, skipWithout } from '../prometheus/testing';
import {
  STACK_PATHS,
  instanceTokenPath,
  renderComposeFile,
  renderPrometheusConfig,
  writeStackFiles,
  type StackFilesSecrets,
} from './files';

const PASSWORD = 'Grafana-Admin-Pw.9f3K2x';
const PROMETHEUS_PASSWORD = 'Prometheus-Pw.4hT7qZ';
const TOKEN = 'srv-token-7d1e0b5c2a';

function input(
  patch: SettingsPatch = {},
  over: Partial<StackFilesSecrets> = {},
): StackFilesSecrets {
  return {
    settings: applySettingsPatch(defaultSettings(), patch),
    platform: 'linux',
    grafanaPassword: PASSWORD,
    prometheusPassword: PROMETHEUS_PASSWORD,
    serverToken: null,
    ...over,
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

const mode = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peak-watch-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeStackFiles', () => {
  it('writes the whole self-contained folder, secrets private', async () => {
    const written = await writeStackFiles(dir, input({}, { serverToken: TOKEN }));
    expect(await listFiles(dir)).toEqual([...written.files].sort());
    expect(written.files).toEqual(expect.arrayContaining(Object.values(STACK_PATHS)));
    expect(written.changed.sort()).toEqual([...written.files].sort());
    expect(await mode(join(dir, '.env'))).toBe(0o600);
    // The token: its owner and the owner's group (which the container joins), nobody else.
    expect(await mode(join(dir, STACK_PATHS.serverToken))).toBe(0o640);
    expect(await mode(join(dir, 'prometheus', 'secrets'))).toBe(0o750);
    // The container's Prometheus (another user) must still read its config.
    expect(await mode(join(dir, 'prometheus'))).toBe(0o755);
    expect(await mode(join(dir, STACK_PATHS.prometheusConfig))).toBe(0o644);
    expect(await readFile(join(dir, '.env'), 'utf8')).toContain(
      `GF_SECURITY_ADMIN_PASSWORD=${PASSWORD}\n`,
    );
    expect(await readFile(join(dir, STACK_PATHS.serverToken), 'utf8')).toBe(TOKEN);
  });

  it('puts the Grafana password only in .env and the token only in its file', async () => {
    const written = await writeStackFiles(dir, input({}, { serverToken: TOKEN }));
    for (const file of written.files) {
      const text = await readFile(join(dir, file), 'utf8');
      expect(text.includes(PASSWORD), `password in ${file}`).toBe(file === STACK_PATHS.env);
      expect(text.includes(TOKEN), `token in ${file}`).toBe(file === STACK_PATHS.serverToken);
    }
  });

  it('puts the Prometheus password only in the copy it scrapes itself with; its web config holds the bcrypt hash', async () => {
    const written = await writeStackFiles(dir, input());
    for (const file of written.files) {
      const text = await readFile(join(dir, file), 'utf8');
      expect(text.includes(PROMETHEUS_PASSWORD), `Prometheus password in ${file}`).toBe(
        file === STACK_PATHS.prometheusPassword,
      );
    }
    expect(await mode(join(dir, STACK_PATHS.prometheusPassword))).toBe(0o640);
    const web = await readFile(join(dir, STACK_PATHS.prometheusWebConfig), 'utf8');
    const hash = /"peak-watch": "(\$2[aby]\$10\$[^"]+)"/.exec(web)?.[1] ?? '';
    expect(await compare(PROMETHEUS_PASSWORD, hash)).toBe(true);
    expect(await compare('another password', hash)).toBe(false);
    // Another password (a secret replaced by hand) gets a new hash; the same one keeps its file.
    expect((await writeStackFiles(dir, input())).changed).toEqual([]);
    const next = await writeStackFiles(
      dir,
      input({}, { prometheusPassword: 'Other-Pw.0123456789' }),
    );
    expect(next.changed.sort()).toEqual(
      [STACK_PATHS.prometheusPassword, STACK_PATHS.prometheusWebConfig].sort(),
    );
  });

  it('gives Grafana the Prometheus user and takes the password from its environment, anonymous access off', async () => {
    await writeStackFiles(dir, input());
    for (const path of [STACK_PATHS.grafanaDatasource, STACK_PATHS.grafanaNativeDatasource]) {
      const ds = await readFile(join(dir, path), 'utf8');
      expect(ds).toContain('    basicAuth: true\n');
      expect(ds).toContain('    basicAuthUser: "peak-watch"\n');
      // Grafana's documented provisioning interpolation, inside secureJsonData (stored encrypted).
      expect(ds).toContain(
        '    secureJsonData:\n      basicAuthPassword: "$__env{PEAK_WATCH_PROMETHEUS_PASSWORD}"\n',
      );
    }
    const compose = await readFile(join(dir, STACK_PATHS.compose), 'utf8');
    expect(compose).toContain('"--web.config.file=/etc/prometheus/web-config.yml"');
    // No value: compose passes it on from the environment it runs with.
    expect(compose).toMatch(/^ {6}PEAK_WATCH_PROMETHEUS_PASSWORD:$/m);
    expect(compose).toContain('GF_AUTH_ANONYMOUS_ENABLED: "false"');
  });

  it('rewrites nothing when nothing changed', async () => {
    await writeStackFiles(dir, input());
    const before = await stat(join(dir, STACK_PATHS.prometheusConfig));
    const again = await writeStackFiles(dir, input());
    expect(again.changed).toEqual([]);
    expect(again.prometheusConfigChanged).toBe(false);
    expect(again.composeChanged).toBe(false);
    expect((await stat(join(dir, STACK_PATHS.prometheusConfig))).ino).toBe(before.ino);
  });

  it('reports a scrape change as a Prometheus config change, not a compose change', async () => {
    await writeStackFiles(dir, input());
    const next = await writeStackFiles(dir, input({ stack: { scrapeIntervalSeconds: 5 } }));
    expect(next.prometheusConfigChanged).toBe(true);
    expect(next.composeChanged).toBe(false);
    expect(next.changed).toContain(STACK_PATHS.prometheusConfig);
    expect(await readFile(join(dir, STACK_PATHS.prometheusConfig), 'utf8')).toContain(
      'scrape_interval: 5s',
    );
  });

  it('adding or removing a token-less instance rewrites only the instances files: no reload', async () => {
    await writeStackFiles(dir, input());
    const instances = [{ target: '127.0.0.1:8000', tokenFile: '' }];
    const added = await writeStackFiles(dir, input({ stack: { instances } }));
    expect(added.changed.sort()).toEqual([STACK_PATHS.instancesNative, STACK_PATHS.instances]);
    expect(added.prometheusConfigChanged).toBe(false);
    const removed = await writeStackFiles(dir, input());
    expect(removed.changed.sort()).toEqual([STACK_PATHS.instancesNative, STACK_PATHS.instances]);
    expect(removed.prometheusConfigChanged).toBe(false);
  });

  it('adding a token file is a config change; removing it deletes its copy', async () => {
    const token = join(dir, 'app.token');
    await writeFile(token, 'secret-app-token');
    await writeStackFiles(dir, input());
    const instances = [{ target: '127.0.0.1:8000', tokenFile: token }];
    const added = await writeStackFiles(dir, input({ stack: { instances } }));
    expect(added.prometheusConfigChanged).toBe(true);
    expect(added.changed).toContain(instanceTokenPath(token));
    const removed = await writeStackFiles(dir, input());
    expect(removed.changed).toContain(instanceTokenPath(token));
    expect(existsSync(join(dir, instanceTokenPath(token)))).toBe(false);
    // The token is in no generated file but its copy (gone now).
    for (const f of await listFiles(dir)) {
      if (f === 'app.token') continue;
      expect(await readFile(join(dir, f), 'utf8'), f).not.toContain('secret-app-token');
    }
  });

  it('reports a port change as a compose change', async () => {
    await writeStackFiles(dir, input());
    const next = await writeStackFiles(dir, input({ stack: { prometheusPort: 9555 } }));
    expect(next.composeChanged).toBe(true);
    expect(await readFile(join(dir, 'compose.yml'), 'utf8')).toContain('127.0.0.1:9555');
  });

  it('removes the token file when the server is back on loopback', async () => {
    await writeStackFiles(dir, input({}, { serverToken: TOKEN }));
    const next = await writeStackFiles(dir, input());
    expect(existsSync(join(dir, STACK_PATHS.serverToken))).toBe(false);
    expect(next.changed).toContain(STACK_PATHS.serverToken);
    expect(next.prometheusConfigChanged).toBe(true);
    expect(await readFile(join(dir, STACK_PATHS.prometheusConfig), 'utf8')).not.toContain(
      'authorization',
    );
  });

  it('restores a private mode someone loosened, without rewriting', async () => {
    await writeStackFiles(dir, input());
    await chmod(join(dir, '.env'), 0o644);
    const again = await writeStackFiles(dir, input());
    expect(again.changed).toEqual([]);
    expect(await mode(join(dir, '.env'))).toBe(0o600);
  });

  it('refuses a password compose would mangle, writing nothing', async () => {
    await expect(
      writeStackFiles(dir, input({}, { grafanaPassword: 'pa$$ word#1' })),
    ).rejects.toThrow(/Grafana admin password/);
    expect(await listFiles(dir)).toEqual([]);
  });

  it('provisions the dashboard and a datasource under the uid the dashboard uses', async () => {
    await writeStackFiles(dir, input());
    expect(await readFile(join(dir, STACK_PATHS.dashboard), 'utf8')).toBe(
      serializeGrafanaDashboard(),
    );
    const ds = await readFile(join(dir, STACK_PATHS.grafanaDatasource), 'utf8');
    expect(ds).toContain(`uid: "${DATASOURCE_UID}"`);
    expect(ds).toContain('url: "http://127.0.0.1:9091"');
    const provider = await readFile(join(dir, STACK_PATHS.grafanaNativeProvider), 'utf8');
    expect(provider).toContain(JSON.stringify(join(dir, 'grafana', 'dashboards')));
  });
});

describe('rendered variants', () => {
  it('Linux: host networking, loopback listen addresses, scrape 127.0.0.1', () => {
    const compose = renderComposeFile(input({ server: { port: 8123 } }));
    expect(compose).toContain('network_mode: host');
    expect(compose).toContain('"--web.listen-address=127.0.0.1:9091"');
    expect(compose).toContain('GF_SERVER_HTTP_ADDR: "127.0.0.1"');
    expect(compose).toContain('GF_SERVER_HTTP_PORT: "3000"');
    expect(compose).not.toContain('ports:');
    expect(compose).not.toMatch(/^name:|^version:/m);
    const prom = renderPrometheusConfig(input({ server: { port: 8123 } }), { forContainer: true });
    expect(prom).toContain('targets: ["127.0.0.1:8123"]');
  });

  it('macOS and Windows: loopback-only port mappings and host.docker.internal', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const i = input(
        { stack: { extraTargets: ['localhost:9100', '10.1.2.3:9100'] } },
        { platform },
      );
      const compose = renderComposeFile(i);
      expect(compose).not.toContain('network_mode');
      expect(compose).toContain('- "127.0.0.1:9091:9090"');
      expect(compose).toContain('- "127.0.0.1:3000:3000"');
      expect(compose).toContain('- "host.docker.internal:host-gateway"');
      const prom = renderPrometheusConfig(i, { forContainer: true });
      expect(prom).toContain('targets: ["host.docker.internal:8000"]');
      expect(prom).toContain('targets: ["host.docker.internal:9100", "10.1.2.3:9100"]');
      // The native variant runs on the host itself.
      const native = renderPrometheusConfig(i, { forContainer: false, filesDir: dir });
      expect(native).toContain('targets: ["127.0.0.1:8000"]');
    }
  });

  it('pins the images from settings and keeps data in named volumes', () => {
    const compose = renderComposeFile(input({ stack: { grafanaImage: 'grafana/grafana:11.6.0' } }));
    expect(compose).toContain('image: "grafana/grafana:11.6.0"');
    expect(compose).toContain('image: "prom/prometheus:v3.5.0"');
    expect(compose).toContain('"prometheus-data:/prometheus"');
    expect(compose).toContain('"grafana-data:/var/lib/grafana"');
    // No lifecycle API (any web page could POST /-/quit) and no CORS grant to any origin.
    expect(compose).not.toContain('--web.enable-lifecycle');
    expect(compose).toContain('"--web.cors.origin=[^\\\\s\\\\S]"');
    expect(compose).toContain('GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES: "false"');
    expect(compose).toContain('GF_SECURITY_COOKIE_SAMESITE: "strict"');
    expect(compose.match(/restart: unless-stopped/g)).toHaveLength(2);
  });
});

describe.skipIf(skipWithout(PROMTOOL_BIN))('promtool accepts the generated configs', () => {
  const cases: [string, StackFilesSecrets][] = [
    ['linux, loopback', input()],
    [
      'linux, token + extras',
      input({ stack: { extraTargets: ['127.0.0.1:9100'] } }, { serverToken: TOKEN }),
    ],
    [
      'darwin, token',
      input({ server: { host: '0.0.0.0' } }, { platform: 'darwin', serverToken: TOKEN }),
    ],
  ];
  for (const [name, i] of cases) {
    it(name, async () => {
      requireBinary(PROMTOOL_BIN);
      await writeStackFiles(dir, i);
      for (const file of [STACK_PATHS.prometheusConfig, STACK_PATHS.prometheusNativeConfig]) {
        // promtool also checks that the credentials file exists: the container variant's relative
        // path resolves next to the config, as it does inside the container.
        const { stdout } = await runCommand(PROMTOOL_BIN, ['check', 'config', join(dir, file)]);
        expect(stdout).toContain('SUCCESS');
      }
    });
  }

  it('the web config, and refuses one whose hash is not bcrypt (the check can fail)', async () => {
    requireBinary(PROMTOOL_BIN);
    await writeStackFiles(dir, input());
    const file = join(dir, STACK_PATHS.prometheusWebConfig);
    const { stdout, stderr } = await runCommand(PROMTOOL_BIN, ['check', 'web-config', file]);
    expect(stdout + stderr).toContain('SUCCESS');
    await writeFile(file, 'basic_auth_users:\n  "peak-watch": "not-a-hash"\n');
    await expect(runCommand(PROMTOOL_BIN, ['check', 'web-config', file])).rejects.toThrow();
  });

  for (const platform of ['linux', 'darwin'] as const) {
    it(`${platform}, instances with and without token files, a job with a $ in it`, async () => {
      requireBinary(PROMTOOL_BIN);
      const tokens = await mkdtemp(join(tmpdir(), 'peak-watch-tokens-'));
      try {
        const [a, b] = [join(tokens, 'a.token'), join(tokens, 'b.token')];
        await writeFile(a, 'token-a\n');
        await writeFile(b, 'token-b\n');
        const written = await writeStackFiles(
          dir,
          input(
            {
              source: { job: 'team$1 app' },
              stack: {
                instances: [
                  { target: '127.0.0.1:8000', tokenFile: '' },
                  { target: 'localhost:8001', tokenFile: a },
                  { target: '127.0.0.1:8002', tokenFile: a },
                  { target: 'app.example.org:8003', tokenFile: b },
                ],
              },
            },
            { platform, serverToken: TOKEN },
          ),
        );
        expect(written.warnings).toEqual([]);
        for (const file of [STACK_PATHS.prometheusConfig, STACK_PATHS.prometheusNativeConfig]) {
          const { stdout } = await runCommand(PROMTOOL_BIN, ['check', 'config', join(dir, file)]);
          expect(stdout, file).toContain('SUCCESS');
          const text = await readFile(join(dir, file), 'utf8');
          // The app's job, the instances' file_sd config and one config per token file.
          expect(text.match(/replacement: "team\$\$1 app"/g), file).toHaveLength(4);
        }
        const native = await readFile(join(dir, STACK_PATHS.prometheusNativeConfig), 'utf8');
        expect(native).toContain(`credentials_file: ${JSON.stringify(a)}`);
        const container = await readFile(join(dir, STACK_PATHS.prometheusConfig), 'utf8');
        expect(container).toContain(
          `credentials_file: "${instanceTokenPath(a).slice('prometheus/'.length)}"`,
        );
        expect(await readFile(join(dir, instanceTokenPath(b)), 'utf8')).toBe('token-b\n');
        expect(await mode(join(dir, instanceTokenPath(b)))).toBe(0o640);
        const sd: unknown = JSON.parse(await readFile(join(dir, STACK_PATHS.instances), 'utf8'));
        expect(sd).toEqual([
          {
            targets: [platform === 'linux' ? '127.0.0.1:8000' : 'host.docker.internal:8000'],
            labels: {},
          },
        ]);
        const nativeSd: unknown = JSON.parse(
          await readFile(join(dir, STACK_PATHS.instancesNative), 'utf8'),
        );
        expect(nativeSd).toEqual([{ targets: ['127.0.0.1:8000'], labels: {} }]);
      } finally {
        await rm(tokens, { recursive: true, force: true });
      }
    });
  }

  it('an unreadable token file: a warning, its instance left out of the container config, the rest checked clean', async () => {
    requireBinary(PROMTOOL_BIN);
    const missing = join(dir, 'no-such.token');
    const written = await writeStackFiles(
      dir,
      input({
        stack: {
          instances: [
            { target: '127.0.0.1:8000', tokenFile: '' },
            { target: '127.0.0.1:8001', tokenFile: missing },
          ],
        },
      }),
    );
    expect(written.warnings.join('\n')).toMatch(/token file .*no-such\.token.*127\.0\.0\.1:8001/);
    const file = join(dir, STACK_PATHS.prometheusConfig);
    expect(await readFile(file, 'utf8')).not.toContain('127.0.0.1:8001');
    const { stdout } = await runCommand(PROMTOOL_BIN, ['check', 'config', file]);
    expect(stdout).toContain('SUCCESS');
  });

  it('rejects a config with a broken credentials path (the check can fail)', async () => {
    requireBinary(PROMTOOL_BIN);
    await writeStackFiles(dir, input({}, { serverToken: TOKEN }));
    await rm(join(dir, STACK_PATHS.serverToken));
    await expect(
      runCommand(PROMTOOL_BIN, ['check', 'config', join(dir, STACK_PATHS.prometheusConfig)]),
    ).rejects.toThrow(/server-token/);
  });
});

describe.skipIf(skipWithout('/usr/bin/docker-compose'))(
  'docker-compose v1 accepts the compose file',
  () => {
    for (const platform of ['linux', 'darwin'] as const) {
      it(platform, async () => {
        requireBinary('/usr/bin/docker-compose');
        await writeStackFiles(dir, input({}, { platform }));
        const { stdout } = await runCommand(
          '/usr/bin/docker-compose',
          ['-p', 'peak-watch', 'config'],
          {
            cwd: dir,
            timeoutMs: 30_000,
          },
        );
        expect(stdout).toContain('prometheus-data');
        expect(stdout).toContain(`GF_SECURITY_ADMIN_PASSWORD: ${PASSWORD}`);
        // env_file is read by compose: the password lands in the container env, not the file.
        expect(await readFile(join(dir, 'compose.yml'), 'utf8')).not.toContain(PASSWORD);
        expect(stdout).toContain('--web.config.file=/etc/prometheus/web-config.yml');
        // Exemplar storage: the trace ids on the server's latency buckets (docs/TELEMETRY.md).
        expect(stdout).toContain('--enable-feature=exemplar-storage');
      });
    }
  },
);
