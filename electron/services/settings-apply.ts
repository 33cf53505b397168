// Applying a settings change to the running services — the same path for a change made here
// (updateSettings) and one noticed on disk (another process wrote settings.json). What changed
// decides what runs: a flag flips the server's flags, an address change rebinds it (and only in a
// process that serves), a Prometheus port change makes a new client, stack-side settings go to
// the stack — from the process that made the change only; one that noticed it follows the stack's
// status, so a reload or restart happens once. Changes run one at a time, in the order they came.
import { ConsoleError, type SettingsUpdateResult, type SettingsView } from '../../shared/api';
import type { PreflightCheckId } from '../../shared/preflight-ids';
import { diffSettings, type Settings, type SettingsPatch } from '../../shared/settings';
import type { ConsoleEventBus } from './events';
import type { MetricsServer } from './metrics-server';
import type { ServerTelemetryExport } from './telemetry-export/follow-settings';
import { affectedChecks } from './preflight';
import type { PrometheusClient } from './prometheus';
import { addressesOverlap, planSettingsChange, type SettingsChangePlan } from './settings-plan';
import type { SettingsChange, SettingsEdit, SettingsStore } from './settings-store';
import { watchSettingsFile } from './settings-watch';

export interface SettingsApplierDeps {
  store: SettingsStore;
  events: ConsoleEventBus;
  serving: boolean;
  /** A server for these settings, not yet listening. */
  makeServer(settings: Settings): Promise<MetricsServer>;
  makePrometheus(settings: Settings): PrometheusClient;
  stack: {
    /** A change made here: rewrite the files, reload or restart a running stack. */
    applySettings(previous: Settings): Promise<string[]>;
    /** A change another process wrote: show the stack as it is; reload it only when nobody did
     * (a hand edit), never restart it. */
    followSettings(previous: Settings): Promise<string[]>;
  };
  /** Re-runs these preflight checks and pushes the report (the `preflight` event). */
  rerunChecks?: (ids: PreflightCheckId[]) => void;
  /** Settings read from disk that are not to be used as they are: the overlay and the warning. */
  checkOnDisk?: (settings: Settings) => Promise<{ patch: SettingsPatch; warning: string } | null>;
  view(): SettingsView;
  /** The server's span exporter (a serving process only): follows settings.telemetry. */
  telemetry?: Pick<ServerTelemetryExport, 'apply' | 'tracing' | 'close'>;
}

export class SettingsApplier {
  private queue: Promise<unknown> = Promise.resolve();
  private detachServer: () => void;
  /** Why the last change noticed on disk could not be applied in full; shown with the settings. */
  private problem: string | null = null;
  private stopWatching: (() => void) | null = null;
  /** prepareServer stopped the current server to free its port for the replacement. */
  private oldStopped = false;

  constructor(
    private readonly deps: SettingsApplierDeps,
    public server: MetricsServer,
    public prometheus: PrometheusClient,
  ) {
    this.detachServer = this.attach(server);
  }

  warnings(): string[] {
    return this.problem ? [this.problem] : [];
  }

  /** A change made in this process: nothing is saved when the new server address is taken. */
  update(patchOrEdit: SettingsPatch | SettingsEdit): Promise<SettingsUpdateResult> {
    return this.serial(async () => {
      // Filled in under the settings lock, between merging the patch and writing it.
      const prepared: { plan?: SettingsChangePlan; server?: MetricsServer } = {};
      this.oldStopped = false;
      // An edit's patch exists only under the lock; it is kept to see what it names.
      let patch: SettingsPatch = typeof patchOrEdit === 'function' ? {} : patchOrEdit;
      const edit =
        typeof patchOrEdit === 'function'
          ? (disk: Settings) => (patch = patchOrEdit(disk))
          : patchOrEdit;
      let change: SettingsChange;
      try {
        change = await this.deps.store.transact(edit, async ({ previous, next }) => {
          const namesAddress = !!patch.server && ('host' in patch.server || 'port' in patch.server);
          prepared.plan = this.plan(previous, next, namesAddress);
          if (prepared.plan.server !== 'keep') {
            prepared.server = await this.prepareServer(prepared.plan, next);
          }
        });
      } catch (err) {
        await prepared.server?.stop(); // bound, but the write failed: give the port back
        if (this.oldStopped) await this.server.start().catch(() => undefined);
        throw err;
      }
      this.problem = null;
      try {
        const applied = prepared.plan
          ? await this.carryOut(prepared.plan, change, prepared.server ?? null, 'here')
          : [];
        return { ...this.deps.view(), applied };
      } finally {
        this.deps.events.emit('settings', this.deps.view());
      }
    });
  }

  /** A change another process wrote: applied the same way to this process's own server and
   * client (what cannot be is a warning); the stack only followed, as its writer applies it. */
  applyFromDisk(): Promise<void> {
    return this.serial(async () => {
      const change = await this.deps.store.reloadFromDisk().catch((err: unknown) => {
        this.problem = `settings.json changed on disk but could not be read: ${(err as Error).message}`;
        return { previous: this.deps.store.get(), next: this.deps.store.get() };
      });
      if (!change) return;
      // A server.host that is not this machine's stays unused, as at start (checkSettingsOnDisk).
      const refused = await this.deps.checkOnDisk?.(change.next);
      if (refused) {
        this.deps.store.overlay(refused.patch);
        change.next = this.deps.store.get();
      }
      const plan = this.plan(change.previous, change.next, false);
      let replacement: MetricsServer | null = null;
      if (plan.server !== 'keep') {
        try {
          replacement = await this.prepareServer(plan, change.next);
          this.problem = null;
        } catch (err) {
          plan.server = 'keep';
          const at = `${change.next.server.host}:${change.next.server.port}`;
          const why = (err as Error).message;
          // A same-port move already says where it keeps serving.
          const where = why.includes('keeps serving at')
            ? ''
            : `; it keeps serving at ${this.server.status().url || 'its old address'}`;
          this.problem = `settings.json moves the server to ${at}, but ${why}${where}.`;
        }
      }
      if (refused) this.problem ??= refused.warning;
      try {
        await this.carryOut(plan, change, replacement, 'elsewhere');
      } catch (err) {
        this.problem = `A change in settings.json was saved but not fully applied: ${(err as Error).message}`;
      } finally {
        this.deps.events.emit('settings', this.deps.view());
      }
    });
  }

  /** Applies changes other processes make to settings.json from now on. */
  watch(): void {
    this.stopWatching ??= watchSettingsFile(this.deps.store.dataDir, () => {
      void this.applyFromDisk();
    });
  }

  /** Starts the span exporter the settings ask for (at start; later changes come through here). */
  followTelemetry(): Promise<void> {
    return this.serial(async () => {
      await this.applyTelemetry(this.deps.store.get()).catch((err: unknown) => {
        this.problem = `Request tracing could not start: ${(err as Error).message}`;
      });
    });
  }

  async close(): Promise<void> {
    this.stopWatching?.();
    await this.queue;
    this.detachServer();
    await this.server.stop();
    // After the server: its last requests' spans are in the batch this flushes (bounded).
    await this.deps.telemetry?.close();
    await this.prometheus.close();
  }

  private async applyTelemetry(next: Settings): Promise<string | null> {
    const telemetry = this.deps.telemetry;
    if (!telemetry) return null;
    const said = await telemetry.apply(next);
    this.server.setTracing(telemetry.tracing());
    return said;
  }

  private plan(previous: Settings, next: Settings, namesAddress: boolean): SettingsChangePlan {
    const listening = this.server.status().listening;
    return planSettingsChange(previous, next, {
      serving: this.deps.serving,
      listening,
      namesAddress,
    });
  }

  /** Throws port-in-use and the like before anything is saved or swapped. A new address that
   * the current listener blocks (same port, 0.0.0.0 vs 127.0.0.1) is bound after stopping the
   * current server; when that fails the current server is bound again and keeps serving. */
  private async prepareServer(plan: SettingsChangePlan, next: Settings): Promise<MetricsServer> {
    this.oldStopped = false;
    const replacement = await this.deps.makeServer(next);
    if (plan.server !== 'rebind') return replacement;
    const current = this.server.address;
    if (!current || !addressesOverlap(current, next.server)) {
      await replacement.start();
      return replacement;
    }
    const oldUrl = this.server.status().url;
    await this.server.stop();
    this.oldStopped = true;
    try {
      await replacement.start();
      return replacement;
    } catch (err) {
      this.oldStopped = false;
      const back = await this.server.start().then(
        () => `it keeps serving at ${oldUrl}`,
        (again: unknown) => `and ${oldUrl} could not be bound again: ${(again as Error).message}`,
      );
      const why = err instanceof ConsoleError ? err : null;
      throw new ConsoleError({
        code: why?.code ?? 'listen-failed',
        message: `${(err as Error).message}; ${back}`,
        fix: why?.fix ?? 'Check Settings → Server host and port',
      });
    }
  }

  private async carryOut(
    plan: SettingsChangePlan,
    { previous, next }: SettingsChange,
    replacement: MetricsServer | null,
    madeIn: 'here' | 'elsewhere',
  ): Promise<string[]> {
    const applied: string[] = [];
    if (replacement) {
      this.detachServer();
      await this.server.stop();
      this.server = replacement;
      this.detachServer = this.attach(replacement);
      this.deps.events.emit('serverStatus', replacement.status());
      if (plan.server === 'rebind') applied.push(`server moved to ${replacement.status().url}`);
    }
    if (replacement || diffSettings(previous, next).has('telemetry')) {
      const said = await this.applyTelemetry(next);
      if (said) applied.push(said);
    }
    if (plan.serverFlags) {
      this.server.setFlags(plan.serverFlags);
      const { enabled, strict } = plan.serverFlags;
      if (enabled !== undefined) applied.push(`instrumentation ${enabled ? 'on' : 'off'}`);
      if (strict !== undefined) applied.push(`strict mode ${strict ? 'on' : 'off'}`);
    }
    if (plan.prometheusClient) {
      await this.prometheus.close();
      this.prometheus = this.deps.makePrometheus(next);
    }
    try {
      // The stack is one per data folder: the process that wrote the change applies it.
      if (plan.stack && madeIn === 'here')
        applied.push(...(await this.deps.stack.applySettings(previous)));
      else if (plan.stack) applied.push(...(await this.deps.stack.followSettings(previous)));
    } finally {
      // Every change, stack or not (server.strict alone changes the prom-client check), once the
      // new server and client are in place, so the checks see what now runs.
      const ids = affectedChecks(previous, next);
      if (ids.length) this.deps.rerunChecks?.(ids);
    }
    return applied;
  }

  private attach(server: MetricsServer): () => void {
    return server.onStatusChange((s) => this.deps.events.emit('serverStatus', s));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
