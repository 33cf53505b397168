// The full profile's files, written into a temp folder from settings with profile full, checked
// by every offline check that exists here:
// - compose.yml: the real `docker-compose config` (Compose v1, /usr/bin/docker-compose), which
//   parses, validates against the compose schema and resolves the file as `up` would;
// - prometheus/prometheus.yml (with the Collector's scrape job): the real `promtool check config`;
// - the Collector's, Tempo's and Loki's configs and Grafana's datasources: YAML parse and their
//   structure (full-profile.test.ts checks the wiring between them).
// Not run, because the binary is in no package or registry reachable here (docs/ENVIRONMENT.md):
// `otelcol-contrib validate --config`, `tempo -config.verify` and `loki -verify-config`; Grafana's
// provisioning is read only by Grafana. So these configs were never loaded by the programs
// they are for on our machines; preflight says so (preflight-full-stack.ts).
//
// The preflight check runs against the real Docker engine's `docker image inspect`.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dockerTestPrerequisite, skipUnlessCi } from '../../../../e2e/support/docker-stack';
import {
  applySettingsPatch,
  defaultSettings,
  type SettingsPatch,
} from '../../../../shared/settings';
import { runCommand } from '../../exec';
import { NEVER_STARTED, fullStackCheck } from '../../preflight-full-stack';
import { PROMTOOL_BIN, requireBinary, skipWithout } from '../../prometheus/testing';
import { ComposeRuntime } from '../compose/compose';
import { STACK_PATHS, writeStackFiles, type StackFilesSecrets } from '../files';
import { FULL_STACK_IMAGES, FULL_STACK_PATHS } from './profile';

const COMPOSE_V1 = '/usr/bin/docker-compose';
const GRAFANA_PASSWORD = 'Grafana-Admin-Pw.9f3K2x';

function input(platform: NodeJS.Platform, patch: SettingsPatch = {}): StackFilesSecrets {
  return {
    settings: applySettingsPatch(defaultSettings(), {
      ...patch,
      stack: { profile: 'full', ...patch.stack },
    }),
    platform,
    grafanaPassword: GRAFANA_PASSWORD,
    prometheusPassword: 'Prometheus-Pw.4hT7qZ',
    serverToken: null,
  };
}

const composeConfig = (dir: string, ...args: string[]) =>
  runCommand(COMPOSE_V1, ['-p', 'peak-watch-full', 'config', ...args], {
    cwd: dir,
    timeoutMs: 30_000,
  });

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peak-watch-full-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skipWithout(COMPOSE_V1))('docker-compose accepts the full profile', () => {
  for (const platform of ['linux', 'darwin'] as const) {
    it(`${platform}: five services, the three new ones on their pinned images`, async () => {
      requireBinary(COMPOSE_V1);
      await writeStackFiles(dir, input(platform));
      const { stdout: services } = await composeConfig(dir, '--services');
      expect(services.trim().split('\n').sort()).toEqual(
        ['grafana', 'loki', 'otel-collector', 'prometheus', 'tempo'].sort(),
      );
      const { stdout } = await composeConfig(dir);
      const resolved = parse(stdout) as {
        services: Record<string, { image: string; volumes: string[]; ports?: string[] }>;
      };
      expect(resolved.services['otel-collector']!.image).toBe(FULL_STACK_IMAGES.collector);
      expect(resolved.services.tempo!.image).toBe(FULL_STACK_IMAGES.tempo);
      expect(resolved.services.loki!.image).toBe(FULL_STACK_IMAGES.loki);
      // Compose resolved the config mounts to folders in the data folder's stack folder.
      expect(resolved.services.tempo!.volumes).toContain(
        `${join(dir, 'full', 'tempo')}:/etc/tempo:ro`,
      );
      for (const service of Object.values(resolved.services)) {
        for (const p of service.ports ?? []) expect(p).toMatch(/^127\.0\.0\.1:/);
      }
      expect(await readFile(join(dir, STACK_PATHS.compose), 'utf8')).not.toContain(
        GRAFANA_PASSWORD,
      );
    });
  }

  it('refuses a broken service definition (the check can fail)', async () => {
    requireBinary(COMPOSE_V1);
    await writeStackFiles(dir, input('linux'));
    const file = join(dir, STACK_PATHS.compose);
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace(
        '    restart: unless-stopped\n    command:\n      - "-config.file=/etc/tempo/tempo.yaml"',
        '    restart: unless-stopped\n    comand: "x"',
      ),
    );
    await expect(composeConfig(dir)).rejects.toThrow(/comand/);
  });

  it('back on mini: three services go, the files go, Grafana is told to delete the datasources', async () => {
    requireBinary(COMPOSE_V1);
    await writeStackFiles(dir, input('linux'));
    const written = await writeStackFiles(dir, input('linux', { stack: { profile: 'mini' } }));
    expect(written.composeChanged).toBe(true);
    expect(written.changed).toEqual(
      expect.arrayContaining([FULL_STACK_PATHS.collector, FULL_STACK_PATHS.grafanaDatasources]),
    );
    const { stdout } = await composeConfig(dir, '--services');
    expect(stdout.trim().split('\n').sort()).toEqual(['grafana', 'prometheus']);
    await expect(readFile(join(dir, FULL_STACK_PATHS.tempo))).rejects.toThrow(/ENOENT/);
    const retired: unknown = parse(
      await readFile(join(dir, FULL_STACK_PATHS.grafanaDatasources), 'utf8'),
    );
    expect(retired).toEqual({
      apiVersion: 1,
      deleteDatasources: [
        { name: 'Tempo', orgId: 1 },
        { name: 'Loki', orgId: 1 },
      ],
    });
    // Once retired, nothing more changes.
    const again = await writeStackFiles(dir, input('linux', { stack: { profile: 'mini' } }));
    expect(again.changed).toEqual([]);
  });
});

describe.skipIf(skipWithout(PROMTOOL_BIN))(
  'promtool accepts Prometheus’s config with the Collector',
  () => {
    for (const platform of ['linux', 'darwin'] as const) {
      it(platform, async () => {
        requireBinary(PROMTOOL_BIN);
        await writeStackFiles(dir, input(platform));
        const file = join(dir, STACK_PATHS.prometheusConfig);
        const { stdout } = await runCommand(PROMTOOL_BIN, ['check', 'config', file]);
        expect(stdout).toContain('SUCCESS');
        expect(await readFile(file, 'utf8')).toContain('job_name: "otel-collector"');
      });
    }
  },
);

describe('the Collector’s, Tempo’s and Loki’s configs and Grafana’s datasources parse', () => {
  it('as YAML, with the sections each program requires', async () => {
    await writeStackFiles(dir, input('linux'));
    const read = async (path: string): Promise<Record<string, unknown>> =>
      parse(await readFile(join(dir, ...path.split('/')), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(await read(FULL_STACK_PATHS.collector))).toEqual([
      'receivers',
      'processors',
      'exporters',
      'service',
    ]);
    expect(await read(FULL_STACK_PATHS.tempo)).toMatchObject({
      target: 'all',
      storage: { trace: { backend: 'local' } },
    });
    expect(await read(FULL_STACK_PATHS.loki)).toMatchObject({
      auth_enabled: false,
      schema_config: { configs: [{ store: 'tsdb', schema: 'v13' }] },
    });
    expect(await read(FULL_STACK_PATHS.grafanaDatasources)).toMatchObject({ apiVersion: 1 });
  });
});

const missing = await dockerTestPrerequisite();
const skipDocker = skipUnlessCi(missing, 'full-stack preflight on the Docker engine');

describe.skipIf(skipDocker)('preflight full-stack on the real Docker engine', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(null)));
    server = null;
  });

  it('warns plainly: never started on CI, the images missing by name, a taken port by number', async () => {
    if (missing) throw new Error(`Docker prerequisite missing on CI: ${missing}`);
    server = createServer();
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const taken = (server.address() as { port: number }).port;
    const check = await fullStackCheck({
      settings: input('linux').settings,
      docker: new ComposeRuntime(),
      ports: [taken],
    });
    expect(check.status).toBe('warn');
    expect(check.observed).toContain(NEVER_STARTED);
    // No registry here, so none of the pinned images can be present.
    for (const image of Object.values(FULL_STACK_IMAGES)) {
      expect(check.observed).toContain(image);
      expect(check.fix).toContain(`docker pull ${image}`);
    }
    expect(check.observed).toMatch(new RegExp(`Ports taken on 127\\.0\\.0\\.1: ${taken} \\(`));
    expect(check.fix).toContain('peak-watch settings set stack.profile mini');
  });

  it('says nothing of it for the mini profile', async () => {
    const check = await fullStackCheck({
      settings: defaultSettings(),
      docker: new ComposeRuntime(),
    });
    expect(check.status).toBe('skipped');
  });
});
