// The stack as the user sees it: one Start and one Stop, whichever runtime runs it and whichever
// process (app, headless console, CLI) asks. Writes the files from settings, drives the chosen
// runtime under the data folder's stack lock, decides whether Start can work, watches the stack
// and pushes `stackStatus` on every change, and applies a settings change to a running stack
// (reload Prometheus by SIGHUP, or recreate what changed).
import { join } from 'node:path';
import type { PreflightCheckId } from '../../../shared/preflight-ids';
import {
  ConsoleError,
  type ServiceName,
  type StackLogs,
  type StackProgress,
  type StackStartGate,
  type StackStatus,
} from '../../../shared/api';
import type { Settings } from '../../../shared/settings';
import { diffSettings, isLoopbackHost } from '../../../shared/settings';
import type { ConsoleEventBus } from '../events';
import type { SecretStore } from '../secrets';
import { STACK_PATHS, writeStackFiles, type WrittenStackFiles } from './files';
import { grafanaSourceChanged } from './files-render';
import { receiversWithSecret, remoteWriteSecretName } from '../remote-write/render';
import { prometheusRunning, type RuntimeContext, type StackRuntimeDriver } from './runtime';
import { StartGateCache } from './stack-detect';
import { StackLock, describeHolder, type StackAction } from './stack-lock';

/** file_sd target files: Prometheus watches them, so a change to them needs no reload. */
const INSTANCE_FILES = new Set<string>([STACK_PATHS.instances, STACK_PATHS.instancesNative]);

/** A change the services must be recreated for (a file change can need it too: the compose file). */

export function needsRestart(previous: Settings, current: Settings): boolean {
  const diff = diffSettings(previous, current);
  return (
    diff.has('stack', 'runtime', 'prometheusPort', 'grafanaPort') || grafanaSourceChanged(diff)
  );
}

export interface StackServiceDeps {
  dataDir: string;
  platform: NodeJS.Platform;
  secrets: SecretStore;
  settings: () => Settings;
  drivers: Record<'docker' | 'native', StackRuntimeDriver>;
  events: ConsoleEventBus;
  /** Who this process is, for the lock and the native state file: 'peak-watch CLI'. */
  client?: string;
  /** Re-runs these preflight checks and pushes them (`preflight` event). */
  rerunChecks?: (ids: PreflightCheckId[]) => void;
}

export class StackService {
  readonly filesDir: string;
  readonly dataDir: string;
  private readonly lock: StackLock;
  private busy: StackAction | null = null;
  private lastError: string | null = null;
  private readonly gate = new StartGateCache();
  private watcher: NodeJS.Timeout | null = null;
  private lastPushed = '';

  constructor(private readonly deps: StackServiceDeps) {
    this.filesDir = join(deps.dataDir, 'stack');
    this.dataDir = deps.dataDir;
    this.lock = new StackLock(deps.dataDir, deps.client ?? 'Peak Watch');
  }

  private get driver(): StackRuntimeDriver {
    return this.deps.drivers[this.deps.settings().stack.runtime];
  }

  private context(settings = this.deps.settings()): RuntimeContext {
    return { filesDir: this.filesDir, dataDir: this.deps.dataDir, settings };
  }

  async writeFiles(dir = this.filesDir): Promise<WrittenStackFiles> {
    const settings = this.deps.settings();
    const offLoopback = !isLoopbackHost(settings.server.host);
    return writeStackFiles(dir, {
      settings,
      platform: this.deps.platform,
      grafanaPassword: await this.deps.secrets.get('grafana-admin-password'),
      prometheusPassword: await this.deps.secrets.get('prometheus-password'),
      serverToken: offLoopback ? await this.deps.secrets.get('server-token') : null,
      project: this.deps.drivers.docker.projectOf?.(this.context()) ?? undefined,
      tokenGid: typeof process.getgid === 'function' ? process.getgid() : null,
      secretsDir: this.deps.secrets.dir,
      remoteWriteSecrets: await this.receiverSecrets(settings),
    });
  }

  /** Each remote-write receiver's secret as it is now (another client may have replaced it). */
  private async receiverSecrets(settings: Settings): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const r of receiversWithSecret(settings)) {
      out[r.id] = await this.deps.secrets.given(remoteWriteSecretName(r.id));
    }
    return out;
  }

  async status(): Promise<StackStatus> {
    const settings = this.deps.settings();
    let services: StackStatus['services'] = [];
    try {
      services = await this.driver.status(this.context());
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
    }
    const detected = await this.gate.get(settings, this.deps.drivers);
    const holder = this.busy ? null : await this.lock.holder();
    const busy = this.busy ?? holder?.action ?? null;
    const running =
      services.length > 0 && services.every((s) => ['running', 'unavailable'].includes(s.state));
    let gate: StackStartGate = detected.gate;
    if (busy) {
      const reason = holder ? `The stack is ${describeHolder(holder)}` : `The stack is ${busy}`;
      gate = { ...gate, ok: false, reason, fix: 'Wait for it to finish.' };
    } else if (gate.ok && running) {
      gate = { ...gate, ok: false, reason: 'Already running', fix: null };
    }
    return {
      runtime: settings.stack.runtime,
      driver: detected.driver,
      project:
        settings.stack.runtime === 'docker'
          ? (this.deps.drivers.docker.projectOf?.(this.context()) ?? null)
          : null,
      services,
      filesDir: this.filesDir,
      busy,
      busyBy: holder ? `${holder.client}, pid ${holder.pid}` : null,
      canStart: gate,
      lastError: this.lastError,
    };
  }

  /** Whether anything of the stack runs (for quit: there is nothing to stop otherwise). */
  async isUp(): Promise<boolean> {
    const services = await this.driver.status(this.context()).catch(() => []);
    return services.some((s) => ['running', 'starting', 'restarting'].includes(s.state));
  }

  async start(): Promise<StackStatus> {
    await this.exclusive('starting', (progress) => this.bringUp(progress));
    return this.publish();
  }

  /** Start's work, inside the stack lock. */
  private async bringUp(progress: (p: StackProgress) => void): Promise<void> {
    this.gate.forget();
    await this.driver.detect();
    await this.writeFiles();
    try {
      await this.driver.up(this.context(), progress);
    } catch (err) {
      // A half-started stack with `restart: unless-stopped` would crash-loop in the background;
      // take it down so the error on screen is the whole story.
      await this.driver.down(this.context(), () => undefined).catch(() => undefined);
      throw err;
    }
  }

  async stop(): Promise<StackStatus> {
    await this.exclusive('stopping', (progress) => this.driver.down(this.context(), progress));
    return this.publish();
  }

  /** Ports, readiness and the scrape target change with the stack: the core re-runs them. */
  private recheck(): void {
    this.deps.rerunChecks?.([
      'port-prometheus',
      'port-grafana',
      'stack-files',
      'prometheus-ready',
      'scrape-target',
      'grafana',
    ]);
  }

  async logs(service: ServiceName, lines: number): Promise<StackLogs> {
    return { service, lines: await this.driver.logs(this.context(), service, lines) };
  }

  /**
   * After a settings change made in this process: rewrite the files and bring a running stack in
   * line. A scrape change is a reload; a port, image or runtime change needs the services
   * recreated. Only the process that made the change runs this; the others follow (below).
   */
  async applySettings(previous: Settings): Promise<string[]> {
    const current = this.deps.settings();
    try {
      return await this.bringInLine(previous, current);
    } finally {
      // The settings applier re-runs the preflight checks this change affects.
      void this.publish().catch(() => undefined);
    }
  }

  /**
   * A change another process wrote to settings.json. A restart (runtime, ports, images) is the
   * writer's to do, under the stack lock — a second one here would race it — so this process only
   * shows the stack as it now is, busy while the other one works. A scrape or rule change is
   * brought in line here too, because settings.json may have been edited by hand, with no writer
   * to apply it: the files are rewritten only where they differ, so after a writer that already
   * rewrote them (and reloaded) there is nothing left to do, and Prometheus reloads once.
   */
  async followSettings(previous: Settings): Promise<string[]> {
    try {
      const current = this.deps.settings();
      if (needsRestart(previous, current) || (await this.lock.holder())) return [];
      const written = await this.writeFiles();
      if (written.composeChanged || !written.prometheusConfigChanged) return [];
      if (!(await this.isRunning(this.driver, this.context()))) return [];
      return [await this.reload(written)];
    } finally {
      void this.publish().catch(() => undefined);
    }
  }

  private async bringInLine(previous: Settings, current: Settings): Promise<string[]> {
    const written = await this.writeFiles();
    const applied: string[] = [];
    if (written.changed.length) applied.push(`stack files rewritten in ${this.filesDir}`);
    const runtimeChanged = previous.stack.runtime !== current.stack.runtime;
    const oldDriver = this.deps.drivers[previous.stack.runtime];
    const oldCtx = this.context(previous);
    if (!(await this.isRunning(oldDriver, oldCtx))) return applied;
    if (needsRestart(previous, current) || written.composeChanged) {
      // Stop and start as one step under the stack lock: no other Start/Stop in between, and a
      // process that dies halfway leaves a stale lock that the next Start takes over.
      await this.exclusive('starting', async (progress) => {
        await oldDriver.down(oldCtx, progress);
        await this.bringUp(progress);
      }).catch((err: unknown) => {
        const e = err instanceof ConsoleError ? err : null;
        throw new ConsoleError({
          code: e?.code ?? 'stack-restart-failed',
          message: `Settings saved, but the stack was not restarted: ${(err as Error).message}`,
          fix: e?.fix ?? 'Start the stack again to run it with the new settings.',
        });
      });
      applied.push(
        runtimeChanged
          ? `stack moved to the ${current.stack.runtime} runtime`
          : 'stack restarted with the new settings',
      );
    } else if (written.prometheusConfigChanged) {
      applied.push(await this.reload(written));
    } else if (written.changed.some((p) => INSTANCE_FILES.has(p))) {
      applied.push('Prometheus picks up the instances file by itself (no reload)');
    }
    applied.push(...written.warnings);
    return applied;
  }

  private async isRunning(driver: StackRuntimeDriver, ctx: RuntimeContext): Promise<boolean> {
    return prometheusRunning(await driver.status(ctx).catch(() => []));
  }

  /** SIGHUP (or docker kill --signal=HUP) for rewritten Prometheus files, confirmed; what it did. */
  private async reload(written: WrittenStackFiles): Promise<string> {
    try {
      await this.driver.reload(this.context());
    } catch (err) {
      const e = err instanceof ConsoleError ? err : null;
      throw new ConsoleError({
        code: e?.code ?? 'prometheus-reload-failed',
        message: `Settings saved, but Prometheus did not reload: ${(err as Error).message}`,
        fix: e?.fix ?? 'Stop and start the stack to apply the new scrape config.',
      });
    }
    return written.alertRulesChanged && written.changed.length === 1
      ? 'Prometheus reloaded its alert rules'
      : 'Prometheus reloaded its scrape config';
  }

  /** Polls the stack and pushes `stackStatus` whenever it differs from the last one pushed. */
  watch(intervalMs = 2_500): void {
    if (this.watcher) return;
    let polling = false;
    this.watcher = setInterval(() => {
      if (polling) return;
      polling = true;
      void this.publishIfChanged().finally(() => (polling = false));
    }, intervalMs);
    this.watcher.unref();
  }

  unwatch(): void {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = null;
  }

  private async publishIfChanged(): Promise<void> {
    const status = await this.status().catch(() => null);
    if (status && JSON.stringify(status) !== this.lastPushed) this.push(status);
  }

  private push(status: StackStatus): void {
    this.lastPushed = JSON.stringify(status);
    this.deps.events.emit('stackStatus', status);
  }

  private async exclusive(
    busy: StackAction,
    work: (progress: (p: StackProgress) => void) => Promise<void>,
  ): Promise<void> {
    if (this.busy) {
      throw new ConsoleError({
        code: 'stack-busy',
        message: `The stack is already ${this.busy}.`,
        fix: 'Wait for it to finish.',
      });
    }
    // Claimed before the first await, so a second Start/Stop in this process is refused here
    // rather than racing this one for the lock file (where either could lose).
    this.busy = busy;
    let release: () => Promise<void>;
    try {
      release = await this.lock.acquire(busy);
    } catch (err) {
      this.busy = null;
      throw err;
    }
    this.lastError = null;
    void this.publish();
    try {
      await work((p) => this.deps.events.emit('stackProgress', p));
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      this.busy = null;
      await release();
      this.recheck();
    }
  }

  private async publish(): Promise<StackStatus> {
    const status = await this.status();
    this.push(status);
    return status;
  }
}
