// Preflight: what must hold before the stack can start and the console can read, as checks a
// newcomer can act on. Each check says what it saw and how to fix it; none throws.
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
  type SourceStatus,
} from '../../shared/api';
import { configuredJob } from '../../shared/dashboard';
import { isPreflightCheckId, type PreflightCheckId } from '../../shared/preflight-ids';
import { diffSettings, type Settings } from '../../shared/settings';
import { probeGrafana } from './grafana';
import { describeHolder, findPortHolder, isPortFree } from './ports';
import { loadPromClient, type PromClientLoader } from './metrics-server/prom-client';
import type { PrometheusClient } from './prometheus';
import { REMOTE_WRITE_CHECK, remoteWriteCheck } from './remote-write/preflight';
import { FULL_STACK_CHECK, fullStackCheck } from './preflight-full-stack';
import type { SecretStore } from './secrets';
import { STACK_PATHS } from './stack/files';
import type { DockerDriver, StackRuntimeDriver } from './stack/runtime';
import { GRAFANA_MISSING_FIX } from './stack/native/status';

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
  /** The source's status, asked once per report (the source checks share it). */
  source?: () => Promise<SourceStatus>;
  /** The managed stack's Prometheus, when the source is another (the stack's own checks). */
  managedPrometheus?: Pick<PrometheusClient, 'ready' | 'targets'>;
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

const SOURCE_TITLES = {
  'source-reachable': 'Source reachable',
  'source-auth': 'Source accepts the credentials',
  'source-api': 'Source answers the Prometheus API',
  'source-app-metrics': "Source has the app's metrics",
  'source-scrape-interval': "Source's scrape interval",
} as const satisfies Partial<Record<PreflightCheckId, string>>;
type SourceCheckId = keyof typeof SOURCE_TITLES;

/** The smallest rate() window the dashboard offers: four scrapes should fit in it. */
const SMALLEST_WINDOW_SECONDS = 60;

// A title may depend on the settings: the scrape-target check names the job the stack scrapes.
interface CheckSpec {
  id: PreflightCheckId;
  title: string | ((s: Settings) => string);
  run: CheckFn;
}

const CHECKS: CheckSpec[] = [
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
      const unused = stackUnused(d);
      if (unused) return unused;
      try {
        await stackPrometheus(d).ready();
        return ok(`ready on 127.0.0.1:${d.settings.stack.prometheusPort}`);
      } catch (err) {
        return { status: 'warn', observed: msg(err), fix: 'Start the stack.' };
      }
    },
  },
  {
    id: 'scrape-target',
    // The managed stack scrapes the app under configuredJob(settings.source) (prometheus.yml is
    // rendered with it), so that is the job whose targets must be up.
    title: (s) => `Scrape target ${configuredJob(s.source)} UP`,
    run: async (d) => {
      const job = configuredJob(d.settings.source);
      const unused = stackUnused(d);
      if (unused) return unused;
      let targets;
      try {
        targets = await stackPrometheus(d).targets();
      } catch (err) {
        return {
          status: 'skipped',
          observed: `Prometheus not reachable: ${msg(err)}`,
          fix: 'Start the stack.',
        };
      }
      const mine = targets.filter((t) => t.job === job);
      if (!mine.length) {
        return {
          status: 'fail',
          observed: `Prometheus has no ${job} target`,
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
  {
    ...FULL_STACK_CHECK,
    run: (d) => fullStackCheck({ settings: d.settings, docker: d.drivers.docker }),
  },

  ...sourceChecks(),
];

/** The managed stack's Prometheus: the pages' client while it is the source. */
function stackPrometheus(d: PreflightDeps): Pick<PrometheusClient, 'ready' | 'targets'> {
  return d.settings.source.kind === 'existing' && d.managedPrometheus
    ? d.managedPrometheus
    : d.prometheus;
}

/** With an existing source and no receiver to write to, the local stack has nothing to do. */
function stackUnused(d: PreflightDeps): Check | null {
  if (d.settings.source.kind !== 'existing' || d.settings.stack.remoteWrite.length) return null;
  return {
    status: 'skipped',
    observed: `the console reads from ${d.settings.source.url} (see the source checks); the local stack is not needed`,
    fix: '',
  };
}

/**
 * The source checks (docs/SOURCES.md → Preflight). They share one status per report; each one
 * after the first that failed is skipped with the reason, so a report names one thing to fix.
 * The managed source is checked by the stack's own checks (Prometheus ready, scrape target).
 */
function sourceChecks(): CheckSpec[] {
  const run =
    (id: SourceCheckId) =>
    async (d: PreflightDeps): Promise<Check> => {
      if (d.settings.source.kind !== 'existing' || !d.source) {
        return {
          status: 'skipped',
          observed: 'the source is the managed stack: see Prometheus ready and the scrape target',
          fix: '',
        };
      }
      let s: SourceStatus;
      try {
        s = await d.source();
      } catch (err) {
        return { status: 'fail', observed: msg(err), fix: fixOf(err, '') };
      }
      return sourceCheck(id, s);
    };
  return (Object.keys(SOURCE_TITLES) as SourceCheckId[]).map((id) => ({
    id,
    title: SOURCE_TITLES[id],
    run: run(id),
  }));
}

function sourceCheck(id: SourceCheckId, s: SourceStatus): Check {
  const failed = (): Check => ({
    status: 'fail',
    observed: s.error?.message ?? s.health,
    fix: s.error?.fix ?? '',
  });
  const waits = (on: string): Check => ({
    status: 'skipped',
    observed: `waits for ${on}`,
    fix: '',
  });
  switch (id) {
    case 'source-reachable':
      if (s.health === 'down') return failed();
      return ok(`${s.url} answered${s.product ? ` (${s.product})` : ''}`);
    case 'source-auth':
      if (s.health === 'down') return waits('the source to be reachable');
      if (s.health === 'unauthorized' || s.health === 'forbidden') return failed();
      return ok(s.authKind === 'none' ? 'no auth needed' : `accepted: ${s.auth}`);
    case 'source-api': {
      if (s.health === 'incompatible') return failed();
      if (s.health !== 'up') return waits('the source to accept the credentials');
      const missing = Object.entries(s.capabilities)
        .filter(([, c]) => !c.available)
        .map(([name]) => name);
      return ok(
        `${s.product ?? 'the source'} answered /api/v1/query` +
          (missing.length ? `; without: ${missing.join(', ')} (see the source's notes)` : ''),
      );
    }
    case 'source-app-metrics':
      if (s.health !== 'up') return waits('the source to answer queries');
      if (s.job.detected.includes(s.job.effective)) {
        return ok(`job ${s.job.effective} carries peak_trade_* (${s.job.note})`);
      }
      return {
        status: 'warn',
        observed: `no peak_trade_http_requests_total or peak_trade_metrics_fallback in job ${s.job.effective} within the last hour (${s.job.note})`,
        fix:
          'Have this source scrape the app (its /metrics, with PEAK_TRADE_PROMETHEUS_ENABLED=1 and some requests served), ' +
          'or name the job that does in Settings → Source → Job (peak-watch settings set source.job NAME).',
      };
    case 'source-scrape-interval': {
      if (s.health !== 'up') return waits('the source to answer queries');
      const every = s.scrapeIntervalSeconds;
      if (every === null) {
        return {
          status: 'skipped',
          observed: 'the source does not serve its scrape config (/api/v1/status/config)',
          fix: '',
        };
      }
      if (every * 4 > SMALLEST_WINDOW_SECONDS) {
        return {
          status: 'warn',
          observed: `every ${every} s: the dashboard's 1m window holds fewer than four scrapes, so its rates show gaps`,
          fix: 'Choose a window of at least 4× the scrape interval on the dashboard, or scrape the app more often.',
        };
      }
      return ok(`every ${every} s`);
    }
  }
}

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

/** The checks in the report's order; the shared list names the same ids in the same order. */
export const PREFLIGHT_IDS: readonly PreflightCheckId[] = CHECKS.map((c) => c.id);

export async function runPreflight(
  deps: PreflightDeps,
  only?: string | readonly string[],
): Promise<PreflightReport> {
  const wanted = typeof only === 'string' ? [only] : only;
  const unknown = wanted?.find((id) => !isPreflightCheckId(id));
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
    title: typeof c.title === 'function' ? c.title(deps.settings) : c.title,
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
export function affectedChecks(previous: Settings, next: Settings): PreflightCheckId[] {
  const ids = new Set<PreflightCheckId>();
  const add = (...named: PreflightCheckId[]): void => named.forEach((id) => ids.add(id));
  const diff = diffSettings(previous, next);
  if (diff.has('stack', 'runtime'))
    add(
      'docker-cli',
      'compose',
      'docker-engine',
      'prometheus-binary',
      'grafana-binary',
      'stack-files',
      'grafana',
    );
  if (diff.has('stack', 'prometheusBinary')) add('prometheus-binary');
  if (diff.has('stack', 'grafanaBinary')) add('grafana-binary', 'grafana');
  if (diff.has('stack', 'prometheusPort'))
    add('port-prometheus', 'prometheus-ready', 'scrape-target');
  if (diff.has('stack', 'grafanaPort')) add('port-grafana', 'grafana');
  if (diff.has('server', 'host', 'port')) add('port-server', 'scrape-target');
  if (diff.has('server', 'strict')) add('prom-client');
  if (diff.has('source'))
    add('prometheus-ready', 'scrape-target', ...(Object.keys(SOURCE_TITLES) as SourceCheckId[]));
  if (diff.has('stack', 'remoteWrite')) add('remote-write');
  if (diff.has('stack', 'profile', 'runtime')) add('full-stack');
  // Any stack or alert field is written into the stack's files.
  if (diff.has('stack') || diff.has('alerts')) add('stack-files');
  return PREFLIGHT_IDS.filter((id) => ids.has(id));
}
