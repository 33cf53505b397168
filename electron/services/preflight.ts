// Preflight: the seed's pre-flight and section 9 checklist as checks a newcomer can act on. Each
// check says what it saw and how to fix it; none throws.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ConsoleError,
  type CheckStatus,
  type PreflightCheck,
  type PreflightReport,
  type RemoteWriteStatus,
  type ServerStatus,
  type ServiceStatus,
} from '../../shared/api';
import { SCRAPE_JOB } from '../../shared/dashboard';
import type { Settings } from '../../shared/settings';
import { probeGrafana } from './grafana';
import { describeHolder, findPortHolder, isPortFree } from './ports';
import { loadPromClient, type PromClientLoader } from './metrics-server/prom-client';
import type { PrometheusClient } from './prometheus';
import { REMOTE_WRITE_CHECK, remoteWriteCheck } from './remote-write/preflight';
import type { SecretStore } from './secrets';
import { STACK_PATHS } from './stack/files';
import type { DockerDriver, StackRuntimeDriver } from './stack/runtime';
import { GRAFANA_MISSING_FIX } from './stack/native-status';

export interface PreflightDeps {
  settings: Settings;
  server: ServerStatus;
  /** Where the stack's files and (native) state files live. */
  stack: { filesDir: string; dataDir: string };
  drivers: { docker: DockerDriver; native: StackRuntimeDriver };
  prometheus: Pick<PrometheusClient, 'ready' | 'targets'>;
  grafanaUrl: string;
  /** How the server loads prom-client; the check loads it the same way (the CLI serves nothing). */
  loadPromClient: PromClientLoader;
  /** The data folder's secrets, whose modes and links the secrets check looks at. */
  secrets?: Pick<SecretStore, 'audit'>;
  /** Each remote-write receiver's health (remote-write/service.ts). */
  remoteWrite?: () => Promise<RemoteWriteStatus[]>;
}

type Check = Omit<PreflightCheck, 'id' | 'title'>;
type CheckFn = (deps: PreflightDeps) => Promise<Check>;

const ok = (observed: string): Check => ({ status: 'ok', observed, fix: '' });
const msg = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const fixOf = (err: unknown, fallback: string): string =>
  err && typeof err === 'object' && 'fix' in err && typeof err.fix === 'string'
    ? err.fix
    : fallback;

/** When the chosen runtime does not need a tool, its absence is not a failure. */
const needed = (deps: PreflightDeps, runtime: 'docker' | 'native'): CheckStatus =>
  deps.settings.stack.runtime === runtime ? 'fail' : 'skipped';

const CHECKS: { id: string; title: string; run: CheckFn }[] = [
  {
    id: 'docker-cli',
    title: 'Docker CLI',
    run: async (d) => {
      // The driver's own lookup (with its PATH additions for an app started from the Finder):
      // preflight never finds a docker the Start button would not.
      try {
        return ok(await d.drivers.docker.cliVersion());
      } catch (err) {
        return {
          status: needed(d, 'docker'),
          observed: msg(err),
          fix: fixOf(
            err,
            'Install Docker (Docker Desktop, or docker.io on Debian), or choose the native runtime in Settings.',
          ),
        };
      }
    },
  },
  {
    id: 'compose',
    title: 'Docker Compose (v2 or v1)',
    run: async (d) => {
      try {
        return ok(await d.drivers.docker.detect());
      } catch (err) {
        return {
          status: needed(d, 'docker'),
          observed: msg(err),
          fix: fixOf(err, 'Install Docker Compose.'),
        };
      }
    },
  },
  {
    id: 'docker-engine',
    title: 'Docker engine reachable',
    run: async (d) => {
      try {
        return ok(`engine ${await d.drivers.docker.engineVersion()}`);
      } catch (err) {
        return {
          status: needed(d, 'docker'),
          observed: msg(err),
          fix: fixOf(err, 'Start Docker.'),
        };
      }
    },
  },
  {
    id: 'prometheus-binary',
    title: 'Prometheus binary (native runtime)',
    run: async (d) => {
      const native = d.drivers.native;
      try {
        return ok(await (native.binary ? native.binary('prometheus') : native.detect()));
      } catch (err) {
        return {
          status: d.settings.stack.runtime === 'native' ? 'fail' : 'skipped',
          observed: msg(err),
          fix: fixOf(err, 'Install prometheus, or use the Docker runtime.'),
        };
      }
    },
  },
  {
    id: 'grafana-binary',
    title: 'Grafana binary (native runtime)',
    run: async (d) => {
      const native = d.drivers.native;
      if (!native.binary) {
        return { status: 'skipped', observed: 'this runtime names no binary', fix: '' };
      }
      try {
        return ok(await native.binary('grafana'));
      } catch (err) {
        // Without one the native runtime still runs Prometheus: a warning, not a failure.
        return {
          status: d.settings.stack.runtime === 'native' ? 'warn' : 'skipped',
          observed: msg(err),
          fix: fixOf(err, GRAFANA_MISSING_FIX),
        };
      }
    },
  },
  {
    id: 'port-server',
    title: 'Metrics server port',
    run: async (d) => {
      const { host, port } = d.settings.server;
      if (d.server.listening && d.server.port === port) return ok(`serving ${d.server.url}`);
      if (await isPortFree(host, port)) {
        return ok(`port ${port} is free (the server is not started by this command)`);
      }
      return {
        status: d.server.error ? 'fail' : 'warn',
        observed: `port ${port} held by ${describeHolder(await findPortHolder(port))}`,
        fix: d.server.error
          ? `Stop that program or set another port: peak-watch settings set server.port ${port + 1}`
          : 'Fine if that is the Peak Watch app or headless console; otherwise free the port.',
      };
    },
  },
  { id: 'port-prometheus', title: 'Prometheus port', run: (d) => stackPort(d, 'prometheus') },
  { id: 'port-grafana', title: 'Grafana port', run: (d) => stackPort(d, 'grafana') },
  {
    id: 'stack-files',
    title: 'Stack files written',
    run: async (d) => {
      const names =
        d.settings.stack.runtime === 'docker'
          ? [STACK_PATHS.compose, STACK_PATHS.prometheusConfig, STACK_PATHS.env]
          : [STACK_PATHS.prometheusNativeConfig, STACK_PATHS.env];
      const files = names.map((f) => join(d.stack.filesDir, ...f.split('/')));
      const missing: string[] = [];
      for (const f of files) await access(f).catch(() => missing.push(f));
      if (!missing.length) return ok(`in ${d.stack.filesDir}`);
      return {
        status: 'warn',
        observed: `not written yet: ${missing.map((f) => f.slice(d.stack.filesDir.length + 1)).join(', ')}`,
        fix: 'Start the stack (it writes them), or: peak-watch stack files --dir <folder>',
      };
    },
  },
  {
    id: 'secrets',
    title: 'Secrets private to you',
    run: async (d) => {
      if (!d.secrets) return { status: 'skipped', observed: 'no data folder to look at', fix: '' };
      const audit = await d.secrets.audit();
      if (audit.refused.length) {
        return {
          status: 'fail',
          observed: audit.refused.map((r) => r.message).join('; '),
          fix: [...new Set(audit.refused.map((r) => r.fix).filter(Boolean))].join(' '),
        };
      }
      if (audit.fixed.length) {
        // Already narrowed by the time this is read; what is left is finding what widened them.
        return {
          status: 'warn',
          observed: `narrowed: ${audit.fixed.join('; ')}`,
          fix: 'Nothing to change now: secret files are 0600 in a 0700 folder again. Look for what widened them (a restore from backup, cp without -p, chmod -R), and treat a secret another user could read meanwhile as known to them.',
        };
      }
      return ok(
        audit.files
          ? `${audit.files} secret file(s), 0600 in a 0700 folder`
          : 'no secret generated yet',
      );
    },
  },
  {
    id: 'prom-client',
    title: 'prom-client loadable',
    run: async (d) => {
      const loaded = await loadPromClient(d.loadPromClient);
      if (loaded) return ok(`prom-client ${loaded.version ?? '(version unknown)'}`);
      return {
        status: d.settings.server.strict ? 'fail' : 'warn',
        observed: `prom-client could not be loaded; /metrics ${d.settings.server.strict ? 'answers 503 (strict)' : 'serves the fallback peak_trade_metrics_fallback 1'}`,
        fix: 'Reinstall dependencies: npm ci',
      };
    },
  },
  {
    id: 'prometheus-ready',
    title: 'Prometheus ready',
    run: async (d) => {
      try {
        await d.prometheus.ready();
        return ok(`ready on 127.0.0.1:${d.settings.stack.prometheusPort}`);
      } catch (err) {
        return { status: 'warn', observed: msg(err), fix: 'Start the stack.' };
      }
    },
  },
  {
    id: 'scrape-target',
    title: `Scrape target ${SCRAPE_JOB} UP`,
    run: async (d) => {
      let targets;
      try {
        targets = await d.prometheus.targets();
      } catch (err) {
        return {
          status: 'skipped',
          observed: `Prometheus not reachable: ${msg(err)}`,
          fix: 'Start the stack.',
        };
      }
      const mine = targets.filter((t) => t.job === SCRAPE_JOB);
      if (!mine.length) {
        return {
          status: 'fail',
          observed: `Prometheus has no ${SCRAPE_JOB} target`,
          fix: 'The running Prometheus uses another config: stop and start the stack.',
        };
      }
      const down = mine.find((t) => t.health !== 'up');
      if (!down) return ok(mine.map((t) => `${t.instance} up`).join(', '));
      return {
        status: 'fail',
        observed: `${down.instance} is ${down.health}: ${down.lastError || 'no error reported yet'}`,
        fix: d.server.listening
          ? 'Check that Prometheus can reach the server (host networking on Linux, host.docker.internal elsewhere).'
          : 'Start the Peak Watch app or `npm run headless` so the server is up.',
      };
    },
  },
  {
    id: 'grafana',
    title: 'Grafana healthy',
    run: async (d) => {
      // The native runtime without a grafana binary never runs Grafana: the Grafana binary
      // check warns about that once, with the fix; here it is only why there is nothing to ask
      // (not "start the stack" to someone whose stack is running).
      const grafana = (await serviceStates(d)).find((s) => s.name === 'grafana');
      if (grafana?.state === 'unavailable') {
        return {
          status: 'skipped',
          observed: `${grafana.detail ?? `Grafana does not run with the ${d.settings.stack.runtime} runtime`} (see Grafana binary)`,
          fix: '',
        };
      }
      try {
        const h = await probeGrafana(d.grafanaUrl);
        return ok(`Grafana ${h.version}, database ${h.database}`);
      } catch (err) {
        return {
          status: 'warn',
          observed: msg(err),
          fix: fixOf(err, 'Start the stack (Grafana needs Docker).'),
        };
      }
    },
  },
  { ...REMOTE_WRITE_CHECK, run: (d) => remoteWriteCheck(d.remoteWrite) },
];

/** What the chosen runtime says of its services; none when it cannot tell. */
function serviceStates(d: PreflightDeps): Promise<ServiceStatus[]> {
  return d.drivers[d.settings.stack.runtime]
    .status({ filesDir: d.stack.filesDir, dataDir: d.stack.dataDir, settings: d.settings })
    .catch(() => []);
}

async function stackPort(d: PreflightDeps, service: 'prometheus' | 'grafana'): Promise<Check> {
  const port =
    service === 'prometheus' ? d.settings.stack.prometheusPort : d.settings.stack.grafanaPort;
  if (await isPortFree('127.0.0.1', port)) return ok(`port ${port} is free`);
  const ours = (await serviceStates(d)).some((s) => s.name === service && s.state === 'running');
  if (ours) return ok(`port ${port} is used by the running stack's ${service}`);
  return {
    status: 'fail',
    observed: `port ${port} held by ${describeHolder(await findPortHolder(port))}`,
    fix: `Stop that program, or choose another port: peak-watch settings set stack.${service}Port ${port + 1}`,
  };
}

export const PREFLIGHT_IDS = CHECKS.map((c) => c.id);

export async function runPreflight(
  deps: PreflightDeps,
  only?: string | readonly string[],
): Promise<PreflightReport> {
  const wanted = typeof only === 'string' ? [only] : only;
  const unknown = wanted?.find((id) => !PREFLIGHT_IDS.includes(id));
  if (unknown !== undefined) {
    throw new ConsoleError({
      code: 'invalid-request',
      message: `No preflight check named ${unknown}; known: ${PREFLIGHT_IDS.join(', ')}`,
      fix: 'Use one of the ids listed.',
    });
  }
  const selected = wanted ? CHECKS.filter((c) => wanted.includes(c.id)) : CHECKS;
  const run = async (c: (typeof CHECKS)[number]): Promise<PreflightCheck> => ({
    id: c.id,
    title: c.title,
    ...(await c.run(deps)),
  });
  // A port check binds its port for a moment; a probe connecting to that port just then is reset
  // (ECONNRESET) instead of refused. So the port checks go first, then the rest together.
  const isPort = (c: (typeof CHECKS)[number]): boolean => c.id.startsWith('port-');
  const done = new Map<string, PreflightCheck>();
  for (const batch of [selected.filter(isPort), selected.filter((c) => !isPort(c))]) {
    for (const check of await Promise.all(batch.map(run))) done.set(check.id, check);
  }
  const checks = selected.map((c) => done.get(c.id) as PreflightCheck);
  const summary: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, skipped: 0 };
  for (const c of checks) summary[c.status]++;
  return { checks, ranAt: new Date().toISOString(), summary };
}

/** The checks a settings change can change the answer of; re-run and pushed after it. */
export function affectedChecks(previous: Settings, next: Settings): string[] {
  const ids = new Set<string>();
  const a = previous.stack;
  const b = next.stack;
  if (a.runtime !== b.runtime)
    for (const id of [
      'docker-cli',
      'compose',
      'docker-engine',
      'prometheus-binary',
      'grafana-binary',
      'stack-files',
      'grafana',
    ])
      ids.add(id);
  if (a.prometheusBinary !== b.prometheusBinary) ids.add('prometheus-binary');
  if (a.grafanaBinary !== b.grafanaBinary)
    for (const id of ['grafana-binary', 'grafana']) ids.add(id);
  if (a.prometheusPort !== b.prometheusPort)
    for (const id of ['port-prometheus', 'prometheus-ready', 'scrape-target']) ids.add(id);
  if (a.grafanaPort !== b.grafanaPort) for (const id of ['port-grafana', 'grafana']) ids.add(id);
  if (previous.server.host !== next.server.host || previous.server.port !== next.server.port)
    for (const id of ['port-server', 'scrape-target']) ids.add(id);
  if (previous.server.strict !== next.server.strict) ids.add('prom-client');
  if (JSON.stringify(a.remoteWrite) !== JSON.stringify(b.remoteWrite)) ids.add('remote-write');
  // Any stack or alert field is written into the stack's files.
  if (
    JSON.stringify(a) !== JSON.stringify(b) ||
    JSON.stringify(previous.alerts) !== JSON.stringify(next.alerts)
  )
    ids.add('stack-files');
  return PREFLIGHT_IDS.filter((id) => ids.has(id));
}
