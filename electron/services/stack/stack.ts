// The stack as the user sees it: one Start and one Stop, whichever runtime runs it. Writes the
// files from settings, drives the chosen runtime, reports progress and status, and applies a
// settings change to a running stack (reload Prometheus, or recreate what changed).
import { join } from 'node:path';
import {
  ConsoleError,
  type ServiceName,
  type StackLogs,
  type StackProgress,
  type StackStatus,
} from '../../../shared/api';
import type { Settings } from '../../../shared/settings';
import { isLoopbackHost } from '../../../shared/settings';
import type { ConsoleEventBus } from '../events';
import type { SecretStore } from '../secrets';
import { writeStackFiles, type WrittenStackFiles } from './files';
import type { RuntimeContext, StackRuntimeDriver } from './runtime';

export interface StackServiceDeps {
  dataDir: string;
  platform: NodeJS.Platform;
  secrets: SecretStore;
  settings: () => Settings;
  drivers: Record<'docker' | 'native', StackRuntimeDriver>;
  events: ConsoleEventBus;
  /** Asks Prometheus to re-read its config (POST /-/reload). */
  reloadPrometheus: () => Promise<void>;
}

export class StackService {
  readonly filesDir: string;
  private busy: StackStatus['busy'] = null;
  private lastError: string | null = null;
  private driverName: string | null = null;
  /** Whether this process started the stack (quit stops only what we started). */
  startedHere = false;

  constructor(private readonly deps: StackServiceDeps) {
    this.filesDir = join(deps.dataDir, 'stack');
  }

  private get driver(): StackRuntimeDriver {
    return this.deps.drivers[this.deps.settings().stack.runtime];
  }

  private context(): RuntimeContext {
    return { filesDir: this.filesDir, dataDir: this.deps.dataDir, settings: this.deps.settings() };
  }

  async writeFiles(dir = this.filesDir): Promise<WrittenStackFiles> {
    const settings = this.deps.settings();
    const offLoopback = !isLoopbackHost(settings.server.host);
    return writeStackFiles(dir, {
      settings,
      platform: this.deps.platform,
      grafanaPassword: await this.deps.secrets.get('grafana-admin-password'),
      serverToken: offLoopback ? await this.deps.secrets.get('server-token') : null,
    });
  }

  async status(): Promise<StackStatus> {
    const settings = this.deps.settings();
    let services: StackStatus['services'] = [];
    try {
      services = await this.driver.status(this.context());
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
    }
    if (this.driverName === null) {
      this.driverName = await this.driver.detect().catch(() => null);
    }
    return {
      runtime: settings.stack.runtime,
      driver: this.driverName,
      services,
      filesDir: this.filesDir,
      busy: this.busy,
      lastError: this.lastError,
    };
  }

  async start(): Promise<StackStatus> {
    await this.exclusive('starting', async (progress) => {
      this.driverName = await this.driver.detect();
      await this.writeFiles();
      try {
        await this.driver.up(this.context(), progress);
      } catch (err) {
        // A half-started stack with `restart: unless-stopped` would crash-loop in the background;
        // take it down so the error on screen is the whole story.
        await this.driver.down(this.context(), () => undefined).catch(() => undefined);
        throw err;
      }
      this.startedHere = true;
    });
    return this.publish();
  }

  async stop(): Promise<StackStatus> {
    await this.exclusive('stopping', async (progress) => {
      await this.driver.down(this.context(), progress);
      this.startedHere = false;
    });
    return this.publish();
  }

  async logs(service: ServiceName, lines: number): Promise<StackLogs> {
    return { service, lines: await this.driver.logs(this.context(), service, lines) };
  }

  /**
   * After a settings change: rewrite the files and bring a running stack in line. A scrape change
   * is a reload; a port, image or runtime change needs the services recreated.
   */
  async applySettings(previous: Settings): Promise<string[]> {
    const written = await this.writeFiles();
    const applied: string[] = [];
    if (written.changed.length) applied.push(`stack files rewritten in ${this.filesDir}`);
    const current = this.deps.settings();
    const runtimeChanged = previous.stack.runtime !== current.stack.runtime;
    const oldDriver = this.deps.drivers[previous.stack.runtime];
    const oldCtx = { ...this.context(), settings: previous };
    const running = (await oldDriver.status(oldCtx).catch(() => [])).some(
      (s) => s.name === 'prometheus' && s.state === 'running',
    );
    if (!running) return applied;
    const portsChanged =
      previous.stack.prometheusPort !== current.stack.prometheusPort ||
      previous.stack.grafanaPort !== current.stack.grafanaPort;
    if (runtimeChanged || portsChanged || written.composeChanged) {
      await oldDriver.down(oldCtx, () => undefined);
      await this.start();
      applied.push(
        runtimeChanged
          ? `stack moved to the ${current.stack.runtime} runtime`
          : 'stack restarted with the new settings',
      );
    } else if (written.prometheusConfigChanged) {
      try {
        await this.deps.reloadPrometheus();
        applied.push(
          written.alertRulesChanged && written.changed.length === 1
            ? 'Prometheus reloaded its alert rules'
            : 'Prometheus reloaded its scrape config',
        );
      } catch (err) {
        throw new ConsoleError({
          code: 'prometheus-reload-failed',
          message: `Settings saved, but Prometheus did not reload: ${(err as Error).message}`,
          fix: 'Stop and start the stack to apply the new scrape config.',
        });
      }
    }
    return applied;
  }

  private async exclusive(
    busy: NonNullable<StackStatus['busy']>,
    work: (progress: (p: StackProgress) => void) => Promise<void>,
  ): Promise<void> {
    if (this.busy) {
      throw new ConsoleError({
        code: 'stack-busy',
        message: `The stack is already ${this.busy}.`,
        fix: 'Wait for it to finish.',
      });
    }
    this.busy = busy;
    this.lastError = null;
    void this.publish();
    try {
      await work((p) => this.deps.events.emit('stackProgress', p));
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      this.busy = null;
    }
  }

  private async publish(): Promise<StackStatus> {
    const status = await this.status();
    this.deps.events.emit('stackStatus', status);
    return status;
  }
}
