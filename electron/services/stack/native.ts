// The native runtime: where Docker is missing but a `prometheus` binary exists, Peak Watch runs
// it as a child process with the same generated config (prometheus.native.yml), its data in
// <dataDir>/native/prometheus and its log in <dataDir>/native/prometheus.log. Grafana runs the
// same way when a grafana binary exists; otherwise it is reported as unavailable, not as an error.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConsoleError,
  type ServiceName,
  type ServiceStatus,
  type StackProgress,
} from '../../../shared/api';
import type { Settings } from '../../../shared/settings';
import { runCommand } from '../exec';
import { PrometheusClient } from '../prometheus';
import { STACK_PATHS } from './files';
import { locateBinary, parseVersion } from './native-binaries';
import { grafanaLaunch, grafanaReady, type GrafanaLaunch } from './native-grafana';
import {
  PROMETHEUS_MISSING_FIX,
  assertPortFree,
  prometheusMissing,
  startupError,
} from './native-errors';
import { NativeProcess, readLastLines, type ReadyOutcome } from './native-process';
import { grafanaUrl, prometheusUrl, type RuntimeContext, type StackRuntimeDriver } from './runtime';

export interface NativeRuntimeOptions {
  /** Current settings, so that detect() (which is given none) honours a configured binary. */
  settings?: () => Settings;
  /** PATH for finding binaries and the children's environment. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** How long a service may take to become ready. Default 60 s (a big WAL replays slowly). */
  readyTimeoutMs?: number;
  /** Between SIGTERM and SIGKILL on stop. Default 10 s. */
  stopTimeoutMs?: number;
  /** Log lines kept in memory per service. Default 2000. */
  logLines?: number;
}

type Emit = (p: StackProgress) => void;

export class NativeRuntime implements StackRuntimeDriver {
  readonly kind = 'native' as const;
  private readonly processes = new Map<ServiceName, NativeProcess>();
  private readonly starting = new Set<ServiceName>();
  private lastSettings: Settings | null = null;

  constructor(private readonly opts: NativeRuntimeOptions = {}) {}

  private get env(): NodeJS.ProcessEnv {
    return this.opts.env ?? process.env;
  }

  private settingsNow(): Settings | null {
    return this.opts.settings?.() ?? this.lastSettings;
  }

  async detect(signal?: AbortSignal): Promise<string> {
    const configured = this.settingsNow()?.stack.prometheusBinary ?? '';
    const lookup = locateBinary(configured, ['prometheus'], this.env);
    if (!lookup.found) {
      throw prometheusMissing(lookup.why);
    }
    let output: string;
    try {
      const r = await runCommand(lookup.path, ['--version'], {
        timeoutMs: 10_000,
        signal,
        env: this.env,
      });
      output = r.stdout + r.stderr;
    } catch (err) {
      throw new ConsoleError({
        code: 'prometheus-unusable',
        message: `${lookup.path} --version failed: ${(err as Error).message}`,
        fix: PROMETHEUS_MISSING_FIX,
      });
    }
    const version = parseVersion(output);
    if (!version || !/prometheus/i.test(output)) {
      throw new ConsoleError({
        code: 'prometheus-unusable',
        message: `${lookup.path} does not look like Prometheus: ${output.trim().slice(0, 200)}`,
        fix: PROMETHEUS_MISSING_FIX,
      });
    }
    return `prometheus ${version}`;
  }

  async up(ctx: RuntimeContext, onProgress: Emit): Promise<void> {
    this.lastSettings = ctx.settings;
    await this.startPrometheus(ctx, onProgress);
    await this.startGrafana(ctx, onProgress);
  }

  async down(ctx: RuntimeContext, onProgress: Emit): Promise<void> {
    this.lastSettings = ctx.settings;
    for (const service of ['grafana', 'prometheus'] as const) {
      const proc = this.processes.get(service);
      if (!proc?.running) {
        onProgress({ service, phase: 'stopped', message: `${service} was not running` });
        continue;
      }
      onProgress({ service, phase: 'stopping', message: `Stopping ${service} (pid ${proc.pid})` });
      await proc.stop(this.opts.stopTimeoutMs ?? 10_000);
      onProgress({ service, phase: 'stopped', message: `${service} stopped; its data is kept` });
    }
  }

  status(ctx: RuntimeContext): Promise<ServiceStatus[]> {
    this.lastSettings = ctx.settings;
    return Promise.resolve([
      this.serviceStatus('prometheus', prometheusUrl(ctx.settings), null),
      this.serviceStatus('grafana', grafanaUrl(ctx.settings), this.grafanaUnavailable(ctx)),
    ]);
  }

  async logs(ctx: RuntimeContext, service: ServiceName, lines: number): Promise<string[]> {
    const proc = this.processes.get(service);
    const inMemory = proc?.tail(lines) ?? [];
    if (inMemory.length) return inMemory;
    // Nothing this run: the log file still holds the previous runs.
    return readLastLines(this.logFile(ctx, service), lines);
  }

  /** The pid of a running service (diagnostics and tests). */
  pid(service: ServiceName): number | null {
    return this.processes.get(service)?.pid ?? null;
  }

  /** For app quit: signals every child at once, waits for nothing. The caller wires process exit. */
  dispose(): void {
    for (const proc of this.processes.values()) proc.kill('SIGTERM');
  }

  private logFile(ctx: RuntimeContext, service: ServiceName): string {
    return join(ctx.dataDir, 'native', `${service}.log`);
  }

  private process(ctx: RuntimeContext, service: ServiceName): NativeProcess {
    const logFile = this.logFile(ctx, service);
    let proc = this.processes.get(service);
    if (!proc || (!proc.running && proc.logFile !== logFile)) {
      proc = new NativeProcess(logFile, this.opts.logLines);
      this.processes.set(service, proc);
    }
    return proc;
  }

  private async startPrometheus(ctx: RuntimeContext, emit: Emit): Promise<void> {
    const { stack } = ctx.settings;
    const lookup = locateBinary(stack.prometheusBinary, ['prometheus'], this.env);
    const fail = (err: ConsoleError): ConsoleError => {
      emit({ service: 'prometheus', phase: 'failed', message: err.message });
      return err;
    };
    if (!lookup.found) {
      throw fail(prometheusMissing(lookup.why));
    }
    const config = join(ctx.filesDir, ...STACK_PATHS.prometheusNativeConfig.split('/'));
    if (!existsSync(config)) {
      throw fail(
        new ConsoleError({
          code: 'stack-files-missing',
          message: `${config} does not exist.`,
          fix: 'Start the stack from Peak Watch, which writes its files first.',
        }),
      );
    }
    const proc = this.process(ctx, 'prometheus');
    const client = new PrometheusClient({ baseUrl: prometheusUrl(ctx.settings), timeoutMs: 2_000 });
    try {
      if (proc.running) {
        // Already ours and running: make it pick up the freshly written config.
        await client.reload();
        emit({
          service: 'prometheus',
          phase: 'started',
          message: `Prometheus (pid ${proc.pid}) reloaded its config`,
        });
        return;
      }
      await assertPortFree('prometheus', stack.prometheusPort, fail);
      const listen = `127.0.0.1:${stack.prometheusPort}`;
      emit({
        service: 'prometheus',
        phase: 'starting',
        message: `Starting ${lookup.path} on ${listen}`,
      });
      await proc.start(
        lookup.path,
        [
          `--config.file=${config}`,
          `--storage.tsdb.path=${join(ctx.dataDir, 'native', 'prometheus')}`,
          `--web.listen-address=${listen}`,
          '--web.enable-lifecycle',
        ],
        { cwd: join(ctx.dataDir, 'native'), env: this.env },
      );
      await this.awaitReady('prometheus', proc, () => client.ready(), ctx, fail);
      emit({
        service: 'prometheus',
        phase: 'started',
        message: `Prometheus ready on http://${listen}`,
      });
    } finally {
      await client.close();
    }
  }

  private grafanaUnavailable(ctx: RuntimeContext): string | null {
    if (this.processes.get('grafana')?.running) return null;
    const launch = grafanaLaunch(ctx, this.env);
    return 'unavailable' in launch ? launch.unavailable : null;
  }

  private async startGrafana(ctx: RuntimeContext, emit: Emit): Promise<void> {
    const proc = this.process(ctx, 'grafana');
    if (proc.running) {
      emit({
        service: 'grafana',
        phase: 'started',
        message: `Grafana (pid ${proc.pid}) is running`,
      });
      return;
    }
    const launch: GrafanaLaunch = grafanaLaunch(ctx, this.env);
    if ('unavailable' in launch) {
      emit({ service: 'grafana', phase: 'stopped', message: launch.unavailable });
      return;
    }
    const fail = (err: ConsoleError): ConsoleError => {
      emit({ service: 'grafana', phase: 'failed', message: err.message });
      return err;
    };
    await assertPortFree('grafana', ctx.settings.stack.grafanaPort, fail);
    emit({
      service: 'grafana',
      phase: 'starting',
      message: `Starting ${launch.file} on ${grafanaUrl(ctx.settings)}`,
    });
    await proc.start(launch.file, launch.args, {
      cwd: join(ctx.dataDir, 'native'),
      env: { ...this.env, ...(await launch.env()) },
    });
    await this.awaitReady('grafana', proc, () => grafanaReady(grafanaUrl(ctx.settings)), ctx, fail);
    emit({
      service: 'grafana',
      phase: 'started',
      message: `Grafana ready on ${grafanaUrl(ctx.settings)}`,
    });
  }

  private async awaitReady(
    service: ServiceName,
    proc: NativeProcess,
    probe: () => Promise<boolean>,
    ctx: RuntimeContext,
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
    throw fail(startupError(service, outcome, proc, timeoutMs));
  }

  private serviceStatus(name: ServiceName, url: string, unavailable: string | null): ServiceStatus {
    const proc = this.processes.get(name);
    if (proc?.running) {
      return {
        name,
        state: this.starting.has(name) ? 'starting' : 'running',
        exitCode: null,
        url,
        detail: null,
      };
    }
    if (unavailable)
      return { name, state: 'unavailable', exitCode: null, url, detail: unavailable };
    const exit = proc?.exit;
    if (!exit || exit.stoppedByUs)
      return { name, state: 'stopped', exitCode: exit?.code ?? null, url, detail: null };
    const how =
      exit.spawnError ??
      (exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`);
    // Its last words explain an exit only when they are an error or a warning ("err=… bind:
    // address already in use"); an info line before a kill ("Starting rule manager…") is noise.
    const last = proc
      .tail(20)
      .filter((line) => !line.startsWith('--- peak-watch'))
      .reverse()
      .find((line) => !/\blevel=(info|debug)\b/.test(line));
    return {
      name,
      state: 'exited',
      exitCode: exit.code,
      url,
      detail: last ? `${how}: ${last}` : how,
    };
  }
}
