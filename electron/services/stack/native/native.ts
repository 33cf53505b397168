// The native runtime: where Docker is missing but a `prometheus` binary exists, Peak Watch runs
// it with the same generated config (prometheus.native.yml), its data in <dataDir>/native/
// prometheus and its log in <dataDir>/native/prometheus.log. The process is detached and outlives
// the app or CLI that started it; a state file beside the log lets the next one adopt it (see
// process.ts). Grafana runs the same way when a grafana binary exists; otherwise it is
// reported as unavailable, not as an error.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ConsoleError,
  type ServiceName,
  type ServiceStatus,
  type StackProgress,
} from '../../../../shared/api';
import type { Settings } from '../../../../shared/settings';
import {
  GRAFANA_PROMETHEUS_PASSWORD_ENV,
  GRAFANA_SOURCE_CREDENTIAL_ENV,
  PROMETHEUS_CORS_ORIGIN,
  STACK_PATHS,
} from '../files';
import { retentionFlags } from '../../remote-write/render';
import { SecretStore } from '../../secrets';
import { locateBinary } from './binaries';
import { grafanaDataArg, grafanaLaunch, grafanaReady } from './grafana';
import { assertPortFree, prometheusMissing, startupError } from './errors';
import { NativeProcess, readLastLines, type ReadyOutcome, type ServiceRecord } from './process';
import {
  detectPrometheus,
  findGrafana,
  findPrometheus,
  readinessProblem,
  stoppedStatus,
} from './status';
import { reloadAndConfirm } from '../prometheus-reload';
import {
  grafanaUrl,
  managedPrometheus,
  prometheusAuth,
  prometheusClientAuth,
  prometheusUrl,
  type RuntimeContext,
  type StackRuntimeDriver,
} from '../runtime';

export interface NativeRuntimeOptions {
  /** Current settings, so that detect() (which is given none) honours a configured binary. */
  settings?: () => Settings;
  /** PATH for finding binaries and the children's environment. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** How long a service may take to become ready. Default 60 s (a big WAL replays slowly). */
  readyTimeoutMs?: number;
  /** Between SIGTERM and SIGKILL on stop. Default 10 s. */
  stopTimeoutMs?: number;
  /** Who starts services, recorded in the state file: 'peak-watch CLI', 'Peak Watch app'. */
  client?: string;
}

type Emit = (p: StackProgress) => void;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The argument that names this data folder's Prometheus TSDB: what makes a Prometheus ours. */
function prometheusDataArg(dataDir: string): string {
  return `--storage.tsdb.path=${join(dataDir, 'native', 'prometheus')}`;
}

/** How ensureService brings up one native service. */
interface ServiceSpec {
  service: ServiceName;
  /** As messages name it: "Prometheus". */
  title: string;
  port: number;
  /** The arguments a running one must have been started with; null when any will do. */
  args: string[] | null;
  /** Runs one readiness wait with a probe, releasing what the probe opened afterwards. */
  whileProbing(wait: (probe: () => Promise<boolean>) => Promise<void>): Promise<void>;
  /** After a running one is adopted and ready. */
  adopted?(running: ServiceRecord): Promise<void>;
  /** What to spawn, or why the service cannot run here. */
  launch():
    | { unavailable: string }
    | {
        file: string;
        args: string[];
        /** Where it listens, in the "Starting … on …" message. */
        where: string;
        /** Its address in the "ready on …" message. */
        readyAt: string;
        configHash: string;
        env(): Promise<NodeJS.ProcessEnv>;
      };
}

/** A failure reported on the service's progress line, then thrown. */
const failWith =
  (emit: Emit, service: ServiceName) =>
  (err: ConsoleError): ConsoleError => {
    emit({ service, phase: 'failed', message: err.message });
    return err;
  };

export class NativeRuntime implements StackRuntimeDriver {
  readonly kind = 'native' as const;
  private readonly processes = new Map<string, NativeProcess>();
  private readonly starting = new Set<ServiceName>();
  private lastSettings: Settings | null = null;

  constructor(private readonly opts: NativeRuntimeOptions = {}) {}

  private get env(): NodeJS.ProcessEnv {
    return this.opts.env ?? process.env;
  }

  private settingsNow(): Settings | null {
    return this.opts.settings?.() ?? this.lastSettings;
  }

  detect(signal?: AbortSignal): Promise<string> {
    return detectPrometheus(this.settingsNow()?.stack.prometheusBinary ?? '', this.env, signal);
  }

  async binary(service: ServiceName, signal?: AbortSignal): Promise<string> {
    const stack = this.settingsNow()?.stack;
    const found =
      service === 'prometheus'
        ? await findPrometheus(stack?.prometheusBinary ?? '', this.env, signal)
        : await findGrafana(stack?.grafanaBinary ?? '', this.env, signal);
    return `${service} ${found.version} at ${found.path}`;
  }

  async up(ctx: RuntimeContext, onProgress: Emit): Promise<void> {
    this.lastSettings = ctx.settings;
    await this.startPrometheus(ctx, onProgress);
    await this.startGrafana(ctx, onProgress);
  }

  async down(ctx: RuntimeContext, onProgress: Emit): Promise<void> {
    this.lastSettings = ctx.settings;
    for (const service of ['grafana', 'prometheus'] as const) {
      const proc = this.process(ctx, service);
      const record = await proc.current();
      if (!record) {
        await proc.stop(0); // drops a stale state file; signals nothing
        onProgress({ service, phase: 'stopped', message: `${service} was not running` });
        continue;
      }
      onProgress({
        service,
        phase: 'stopping',
        message: `Stopping ${service} (pid ${record.pid})`,
      });
      await proc.stop(this.opts.stopTimeoutMs ?? 10_000);
      onProgress({ service, phase: 'stopped', message: `${service} stopped; its data is kept` });
    }
  }

  async status(ctx: RuntimeContext): Promise<ServiceStatus[]> {
    this.lastSettings = ctx.settings;
    return [
      await this.serviceStatus(ctx, 'prometheus', prometheusUrl(ctx.settings), null),
      await this.serviceStatus(ctx, 'grafana', grafanaUrl(ctx.settings), this.noGrafana(ctx)),
    ];
  }

  async logs(ctx: RuntimeContext, service: ServiceName, lines: number): Promise<string[]> {
    return readLastLines(this.logFile(ctx, service), lines);
  }

  /** SIGHUP to our Prometheus, confirmed from its metrics and loaded config. */
  async reload(ctx: RuntimeContext): Promise<void> {
    const proc = this.process(ctx, 'prometheus');
    const text = await readFile(this.configFile(ctx), 'utf8');
    const client = managedPrometheus(ctx, 2_000);
    try {
      await reloadAndConfirm({
        client,
        expected: text,
        logs: () => this.logs(ctx, 'prometheus', 30),
        sendHup: async () => {
          if (!(await proc.signal('SIGHUP'))) {
            throw new ConsoleError({
              code: 'prometheus-not-running',
              message: 'Prometheus is not running, so there is nothing to reload.',
              fix: 'Start the stack.',
            });
          }
        },
      });
    } finally {
      await client.close();
    }
    await proc.updateConfigHash(sha256(text));
  }

  /** The pid of a running service of ours, whoever started it (diagnostics and tests). */
  async pid(service: ServiceName, ctx: RuntimeContext): Promise<number | null> {
    return (await this.process(ctx, service).current())?.pid ?? null;
  }

  private logFile(ctx: RuntimeContext, service: ServiceName): string {
    return join(ctx.dataDir, 'native', `${service}.log`);
  }

  private configFile(ctx: RuntimeContext): string {
    return join(ctx.filesDir, ...STACK_PATHS.prometheusNativeConfig.split('/'));
  }

  private process(ctx: RuntimeContext, service: ServiceName): NativeProcess {
    const logFile = this.logFile(ctx, service);
    let proc = this.processes.get(logFile);
    if (!proc) {
      const identity =
        service === 'prometheus' ? prometheusDataArg(ctx.dataDir) : grafanaDataArg(ctx.dataDir);
      proc = new NativeProcess(
        logFile,
        join(ctx.dataDir, 'native', `${service}.state.json`),
        identity,
      );
      this.processes.set(logFile, proc);
    }
    return proc;
  }

  /** Prometheus's spec: its binary and config must exist before anything else is tried. */
  private async startPrometheus(ctx: RuntimeContext, emit: Emit): Promise<void> {
    const { stack } = ctx.settings;
    const fail = failWith(emit, 'prometheus');
    const lookup = locateBinary(stack.prometheusBinary, ['prometheus'], this.env);
    if (!lookup.found) throw fail(prometheusMissing(lookup.why));
    const config = this.configFile(ctx);
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
    await this.ensureService(ctx, emit, {
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
        await this.reload(ctx).catch((e) => {
          throw fail(e as ConsoleError);
        });
      },
      launch: () => ({
        file: lookup.path,
        args,
        where: listen,
        readyAt: `http://${listen}`,
        configHash,
        env: () => Promise.resolve(this.env),
      }),
    });
  }

  private noGrafana(ctx: RuntimeContext): string | null {
    const launch = grafanaLaunch(ctx, this.env);
    return 'unavailable' in launch ? launch.unavailable : null;
  }

  /** Grafana's spec: without a binary it is unavailable (reported, not an error). */
  private async startGrafana(ctx: RuntimeContext, emit: Emit): Promise<void> {
    const url = grafanaUrl(ctx.settings);
    const launch = grafanaLaunch(ctx, this.env);
    await this.ensureService(ctx, emit, {
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
                ...this.env,
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
    });
  }

  /**
   * One service up: a running one of ours is adopted once ready (and `adopted` runs); one on
   * another port or started with other arguments is stopped and replaced (one without the web
   * config would answer anyone); otherwise it is spawned on a free port and waited for.
   */
  private async ensureService(ctx: RuntimeContext, emit: Emit, spec: ServiceSpec): Promise<void> {
    const { service, title } = spec;
    const fail = failWith(emit, service);
    const proc = this.process(ctx, service);
    let running = await proc.current();
    if (
      running &&
      (running.port !== spec.port || (spec.args && !(await proc.runsWith(spec.args))))
    ) {
      await proc.stop(this.opts.stopTimeoutMs ?? 10_000);
      running = null;
    }
    if (running) {
      // Ours and running (maybe started by another process).
      await spec.whileProbing((probe) => this.awaitReady(ctx, service, proc, probe, fail));
      await spec.adopted?.(running);
      emit({
        service,
        phase: 'started',
        message: `${title} (pid ${running.pid}, started by ${running.startedBy.client}) is running`,
      });
      return;
    }
    const launch = spec.launch();
    if ('unavailable' in launch) {
      emit({ service, phase: 'stopped', message: launch.unavailable });
      return;
    }
    await assertPortFree(service, spec.port, fail);
    emit({ service, phase: 'starting', message: `Starting ${launch.file} on ${launch.where}` });
    await proc.start(launch.file, launch.args, {
      cwd: join(ctx.dataDir, 'native'),
      env: await launch.env(),
      port: spec.port,
      configHash: launch.configHash,
      startedBy: this.opts.client ?? 'Peak Watch',
    });
    await spec.whileProbing((probe) => this.awaitReady(ctx, service, proc, probe, fail));
    emit({ service, phase: 'started', message: `${title} ready on ${launch.readyAt}` });
  }

  private async awaitReady(
    ctx: RuntimeContext,
    service: ServiceName,
    proc: NativeProcess,
    probe: () => Promise<boolean>,
    fail: (err: ConsoleError) => ConsoleError,
  ): Promise<void> {
    const timeoutMs = this.opts.readyTimeoutMs ?? 60_000;
    this.starting.add(service);
    let outcome: ReadyOutcome;
    try {
      outcome = await proc.waitUntilReady(probe, { timeoutMs, signal: ctx.signal });
    } finally {
      this.starting.delete(service);
    }
    if (outcome === 'ready') return;
    if (outcome !== 'exited') await proc.stop(this.opts.stopTimeoutMs ?? 10_000);
    else await proc.stop(0);
    // Its own exit record may trail the pid's disappearance by a moment.
    await new Promise((r) => setTimeout(r, outcome === 'exited' ? 200 : 0));
    const tail = (await this.logs(ctx, service, 15)).filter((l) => !l.startsWith('--- peak-watch'));
    throw fail(
      startupError(service, outcome, { tail, logFile: proc.logFile, exit: proc.exit }, timeoutMs),
    );
  }

  private async serviceStatus(
    ctx: RuntimeContext,
    name: ServiceName,
    url: string,
    unavailable: string | null,
  ): Promise<ServiceStatus> {
    const proc = this.process(ctx, name);
    const record = await proc.current();
    if (record) {
      if (this.starting.has(name))
        return { name, state: 'starting', exitCode: null, url, detail: null };
      // A live pid is not a working service: it may still be replaying its WAL, or hang.
      const notReady = await readinessProblem(
        name,
        url,
        name === 'prometheus' ? await prometheusClientAuth(ctx.dataDir) : null,
      );
      if (notReady === null) return { name, state: 'running', exitCode: null, url, detail: null };
      const detail = `pid ${record.pid} is running but not ready: ${notReady}`;
      return { name, state: 'starting', exitCode: null, url, detail };
    }
    return stoppedStatus(proc, { name, url, unavailable }, () => this.logs(ctx, name, 20));
  }
}
