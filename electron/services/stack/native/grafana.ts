// How the native runtime would start Grafana: which binary, its home folder, and the environment
// that points it at the generated provisioning (provisioning-native/, absolute host paths) and at
// the admin password in .env. Without a grafana binary the answer is "unavailable", with why.
// Its ServiceSpec adds the credentials its datasource reads, fresh at each start.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { probeGrafana } from '../../grafana';
import { SecretStore } from '../../secrets';
import { GRAFANA_PROMETHEUS_PASSWORD_ENV, GRAFANA_SOURCE_CREDENTIAL_ENV } from '../files';
import { DASHBOARD_FILE, GRAFANA_HARDENING, STACK_PATHS } from '../files-render';
import { grafanaUrl, prometheusAuth, type RuntimeContext } from '../runtime';
import { findGrafanaHome, locateBinary } from './binaries';
import type { ServiceSpec } from './ensure-service';

export type GrafanaLaunch =
  | { unavailable: string }
  | { file: string; args: string[]; env: () => Promise<Record<string, string>> };

export const NO_GRAFANA = 'Grafana needs Docker here: no grafana binary found';

/** Reads KEY=VALUE lines (the .env the files writer produced); comments and blanks skipped. */
export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) values[m[1]] = m[2];
  }
  return values;
}

/** The argument naming this data folder's Grafana data path: what makes a Grafana ours. */
export function grafanaDataArg(dataDir: string): string {
  return `cfg:default.paths.data=${join(dataDir, 'native', 'grafana')}`;
}

export function grafanaLaunch(ctx: RuntimeContext, env: NodeJS.ProcessEnv): GrafanaLaunch {
  const { stack } = ctx.settings;
  const lookup = locateBinary(stack.grafanaBinary, ['grafana', 'grafana-server'], env);
  if (!lookup.found) {
    return {
      unavailable: stack.grafanaBinary ? `Grafana needs Docker here: ${lookup.why}` : NO_GRAFANA,
    };
  }
  const home = findGrafanaHome(lookup.path, env);
  if (!home) {
    return {
      unavailable:
        `Found ${lookup.path} but not Grafana's home folder (conf/defaults.ini); ` +
        'set GF_PATHS_HOME or use the Docker runtime',
    };
  }
  // Grafana ≥ 9.4 ships `grafana server`; older installs only `grafana-server`.
  const legacy = basename(lookup.path).startsWith('grafana-server');
  const data = join(ctx.dataDir, 'native', 'grafana');
  // The data path also on the command line: it is what tells a later process that a running
  // grafana is ours (its command line names our data folder), not just any Grafana.
  const args = [...(legacy ? [] : ['server']), '--homepath', home, grafanaDataArg(ctx.dataDir)];
  const files = (p: string): string => join(ctx.filesDir, ...p.split('/'));
  return {
    file: lookup.path,
    args,
    env: async () => {
      const dotEnv = parseDotEnv(await readFile(files(STACK_PATHS.env), 'utf8'));
      return {
        GF_SECURITY_ADMIN_PASSWORD: dotEnv.GF_SECURITY_ADMIN_PASSWORD ?? '',
        ...GRAFANA_HARDENING,
        GF_SERVER_HTTP_ADDR: '127.0.0.1',
        GF_SERVER_HTTP_PORT: String(stack.grafanaPort),
        GF_PATHS_PROVISIONING: join(ctx.filesDir, 'grafana', 'provisioning-native'),
        GF_PATHS_DATA: data,
        GF_PATHS_LOGS: join(data, 'log'),
        GF_PATHS_PLUGINS: join(data, 'plugins'),
        GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH: join(
          ctx.filesDir,
          'grafana',
          'dashboards',
          DASHBOARD_FILE,
        ),
      };
    },
  };
}

/** Ready means Grafana answers /api/health and its database works. */
export async function grafanaReady(url: string): Promise<boolean> {
  const health = await probeGrafana(url, { timeoutMs: 2_000 });
  return health.database === 'ok';
}

/** Grafana's spec: without a binary it is unavailable (reported, not an error). */
export function grafanaSpec(ctx: RuntimeContext, env: NodeJS.ProcessEnv): ServiceSpec {
  const url = grafanaUrl(ctx.settings);
  const launch = grafanaLaunch(ctx, env);
  return {
    service: 'grafana',
    title: 'Grafana',
    port: ctx.settings.stack.grafanaPort,
    args: 'args' in launch ? launch.args : null,
    // Adopted only once /api/health answers on the configured port, as Prometheus's /-/ready.
    whileProbing: (wait) => wait(() => grafanaReady(url)),
    launch: () =>
      'unavailable' in launch
        ? launch
        : {
            file: launch.file,
            args: launch.args,
            where: url,
            readyAt: url,
            configHash: '',
            env: async () => ({
              ...env,
              ...(await launch.env()),
              // What its datasource's $__env{…} reads: the managed Prometheus requires this
              // password.
              [GRAFANA_PROMETHEUS_PASSWORD_ENV]: (await prometheusAuth(ctx.dataDir)).password,
              // An existing source's password or token, read fresh (another client may have set
              // it).
              [GRAFANA_SOURCE_CREDENTIAL_ENV]: await new SecretStore(ctx.dataDir).given(
                'source-credential',
              ),
            }),
          },
  };
}
