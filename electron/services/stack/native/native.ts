// The native runtime: where Docker is missing but a `prometheus` binary exists, Peak Watch runs
// it with the same generated config (prometheus.native.yml), its data in <dataDir>/native/
// prometheus and its log in <dataDir>/native/prometheus.log. The process is detached and outlives
// the app or CLI that started it; a state file beside the log lets the next one adopt it (see
// process.ts). Grafana runs the same way when a grafana binary exists; otherwise it is
// reported as unavailable, not as an error. This file is the runtime driver (up, down, status,
// logs, reload); each service's spec (prometheus.ts, grafana.ts) is brought up by ensureService
// (ensure-service.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ConsoleError,
  type ServiceName,
  type ServiceStatus,
  type StackProgress,
} from '../../../../shared/api';
import type { Settings } from '../../../../shared/settings';
import { reloadAndConfirm } from '../prometheus-reload';
import {
  grafanaUrl,
  managedPrometheus,
  prometheusClientAuth,
  prometheusUrl,
  type RuntimeContext,
  type StackRuntimeDriver,
} from '../runtime';
import { ensureService, failWith, type EnsureDeps } from './ensure-service';
import { grafanaDataArg, grafanaLaunch, grafanaSpec } from './grafana';
import { readLastLines } from './log-file';
import { NativeProcess } from './process';
import { prometheusConfigFile, prometheusDataArg, prometheusSpec, sha256 } from './prometheus';
import {
  detectPrometheus,
  findGrafana,
  findPrometheus,
  readinessProblem,
  stoppedStatus,
} from './status';

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
    const fail = failWith(onProgress, 'prometheus');
    const prometheus = await prometheusSpec(ctx, this.env, fail, () => this.reload(ctx));
    await ensureService(this.ensureDeps(ctx, 'prometheus'), onProgress, prometheus);
    const grafana = grafanaSpec(ctx, this.env);
    await ensureService(this.ensureDeps(ctx, 'grafana'), onProgress, grafana);
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
    const text = await readFile(prometheusConfigFile(ctx), 'utf8');
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

  /** What ensureService needs for one service, with this runtime's timeouts. */
  private ensureDeps(ctx: RuntimeContext, service: ServiceName): EnsureDeps {
    return {
      proc: this.process(ctx, service),
      cwd: join(ctx.dataDir, 'native'),
      signal: ctx.signal,
      readyTimeoutMs: this.opts.readyTimeoutMs ?? 60_000,
      stopTimeoutMs: this.opts.stopTimeoutMs ?? 10_000,
      startedBy: this.opts.client ?? 'Peak Watch',
      starting: this.starting,
    };
  }

  private noGrafana(ctx: RuntimeContext): string | null {
    const launch = grafanaLaunch(ctx, this.env);
    return 'unavailable' in launch ? launch.unavailable : null;
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
