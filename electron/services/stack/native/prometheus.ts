// How the native runtime starts Prometheus: the generated prometheus.native.yml, its TSDB in
// <dataDir>/native/prometheus (the argument that makes a Prometheus ours), listening on 127.0.0.1
// behind the web config, and reloaded rather than restarted when adopted with an older config.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConsoleError } from '../../../../shared/api';
import { retentionFlags } from '../../remote-write/render';
import { PROMETHEUS_CORS_ORIGIN, STACK_PATHS } from '../files';
import { managedPrometheus, type RuntimeContext } from '../runtime';
import { locateBinary } from './binaries';
import type { ServiceSpec } from './ensure-service';
import { prometheusMissing } from './errors';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The argument that names this data folder's Prometheus TSDB: what makes a Prometheus ours. */
export function prometheusDataArg(dataDir: string): string {
  return `--storage.tsdb.path=${join(dataDir, 'native', 'prometheus')}`;
}

export function prometheusConfigFile(ctx: RuntimeContext): string {
  return join(ctx.filesDir, ...STACK_PATHS.prometheusNativeConfig.split('/'));
}

/** Prometheus's spec: its binary and config must exist before anything else is tried. */
export async function prometheusSpec(
  ctx: RuntimeContext,
  env: NodeJS.ProcessEnv,
  fail: (err: ConsoleError) => ConsoleError,
  /** Brings an adopted Prometheus to the config on disk. */
  reload: () => Promise<void>,
): Promise<ServiceSpec> {
  const { stack } = ctx.settings;
  const lookup = locateBinary(stack.prometheusBinary, ['prometheus'], env);
  if (!lookup.found) throw fail(prometheusMissing(lookup.why));
  const config = prometheusConfigFile(ctx);
  if (!existsSync(config)) {
    throw fail(
      new ConsoleError({
        code: 'stack-files-missing',
        message: `${config} does not exist.`,
        fix: 'Start the stack from Peak Watch, which writes its files first.',
      }),
    );
  }
  const configHash = sha256(await readFile(config, 'utf8'));
  const listen = `127.0.0.1:${stack.prometheusPort}`;
  const args = [
    `--config.file=${config}`,
    prometheusDataArg(ctx.dataDir),
    `--web.listen-address=${listen}`,
    `--web.cors.origin=${PROMETHEUS_CORS_ORIGIN}`,
    `--web.config.file=${join(ctx.filesDir, ...STACK_PATHS.prometheusWebConfig.split('/'))}`,
    // Keeps the trace ids the server's OpenMetrics exposition carries (docs/TELEMETRY.md).
    '--enable-feature=exemplar-storage',
    // Flags, not config: a retention change restarts Prometheus (runsWith sees it).
    ...retentionFlags(ctx.settings),
  ];
  return {
    service: 'prometheus',
    title: 'Prometheus',
    port: stack.prometheusPort,
    args,
    whileProbing: async (wait) => {
      const client = managedPrometheus(ctx, 2_000);
      try {
        await wait(() => client.ready());
      } finally {
        await client.close();
      }
    },
    // Adopted, then brought to the fresh config.
    adopted: async (running) => {
      if (running.configHash === configHash) return;
      await reload().catch((e) => {
        throw fail(e as ConsoleError);
      });
    },
    launch: () => ({
      file: lookup.path,
      args,
      where: listen,
      readyAt: `http://${listen}`,
      configHash,
      env: () => Promise.resolve(env),
    }),
  };
}
