// Long-term storage (docs/SOURCES.md): the managed Prometheus's remote-write receivers. Adding one
// stores its password or token as secrets/remote-write-<id> and the receiver (URL, auth, user) in
// settings.stack.remoteWrite; the settings change rewrites prometheus.yml and reloads a running
// Prometheus through the same confirmed path as any scrape change. Each receiver's health comes
// from Prometheus's own prometheus_remote_storage_* metrics (its self-scrape, job "prometheus"),
// and its last error from Prometheus's log.
import { randomBytes } from 'node:crypto';
import {
  ConsoleError,
  type InstantQueryResult,
  type RemoteWriteAddRequest,
  type RemoteWriteStatus,
  type ServiceName,
  type SettingsUpdateResult,
} from '../../../shared/api';
import {
  isSourceUrl,
  urlForMessage,
  remoteWriteReceiver,
  type RemoteWriteReceiverSettings,
  type Settings,
  type SettingsPatch,
} from '../../../shared/settings';
import type { PrometheusClient } from '../prometheus';
import type { SecretStore } from '../secrets';
import { remoteWriteSecretName } from './render';

export interface RemoteWriteDeps {
  settings: () => Settings;
  /** The full-schema settings update (stack.remoteWrite is not in the public patch schema). */
  update: (patch: SettingsPatch) => Promise<SettingsUpdateResult>;
  secrets: Pick<SecretStore, 'set' | 'remove' | 'given'>;
  /** A client of the managed Prometheus (not the chosen source: this is what it sends). */
  prometheus: () => Pick<PrometheusClient, 'query'>;
  /** The managed Prometheus's last log lines, for each receiver's last error. */
  logs: (service: ServiceName, lines: number) => Promise<string[]>;
}

/** The Prometheus job the managed Prometheus scrapes itself as (files-render.ts). */
const SELF_JOB = 'prometheus';
/** How far back "failing now" looks: failures older than this are history, not the state. */
const RECENT = '5m';
/** A newest sample sent this much older than the newest one scraped is "behind". */
const BEHIND_SECONDS = 120;

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh receiver id: 8 of [a-z0-9] (it names the secret file and Prometheus's queue). */
export function newReceiverId(taken: ReadonlySet<string> = new Set()): string {
  for (;;) {
    const id = [...randomBytes(8)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
    if (!taken.has(id)) return id;
  }
}

/** What the person gave, checked: what each auth needs, and nothing it does not. */
function checkRequest(req: RemoteWriteAddRequest): void {
  const bad = (message: string, fix: string): never => {
    throw new ConsoleError({ code: 'remote-write-invalid', message, fix });
  };
  if (!isSourceUrl(req.url)) {
    bad(
      `${urlForMessage(req.url)} is not a receiver URL: it needs http:// or https://, a host, and no user, password, query or #fragment in it.`,
      "Give the receiver's write URL, e.g. http://127.0.0.1:8428/api/v1/write; pass a user with --user and the password on stdin.",
    );
  }
  const user = req.user ?? '';
  const secret = req.secret ?? '';
  if (req.auth === 'basic' && (!user || !secret)) {
    bad(
      'Basic auth needs a user and a password.',
      'Give the user (--user NAME) and the password on stdin (--password-stdin).',
    );
  }
  if (req.auth === 'bearer' && !secret) {
    bad('A bearer token is missing.', 'Give the token on stdin (--token-stdin).');
  }
  if (req.auth === 'bearer' && user) {
    bad('A bearer token has no user.', 'Leave out --user, or use basic auth (--password-stdin).');
  }
  if (req.auth === 'none' && (user || secret)) {
    bad(
      'A user or secret was given for a receiver without auth.',
      'Choose basic auth (--user NAME --password-stdin) or a bearer token (--token-stdin).',
    );
  }
}

export class RemoteWriteService {
  constructor(private readonly deps: RemoteWriteDeps) {}

  /**
   * Adds a receiver, or replaces the one with this URL in its place. A replacement gets a new id,
   * so a new secret file and a new queue in Prometheus: the old queue's failure counters (a wrong
   * password just corrected) do not keep the new one "failing". The secret is stored before the
   * settings change, so the files the change writes already find it.
   */
  async add(req: RemoteWriteAddRequest): Promise<RemoteWriteStatus[]> {
    checkRequest(req);
    const list = this.deps.settings().stack.remoteWrite;
    const existing = list.find((r) => r.url === req.url);
    if (!existing && list.length >= 10) {
      throw new ConsoleError({
        code: 'remote-write-too-many',
        message: 'Peak Watch sends to at most 10 receivers.',
        fix: 'Remove one first (peak-watch remote-write remove URL).',
      });
    }
    const id = newReceiverId(new Set(list.map((r) => r.id)));
    const receiver: RemoteWriteReceiverSettings = remoteWriteReceiver.parse({
      id,
      url: req.url,
      auth: req.auth,
      user: req.auth === 'basic' ? (req.user ?? '') : '',
    });
    const name = remoteWriteSecretName(id);
    if (req.auth !== 'none') await this.deps.secrets.set(name, req.secret ?? '');
    const next = existing
      ? list.map((r) => (r.id === existing.id ? receiver : r))
      : [...list, receiver];
    try {
      await this.deps.update({ stack: { remoteWrite: next } });
    } catch (err) {
      // Saved settings are the record: a receiver that is not in them keeps no secret.
      if (!this.deps.settings().stack.remoteWrite.some((r) => r.id === id)) {
        await this.deps.secrets.remove(name).catch(() => undefined);
      }
      throw err;
    }
    if (existing) await this.deps.secrets.remove(remoteWriteSecretName(existing.id));
    return this.status();
  }

  /** Removes the receiver with this URL and its secret. */
  async remove(req: { url: string }): Promise<RemoteWriteStatus[]> {
    const list = this.deps.settings().stack.remoteWrite;
    const target = list.find((r) => r.url === req.url);
    if (!target) {
      // A URL no receiver has may be one with user:password@ pasted in: repeat a stored-shape
      // URL as given, any other without its secret parts.
      const shown = isSourceUrl(req.url) ? req.url : urlForMessage(req.url);
      throw new ConsoleError({
        code: 'remote-write-unknown',
        message: list.length
          ? `No receiver has the URL ${shown}; the receivers are ${list.map((r) => r.url).join(', ')}.`
          : `No receiver has the URL ${shown}; none is configured.`,
        fix: 'Give the URL exactly as `peak-watch remote-write list` shows it.',
      });
    }
    await this.deps.update({ stack: { remoteWrite: list.filter((r) => r.id !== target.id) } });
    // After the settings: Prometheus no longer names the file once it has reloaded.
    await this.deps.secrets.remove(remoteWriteSecretName(target.id));
    return this.status();
  }

  /** Each receiver's health, from the managed Prometheus's metrics about itself. */
  async status(): Promise<RemoteWriteStatus[]> {
    const receivers = this.deps.settings().stack.remoteWrite;
    if (!receivers.length) return [];
    let metrics: Metrics;
    try {
      metrics = await this.readMetrics();
    } catch (err) {
      const e = err as ConsoleError;
      const down = e.code === 'prometheus-unreachable';
      return receivers.map((r) =>
        blank(
          r,
          down ? 'stack-down' : 'unknown',
          down
            ? `The managed Prometheus is not running, so nothing is sent to ${r.url}. Start the stack.`
            : `Prometheus did not answer about its receivers: ${e.message}`,
        ),
      );
    }
    const errors = await this.lastErrors().catch(() => new Map<string, string>());
    const interval = this.deps.settings().stack.scrapeIntervalSeconds;
    return receivers.map((r) => health(r, metrics, errors.get(r.id) ?? null, interval));
  }

  /** The last error Prometheus logged per receiver id (its queue is named by the id). */
  async lastErrors(): Promise<Map<string, string>> {
    const lines = await this.deps.logs('prometheus', 400);
    const found = new Map<string, string>();
    for (const line of lines) {
      const name = /\bremote_name=("?)([a-z0-9]{8})\1/.exec(line)?.[2];
      if (!name || !/\blevel=(error|warn)\b/.test(line)) continue;
      const err = /\berr="((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? /\bmsg="([^"]*)"/.exec(line)?.[1];
      // Prometheus ends an empty response body with ": "; the sentence around it adds its own stop.
      if (err) found.set(name, err.replace(/\\"/g, '"').replace(/[\s:.]+$/, ''));
    }
    return found;
  }

  private async readMetrics(): Promise<Metrics> {
    const client = this.deps.prometheus();
    const sel = `{job="${SELF_JOB}"}`;
    const [all, failedRecent, retriedRecent] = await Promise.all([
      client.query(`{__name__=~"prometheus_remote_storage_.+",job="${SELF_JOB}"}`),
      client.query(`increase(prometheus_remote_storage_samples_failed_total${sel}[${RECENT}])`),
      client.query(`increase(prometheus_remote_storage_samples_retried_total${sel}[${RECENT}])`),
    ]);
    return {
      all: vector(all),
      failedRecent: vector(failedRecent),
      retriedRecent: vector(retriedRecent),
    };
  }
}

interface Sample {
  labels: Record<string, string>;
  value: number;
}
interface Metrics {
  all: Sample[];
  failedRecent: Sample[];
  retriedRecent: Sample[];
}

function vector(result: InstantQueryResult): Sample[] {
  if (result.resultType !== 'vector') return [];
  return result.result.map((s) => ({ labels: s.metric, value: Number(s.value[1]) }));
}

function blank(
  r: RemoteWriteReceiverSettings,
  health: RemoteWriteStatus['health'],
  detail: string | null,
): RemoteWriteStatus {
  return {
    id: r.id,
    url: r.url,
    auth: describeAuth(r),
    samplesPending: null,
    samplesFailedTotal: null,
    samplesSentTotal: null,
    lastSendAt: null,
    health,
    detail,
  };
}

/** What a page may show of a receiver's auth: never the secret. */
export function describeAuth(r: Pick<RemoteWriteReceiverSettings, 'auth' | 'user'>): string {
  if (r.auth === 'basic') return `basic auth as ${r.user}`;
  return r.auth === 'bearer' ? 'bearer token' : 'no auth';
}

/** Prometheus's error in a person's words where it has a well-known cause. */
export function explainError(err: string): string {
  if (/\b401\b/.test(err)) return `the receiver refused the credentials (HTTP 401): ${err}`;
  if (/\b403\b/.test(err)) return `the receiver forbids these credentials (HTTP 403): ${err}`;
  if (/connection refused/i.test(err)) return `nothing answers at the receiver's address: ${err}`;
  if (/no such file|password file|credentials file/i.test(err))
    return `Prometheus cannot read the receiver's secret file: ${err}`;
  return err;
}

const FIX_AUTH =
  'Check the URL and the credentials; to change them, run `peak-watch remote-write add URL` again with the right --user and --password-stdin (or --token-stdin).';

function health(
  r: RemoteWriteReceiverSettings,
  m: Metrics,
  lastError: string | null,
  interval: number,
): RemoteWriteStatus {
  const mine = (list: Sample[], name?: string): number | null => {
    const s = list.find(
      (x) => x.labels.remote_name === r.id && (!name || x.labels.__name__ === name),
    );
    return s ? s.value : null;
  };
  const pending = mine(m.all, 'prometheus_remote_storage_samples_pending');
  const failed = mine(m.all, 'prometheus_remote_storage_samples_failed_total');
  const total = mine(m.all, 'prometheus_remote_storage_samples_total');
  const sentAt = mine(m.all, 'prometheus_remote_storage_queue_highest_sent_timestamp_seconds');
  const newest = m.all.find(
    (x) => x.labels.__name__ === 'prometheus_remote_storage_highest_timestamp_in_seconds',
  )?.value;
  if (total === null) {
    return blank(
      r,
      'unknown',
      `Prometheus has not reported on this receiver yet: it does once it has loaded the config and scraped itself (every ${interval} s).`,
    );
  }
  // samples_total counts every sample tried, the refused ones too.
  const sent = Math.max(0, total - (failed ?? 0));
  const status: RemoteWriteStatus = {
    ...blank(r, 'ok', null),
    samplesPending: pending,
    samplesFailedTotal: failed,
    samplesSentTotal: sent,
    // Prometheus moves this mark on a refused batch too: it means "last sent" only once some were.
    lastSendAt: sentAt && total > (failed ?? 0) ? new Date(sentAt * 1000).toISOString() : null,
  };
  const failedRecent = mine(m.failedRecent) ?? (sent === 0 ? failed : 0) ?? 0;
  const retriedRecent = mine(m.retriedRecent) ?? 0;
  const why = lastError ? ` Last error: ${explainError(lastError)}.` : '';
  if (failedRecent > 0) {
    return {
      ...status,
      health: 'failing',
      detail: `${r.url} refuses the samples (${Math.round(failed ?? 0)} lost to it so far).${why} ${FIX_AUTH}`,
    };
  }
  if (retriedRecent > 0 && sent === 0) {
    return {
      ...status,
      health: 'failing',
      detail: `Prometheus cannot deliver to ${r.url} and keeps retrying (${pending ?? 0} samples waiting).${why} Check that the receiver runs and is reachable from the stack.`,
    };
  }
  const lag = newest && sentAt ? newest - sentAt : 0;
  if (retriedRecent > 0 || lag > Math.max(BEHIND_SECONDS, 4 * interval)) {
    return {
      ...status,
      health: 'behind',
      detail: `The newest sample sent is ${Math.round(lag)} s older than the newest scraped (${pending ?? 0} samples waiting).${why} Prometheus keeps them and catches up once the receiver accepts them again; check its load and network.`,
    };
  }
  if (sent === 0) {
    return {
      ...status,
      health: 'unknown',
      detail:
        'Nothing sent yet: Prometheus starts sending once it has read its write-ahead log, a few seconds after it starts.',
    };
  }
  return status;
}
