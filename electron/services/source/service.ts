// The source every number comes from (docs/SOURCES.md): its status (health, what it can answer,
// the watched app's job), a Test that saves nothing, and Use, which saves the source and binds
// its credential to it. The core pushes `source` whenever the status changes, here or because
// another process changed settings.json.
import { access, constants } from 'node:fs/promises';
import {
  ConsoleError,
  MANAGED_PROMETHEUS_USER,
  type SourceStatus,
  type SourceUseRequest,
} from '../../../shared/api';
import {
  SETTINGS_DEFAULTS,
  type Settings,
  type SettingsPatch,
  type SourceSettings,
} from '../../../shared/settings';
import type { ConsoleEventBus } from '../events';
import { sourceFix, type PrometheusClient } from '../prometheus';
import type { SecretStore } from '../secrets';
import { managedPrometheus, prometheusUrl } from '../stack/runtime';
import { existingClient, readCa, type ExistingSource } from './client';
import {
  chooseJob,
  detect,
  detectJobs,
  probeHealth,
  scrapeIntervalOf,
  type Capabilities,
  type Detection,
} from './detect';

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

const UNKNOWN_CAPABILITY = { available: true, note: '' };

/** What the page may see of a source's connection. */
interface SourceView {
  kind: SourceStatus['kind'];
  url: string;
  authKind: SourceStatus['authKind'];
  user: string;
  caFile: string;
  skipTlsVerify: boolean;
}

function viewOf(settings: Settings): SourceView {
  const s = settings.source;
  if (s.kind === 'existing') {
    return {
      kind: 'existing',
      url: s.url.replace(/\/+$/, ''),
      authKind: s.auth,
      user: s.auth === 'basic' ? s.user : '',
      caFile: s.caFile,
      skipTlsVerify: s.skipTlsVerify,
    };
  }
  return {
    kind: 'managed',
    url: prometheusUrl(settings),
    authKind: 'basic',
    user: MANAGED_PROMETHEUS_USER,
    caFile: '',
    skipTlsVerify: false,
  };
}

/** One source, as the detection cache knows it: a different one is detected afresh. */
const keyOf = (v: SourceView): string => JSON.stringify(v);

function authText(v: SourceView): string {
  if (v.authKind === 'basic') return `basic auth as ${v.user}`;
  if (v.authKind === 'bearer') return 'bearer token';
  return 'none';
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** Whether a stored secret may go with this request: same origin, same user, same kind of auth
 * (a secret is bound to the server it was given for, docs/SOURCES.md). */
export function secretBound(
  current: SourceSettings,
  next: { url: string; auth: SourceSettings['auth']; user: string },
): boolean {
  return (
    current.kind === 'existing' &&
    current.auth === next.auth &&
    originOf(current.url) === originOf(next.url) &&
    current.user === next.user
  );
}

/** A request's existing source, checked: a basic user is required, a CA file must be readable. */
async function existingOf(
  req: Extract<SourceUseRequest, { kind: 'existing' }>,
): Promise<ExistingSource> {
  const user = req.auth === 'basic' ? (req.user ?? '').trim() : '';
  if (req.auth === 'basic' && !user) {
    throw new ConsoleError({
      code: 'invalid-request',
      message: 'Basic auth needs a user name.',
      fix: `Give it: peak-watch source use ${req.url} --user NAME --password-stdin, or fill in User in Settings → Source.`,
    });
  }
  const caFile = req.caFile ?? '';
  if (caFile) {
    try {
      await access(caFile, constants.R_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ConsoleError({
        code: 'source-ca-unreadable',
        message: `The CA file ${caFile} cannot be read (${code}).`,
        fix: 'Give the path of a readable PEM file with the CA that signed the source’s certificate, or leave it empty for the system’s CAs.',
      });
    }
  }
  return {
    url: req.url.replace(/\/+$/, ''),
    auth: req.auth,
    user,
    caFile,
    skipTlsVerify: req.skipTlsVerify ?? false,
  };
}

const UNKNOWN_CAPABILITIES: Capabilities = {
  targets: UNKNOWN_CAPABILITY,
  rules: UNKNOWN_CAPABILITY,
  metadata: UNKNOWN_CAPABILITY,
  buildinfo: UNKNOWN_CAPABILITY,
  exemplars: UNKNOWN_CAPABILITY,
};

/**
 * Asks a source: health always; the optional APIs only when `known` is null (a new source, or
 * one back after an error); the job on every ask while it is up.
 */
export async function probeSource(
  client: PrometheusClient,
  view: SourceView,
  configuredJob: string,
  known: Detection | null,
): Promise<{ status: SourceStatus; detection: Detection | null }> {
  const { health, error } = await probeHealth(client);
  let detection = known;
  let jobs: { jobs: string[]; error: string | null } = { jobs: [], error: null };
  if (health === 'up') {
    [detection, jobs] = await Promise.all([known ?? detect(client, view.url), detectJobs(client)]);
  }
  const job = chooseJob(
    configuredJob,
    jobs.jobs,
    health === 'up' ? jobs.error : (error?.message ?? null),
  );
  let finalError = error;
  // An unreadable CA file explains a failing https source better than the certificate error.
  const caProblem = readCa(view.caFile).problem;
  if (finalError && caProblem) {
    finalError = {
      ...finalError,
      message: `${finalError.message} Note: ${caProblem}.`,
    };
  }
  const status: SourceStatus = {
    kind: view.kind,
    url: view.url,
    // The managed Prometheus's root, as Open Prometheus has always opened (it redirects to its UI).
    uiUrl: view.kind === 'managed' ? view.url : (detection?.uiUrl ?? null),
    auth: authText(view),
    authKind: view.authKind,
    user: view.user,
    caFile: view.caFile,
    skipTlsVerify: view.skipTlsVerify,
    health,
    error: finalError,
    product: detection?.product ?? null,
    capabilities: detection?.capabilities ?? UNKNOWN_CAPABILITIES,
    job,
    scrapeIntervalSeconds:
      detection?.configYaml != null ? scrapeIntervalOf(detection.configYaml, job.effective) : null,
    checkedAt: new Date().toISOString(),
  };
  return { status, detection: health === 'up' ? detection : known };
}

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
      await this.save(req);
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

  private async save(req: SourceUseRequest): Promise<void> {
    if (req.kind === 'managed') {
      // The defaults are the managed source; the job is the person's choice and stays.
      await this.deps.save({
        source: { ...SETTINGS_DEFAULTS.source, job: this.deps.settings().source.job },
      });
      await this.deps.secrets.remove('source-credential');
    } else {
      const source = await existingOf(req);
      const current = this.deps.settings().source;
      const keep =
        req.secret === undefined &&
        source.auth !== 'none' &&
        secretBound(current, source) &&
        (await this.deps.secrets.given('source-credential')) !== '';
      if (source.auth !== 'none' && req.secret === undefined && !keep) {
        const what = source.auth === 'bearer' ? 'token' : 'password';
        const forWhom = source.auth === 'basic' ? ` for ${source.user}` : '';
        throw new ConsoleError({
          code: 'source-secret-needed',
          message:
            current.kind === 'existing' && current.url
              ? `The source at ${source.url} needs its ${what}${forWhom}: a stored one is used only with the URL origin, user and kind of auth it was given for (${current.url}).`
              : `The source at ${source.url} needs its ${what}${forWhom}.`,
          fix: `Give it: ${sourceFix(source.url, { kind: 'existing', auth: source.auth, user: source.user })}.`,
        });
      }
      if (!keep) await this.deps.secrets.remove('source-credential');
      await this.deps.save({
        source: {
          kind: 'existing',
          url: source.url,
          auth: source.auth,
          user: source.user,
          caFile: source.caFile,
          skipTlsVerify: source.skipTlsVerify,
        },
      });
      if (req.secret !== undefined && source.auth !== 'none')
        await this.deps.secrets.set('source-credential', req.secret);
    }
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
