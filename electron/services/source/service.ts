// The source every number comes from (docs/SOURCES.md): its status (health, what it can answer,
// the watched app's job), a Test that saves nothing, and Use, which saves the source and binds
// its credential to it. The core pushes `source` whenever the status changes, here or because
// another process changed settings.json. This file holds the state and the events; probing,
// checking a request and saving one are their own modules.
import { ConsoleError, type SourceStatus, type SourceUseRequest } from '../../../shared/api';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import type { ConsoleEventBus } from '../events';
import type { PrometheusClient } from '../prometheus';
import type { SecretStore } from '../secrets';
import { managedPrometheus } from '../stack/runtime';
import { existingClient } from './client';
import type { Capabilities, Detection } from './detect';
import { probeSource } from './probe';
import { existingOf, secretBound } from './request';
import { saveSource } from './save';
import { keyOf, viewOf, type SourceView } from './view';

export interface SourceServiceDeps {
  dataDir: string;
  secrets: Pick<SecretStore, 'given' | 'set' | 'remove'>;
  events: ConsoleEventBus;
  settings(): Settings;
  /** The client pages read through now (the settings applier replaces it on a source change). */
  client(): PrometheusClient;
  /** Saves through the settings applier with the full patch schema (the core's own write). */
  save(patch: SettingsPatch): Promise<unknown>;
}

/** The optional APIs a page may need. */
export type SourceCapabilityName = keyof Capabilities;

/** A status without its time: what decides whether a change is pushed. */
const comparable = (s: SourceStatus): string => JSON.stringify({ ...s, checkedAt: null });

export class SourceService {
  private detection: { key: string; value: Detection } | null = null;
  private last: { key: string; status: SourceStatus } | null = null;
  private emitted = '';
  private inFlight: Promise<SourceStatus> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;
  private settingsKey: string;
  /** use() is saving: its own settings change is probed by use() once the secret is in place. */
  private saving = 0;

  constructor(private readonly deps: SourceServiceDeps) {
    this.settingsKey = this.sourceSettingsKey();
    // A change to the source — made here, or in settings.json by another process (the settings
    // watcher emits `settings` after the client was replaced) — is probed and pushed at once.
    this.unsubscribe = deps.events.on('settings', () => {
      if (this.saving) return;
      const next = this.sourceSettingsKey();
      if (next === this.settingsKey) return;
      this.settingsKey = next;
      void this.refresh().catch(() => undefined);
    });
  }

  private sourceSettingsKey(): string {
    const s = this.deps.settings();
    return JSON.stringify([s.source, s.stack.prometheusPort]);
  }

  /** The source's status now (one probe at a time; callers meanwhile share it). */
  status(): Promise<SourceStatus> {
    this.inFlight ??= this.check().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** Probes and pushes `source` when anything but the time changed. */
  async refresh(): Promise<SourceStatus> {
    const status = await this.status();
    const text = comparable(status);
    if (text !== this.emitted) {
      this.emitted = text;
      this.deps.events.emit('source', status);
    }
    return status;
  }

  /** Polls while a console serves, so a source that dies or comes back is pushed. */
  start(intervalMs = 15_000): void {
    if (this.timer) return;
    void this.refresh().catch(() => undefined);
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe();
  }

  /**
   * Refuses a page's call that needs an API the source was found to lack, with the same note the
   * source status shows (code source-no-targets, source-no-rules, source-no-metadata), instead
   * of the source's 404 on every refresh. Not yet detected: the call goes ahead.
   */
  ensureCapability(capability: Exclude<SourceCapabilityName, 'buildinfo'>): void {
    const view = viewOf(this.deps.settings());
    if (view.kind !== 'existing' || this.detection?.key !== keyOf(view)) return;
    const cap = this.detection.value.capabilities[capability];
    if (cap.available) return;
    throw new ConsoleError({
      code: `source-no-${capability}`,
      message: cap.note,
      fix: '',
    });
  }

  /** The URL "Open Prometheus" opens: the source's UI, or a sentence saying it has none. */
  async uiUrl(): Promise<string> {
    const view = viewOf(this.deps.settings());
    if (view.kind === 'managed') return view.url;
    const status = await this.status();
    if (status.uiUrl) return status.uiUrl;
    throw new ConsoleError({
      code: 'source-no-ui',
      message:
        status.health === 'up'
          ? `The source at ${view.url} serves no web UI Peak Watch knows (Prometheus's /graph, VictoriaMetrics' /vmui/).`
          : `The source at ${view.url} is ${status.health}: ${status.error?.message ?? 'no answer'}`,
      fix:
        status.health === 'up'
          ? 'Explore in Peak Watch queries it; its own UI, if any, is wherever its administrator serves it.'
          : (status.error?.fix ?? ''),
    });
  }

  /** Checks a source without saving anything (Grafana's "Test"). */
  async test(req: SourceUseRequest): Promise<SourceStatus> {
    const settings = this.deps.settings();
    if (req.kind === 'managed') {
      const view = viewOf({ ...settings, source: { ...settings.source, kind: 'managed' } });
      const client = managedPrometheus({ dataDir: this.deps.dataDir, settings });
      try {
        return (await probeSource(client, view, settings.source.job, null)).status;
      } finally {
        await client.close();
      }
    }
    const source = await existingOf(req);
    // The stored secret goes only where it was given for; otherwise the test goes without one.
    const stored = secretBound(settings.source, source)
      ? await this.deps.secrets.given('source-credential')
      : '';
    const secret = req.secret ?? stored;
    const client = existingClient(source, () => Promise.resolve(secret));
    try {
      const view: SourceView = { kind: 'existing', ...source, authKind: source.auth };
      return (await probeSource(client, view, settings.source.job, null)).status;
    } finally {
      await client.close();
    }
  }

  /**
   * Switches the source and returns its status. Saved even when the probe fails (as Grafana's
   * "Save & test"): the status says why it is not up. The credential is kept only while the URL's
   * origin, the user and the kind of auth stay; it is removed before the URL changes, so the old
   * secret never goes to a new server.
   */
  async use(req: SourceUseRequest): Promise<SourceStatus> {
    this.saving++;
    try {
      await saveSource(this.deps, req);
    } finally {
      this.saving--;
    }
    this.detection = null;
    this.settingsKey = this.sourceSettingsKey();
    // A probe that started before the change (the poll) would answer for the old source.
    await this.inFlight?.catch(() => undefined);
    const status = await this.status();
    this.emitted = comparable(status);
    this.deps.events.emit('source', status);
    return status;
  }

  private async check(): Promise<SourceStatus> {
    const view = viewOf(this.deps.settings());
    const key = keyOf(view);
    // Detected once per source, and again when it was not up last time (it came back, maybe as
    // another program or version).
    const known =
      this.detection?.key === key && this.last?.key === key && this.last.status.health === 'up'
        ? this.detection.value
        : null;
    const { status, detection } = await probeSource(
      this.deps.client(),
      view,
      this.deps.settings().source.job,
      known,
    );
    if (detection) this.detection = { key, value: detection };
    this.last = { key, status };
    return status;
  }
}
