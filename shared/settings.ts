// The one settings schema: the settings file, the settings pane, the CLI's `settings set` and
// every host validate against it. Pure (zod only) so both sides import it.
import { z } from 'zod';
import { ALERT_NAMES } from './alert-names';
import { DASHBOARD_DEFAULTS } from './dashboard';

export const SETTINGS_VERSION = 1;

const port = z.number().int().min(1).max(65535);

/** The first control character in a string, as the message names it, or null. */
export function controlCharacterIn(value: string): string | null {
  // C0, DEL and C1: none belongs in a host, path or image name, and each breaks a generated file.
  // eslint-disable-next-line no-control-regex
  const m = /[\u0000-\u001f\u007f-\u009f]/.exec(value);
  if (!m) return null;
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} at position ${m.index + 1}`;
}

/** Every string setting: text without control characters. */
const text = () =>
  z.string().superRefine((v, ctx) => {
    const found = controlCharacterIn(v);
    if (found) ctx.addIssue({ code: 'custom', message: `contains a control character (${found})` });
  });

const HOST_SHAPE_MESSAGE =
  'an address of this machine: 127.0.0.1, ::1, localhost, 0.0.0.0, :: or one of its own addresses or names';

/**
 * The shape of server.host: a DNS name, a canonical dotted quad or an IPv6 address. Whether it is
 * this machine's is checked where addresses resolve (electron/services/settings-checks.ts). A
 * name ending in a number is an IPv4 address to resolvers (127.1, 0x7f.0.0.1 are 127.0.0.1), so
 * it must be spelled as the four canonical decimal parts.
 */
export function isHostShape(value: string): boolean {
  const v = value.replace(/^\[(.*)\]$/, '$1');
  if (v.includes(':')) return /^[0-9A-Fa-f:.]+$/.test(v) && v.split(':').length <= 8;
  const labels = v.replace(/\.$/, '').split('.');
  if (/^(0x[0-9a-f]*|\d+)$/i.test(labels.at(-1) ?? '')) {
    return labels.length === 4 && labels.every((l) => /^(0|[1-9]\d{0,2})$/.test(l) && +l <= 255);
  }
  return labels.every((l) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l));
}

/** POSIX /…, Windows C:\… or \\server\share\…; the file itself is checked where files exist. */
export function isAbsolutePath(value: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value);
}

/** Empty ("find it on PATH") or an absolute path to an executable file. */
const binaryPath = () =>
  text().refine(
    (v) => v === '' || isAbsolutePath(v),
    'must be an absolute path to the executable (e.g. /usr/bin/prometheus), or empty to find it on PATH',
  );

/** A scrape target as Prometheus writes it: host:port, no scheme, no path. */
export const scrapeTarget = text()
  .regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, 'a target is host:port, e.g. 127.0.0.1:9100')
  // Five digits pass the pattern, but a TCP port ends at 65535: Prometheus would scrape the
  // instance forever with an error instead of the person hearing it now.
  .refine((v) => {
    const port = Number(v.slice(v.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65535;
  }, 'a port is 1 to 65535, e.g. 127.0.0.1:9100');

/** An image reference with a pinned tag (never :latest), e.g. grafana/grafana:12.3.1. */
const imageRef = text()
  .regex(/^[a-z0-9./_-]+:[A-Za-z0-9._-]+$/, 'an image is name:tag, e.g. grafana/grafana:12.3.1')
  .refine((v) => !v.endsWith(':latest'), 'pin a tag; :latest changes under you');

const SOURCE_URL_MESSAGE =
  'a source is an http:// or https:// URL such as https://prometheus.example.org or ' +
  'http://127.0.0.1:9090/prometheus, without a user, password, query or #fragment';

/**
 * A URL refused by isSourceUrl, as a message may repeat it: its user, password, query and
 * fragment are where a person pastes a secret, so each is shown as "…"; text that is no URL at
 * all is not repeated.
 */
export function urlForMessage(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'the URL given';
  }
  const auth = url.username || url.password ? '…@' : '';
  const query = url.search || value.includes('?') ? '?…' : '';
  const hash = url.hash || value.includes('#') ? '#…' : '';
  return `"${url.protocol}//${auth}${url.host}${url.pathname}${query}${hash}"`;
}

/** http(s), a host, no credentials, query or fragment: what is safe to store and show. */
export function isSourceUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    !value.includes('?') &&
    !value.includes('#')
  );
}

/** A remote_write receiver; its id names its secret (secrets/remote-write-<id>). */
export const remoteWriteReceiver = z
  .object({
    id: z.string().regex(/^[a-z0-9]{8}$/, 'an id is 8 lowercase letters or digits'),
    url: text().refine(isSourceUrl, SOURCE_URL_MESSAGE),
    auth: z.enum(['none', 'basic', 'bearer']),
    user: text().max(200, 'at most 200 characters'),
  })
  .strict();
export type RemoteWriteReceiverSettings = z.infer<typeof remoteWriteReceiver>;

// Fields carry no defaults: zod 4 fills defaults even inside .partial(), which would turn every
// patch into "reset everything else". Defaults live beside the fields and are merged in.
const serverFields = {
  /** Bind address of the embedded watch-only server. Anything off loopback requires a token. */
  host: text()
    .trim()
    .min(1, 'a host is required')
    .max(253, 'a host is at most 253 characters')
    // A control character is already named above; one message per problem.
    .refine((v) => controlCharacterIn(v) !== null || isHostShape(v), HOST_SHAPE_MESSAGE),
  port,
  /** PEAK_TRADE_PROMETHEUS_ENABLED: record peak_trade_http_* metrics. */
  enabled: z.boolean(),
  /** REQUIRE_PROMETHEUS_CLIENT: /metrics answers 503 when prom-client is unavailable. */
  strict: z.boolean(),
};

const stackFields = {
  runtime: z.enum(['docker', 'native']),
  /**
   * mini: Prometheus + Grafana. full: the Docker runtime also runs an OTel Collector, Tempo and
   * Loki (docs/TELEMETRY.md); the native runtime has only mini.
   */
  profile: z.enum(['mini', 'full']),
  prometheusPort: port,
  grafanaPort: port,
  scrapeIntervalSeconds: z.number().int().min(1).max(300),
  prometheusImage: imageRef,
  grafanaImage: imageRef,
  extraTargets: z.array(scrapeTarget).max(50),
  /** Path to a prometheus binary for the native runtime; empty means "find it on PATH". */
  prometheusBinary: binaryPath(),
  grafanaBinary: binaryPath(),
  /** What quitting the app does to a stack it started. */
  onQuit: z.enum(['stop', 'leave', 'ask']),
  /**
   * Other instances of the watched app, scraped in its job beside the embedded server (a file_sd
   * file Prometheus re-reads by itself). A token file is sent as a bearer token to that instance
   * only; since Prometheus reads it, it is a desktop-only choice (see DESKTOP_ONLY_SETTINGS).
   */
  instances: z
    .array(
      z
        .object({
          target: scrapeTarget,
          tokenFile: text().refine(
            (v) => v === '' || isAbsolutePath(v),
            'a token file is an absolute path, or empty for none',
          ),
        })
        .strict(),
    )
    .max(50)
    .refine(
      (list) => new Set(list.map((i) => i.target)).size === list.length,
      'each instance is listed once',
    ),
  /** Prometheus's --storage.tsdb.retention.time: how long the managed Prometheus keeps data. */
  retentionTime: text().regex(
    /^(\d+(ms|s|m|h|d|w|y))+$/,
    'a Prometheus duration such as 15d, 12w or 1y',
  ),
  /** --storage.tsdb.retention.size; empty for no size limit. */
  retentionSize: text().regex(
    /^(|\d+(B|KB|MB|GB|TB|PB|EB))$/,
    'a size such as 512MB or 10GB, or empty for no limit',
  ),
  /**
   * Receivers the managed Prometheus remote-writes to. Credentials live in secrets/ (named by
   * the receiver's id), never here; only addRemoteWrite/removeRemoteWrite change this list.
   */
  remoteWrite: z.array(remoteWriteReceiver).max(10),
};

/** Where the console reads every number from (docs/SOURCES.md). */
const sourceFields = {
  /** managed: the stack Peak Watch starts; existing: a Prometheus-compatible API named below. */
  kind: z.enum(['managed', 'existing']),
  /** http(s)://host[:port][/path-prefix] of the existing source; empty while managed. */
  url: text().refine((v) => v === '' || isSourceUrl(v), SOURCE_URL_MESSAGE),
  auth: z.enum(['none', 'basic', 'bearer']),
  /** The basic-auth user; the password (or the bearer token) is secrets/source-credential. */
  user: text().max(200, 'at most 200 characters'),
  /** A PEM file of the CA that signed the source's certificate; empty for the system's. */
  caFile: text().refine(
    (v) => v === '' || isAbsolutePath(v),
    'a CA file is an absolute path to a PEM file, or empty',
  ),
  /** Accept any certificate: only with a visible warning wherever the source is shown. */
  skipTlsVerify: z.boolean(),
  /** The watched app's job; empty: detected from the source (jobs carrying peak_trade_*). */
  job: text().max(200, 'at most 200 characters'),
};

const uiFields = {
  refreshSeconds: z.number().int().min(1).max(3600),
  rangeMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
};

const forSeconds = z
  .number()
  .int('a whole number of seconds')
  .min(0)
  .max(24 * 3600, 'at most a day');

/** Alerting: thresholds, `for` durations, evaluation interval, notification limits (alerts.ts). */
const alertsFields = {
  /** How often Prometheus evaluates the rules, and how often the console looks at them. */
  evaluationIntervalSeconds: z.number().int().min(1).max(300),
  /** At most one firing notification per rule per this many minutes (0: every time). */
  notifyEveryMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** Rules whose notifications are muted (by alert name). */
  muted: z.array(z.enum(ALERT_NAMES as unknown as [string, ...string[]])).max(ALERT_NAMES.length),
  targetDownForSeconds: forSeconds,
  fallbackForSeconds: forSeconds,
  /** Share of 5xx responses (0–1) above which the error-rate alert trips. */
  errorRatio: z.number().gt(0, 'above 0').max(1, 'a share is at most 1 (100 %)'),
  errorRatioForSeconds: forSeconds,
  /** p95 latency per route, in seconds, above which the latency alert trips. */
  latencyP95Seconds: z.number().gt(0, 'above 0').max(60, 'at most 60 s (the buckets end at 10)'),
  latencyForSeconds: forSeconds,
  reloadFailedForSeconds: forSeconds,
  extraTargetDownForSeconds: forSeconds,
  ruleFailuresForSeconds: forSeconds,
};

/**
 * The OTLP/HTTP receiver in the core (docs/TELEMETRY.md): traces and logs kept in memory, and
 * the embedded server's own spans and log records exported to it.
 */
const telemetryFields = {
  /** Listen for OTLP/HTTP exports on /v1/traces and /v1/logs. */
  enabled: z.boolean(),
  /** Bind address; anything off loopback requires the instance token (as server.host). */
  host: text()
    .trim()
    .min(1, 'a host is required')
    .max(253, 'a host is at most 253 characters')
    .refine((v) => controlCharacterIn(v) !== null || isHostShape(v), HOST_SHAPE_MESSAGE),
  port,
  /** Trace the embedded server's requests and log its refusals and errors (while enabled). */
  instrument: z.boolean(),
  /** Memory ceiling of the kept spans and log records together; the oldest go first. */
  memoryMb: z.number().int().min(8, 'at least 8 MB').max(1024, 'at most 1024 MB'),
};

export const SETTINGS_DEFAULTS = {
  server: { host: '127.0.0.1', port: 8000, enabled: false, strict: false },
  stack: {
    runtime: 'docker',
    profile: 'mini',
    prometheusPort: 9091,
    grafanaPort: 3000,
    scrapeIntervalSeconds: 15,
    prometheusImage: 'prom/prometheus:v3.5.0',
    grafanaImage: 'grafana/grafana:12.3.1',
    extraTargets: [] as string[],
    prometheusBinary: '',
    grafanaBinary: '',
    onQuit: 'stop',
    instances: [] as { target: string; tokenFile: string }[],
    retentionTime: '15d',
    retentionSize: '',
    remoteWrite: [] as RemoteWriteReceiverSettings[],
  },
  source: {
    kind: 'managed',
    url: '',
    auth: 'none',
    user: '',
    caFile: '',
    skipTlsVerify: false,
    job: '',
  },
  ui: { ...DASHBOARD_DEFAULTS },
  alerts: {
    evaluationIntervalSeconds: 15,
    notifyEveryMinutes: 15,
    muted: [] as string[],
    targetDownForSeconds: 60,
    fallbackForSeconds: 60,
    errorRatio: 0.05,
    errorRatioForSeconds: 120,
    latencyP95Seconds: 1,
    latencyForSeconds: 300,
    reloadFailedForSeconds: 0,
    extraTargetDownForSeconds: 120,
    ruleFailuresForSeconds: 0,
  },
  telemetry: { enabled: false, host: '127.0.0.1', port: 4318, instrument: true, memoryMb: 64 },
} as const;

/** A section object with its defaults merged under whatever was given. */
function section<T extends z.ZodRawShape>(fields: T, defaults: object) {
  return z.preprocess(
    (v) =>
      v && typeof v === 'object' ? { ...defaults, ...v } : v === undefined ? { ...defaults } : v,
    z.object(fields),
  );
}

/** Every section of the settings, in the file's order: one list for every loop over them. */
export const SETTINGS_SECTIONS = [
  'server',
  'stack',
  'ui',
  'alerts',
  'source',
  'telemetry',
] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

export const serverSettings = z.object(serverFields);
export const stackSettings = z.object(stackFields);
export const sourceSettings = z.object(sourceFields);
export const telemetrySettings = z.object(telemetryFields);

export const settingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
    server: section(serverFields, SETTINGS_DEFAULTS.server),
    stack: section(stackFields, SETTINGS_DEFAULTS.stack),
    ui: section(uiFields, SETTINGS_DEFAULTS.ui),
    alerts: section(alertsFields, SETTINGS_DEFAULTS.alerts),
    source: section(sourceFields, SETTINGS_DEFAULTS.source),
    telemetry: section(telemetryFields, SETTINGS_DEFAULTS.telemetry),
  })
  .superRefine((s, ctx) => {
    if (s.stack.profile === 'full' && s.stack.runtime !== 'docker') {
      ctx.addIssue({
        code: 'custom',
        path: ['stack', 'profile'],
        message:
          'the full profile (Collector, Tempo, Loki) runs only under Docker: set stack.runtime to docker, or stack.profile to mini',
      });
    }
    if (s.source.kind === 'existing' && s.source.url === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['source', 'url'],
        message: 'an existing source needs its URL',
      });
    }
  });

export type Settings = z.infer<typeof settingsSchema>;
export type ServerSettings = Settings['server'];
export type StackSettings = Settings['stack'];
export type AlertSettings = Settings['alerts'];
export type SourceSettings = Settings['source'];
export type TelemetrySettings = Settings['telemetry'];

/**
 * A partial update, one level deep per section: `{ server: { enabled: true } }`. The core's own
 * writes (useSource, addRemoteWrite) use this whole shape; what a host accepts from outside is
 * publicSettingsPatchSchema.
 */
export const settingsPatchSchema = z
  .object({
    server: z.object(serverFields).partial().strict().optional(),
    stack: z.object(stackFields).partial().strict().optional(),
    ui: z.object(uiFields).partial().strict().optional(),
    alerts: z.object(alertsFields).partial().strict().optional(),
    source: z.object(sourceFields).partial().strict().optional(),
    telemetry: z.object(telemetryFields).partial().strict().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/**
 * What updateSettings and `settings set` accept. A source's URL, auth and TLS change only with
 * its credential (useSource: a secret is bound to the URL it was given for, and a changed URL
 * must never receive the old one); remote-write receivers only with theirs (addRemoteWrite).
 */
export const publicSettingsPatchSchema = z
  .object({
    server: z.object(serverFields).partial().strict().optional(),
    stack: z.object(stackFields).omit({ remoteWrite: true }).partial().strict().optional(),
    ui: z.object(uiFields).partial().strict().optional(),
    alerts: z.object(alertsFields).partial().strict().optional(),
    source: z.object({ job: sourceFields.job }).partial().strict().optional(),
    telemetry: z.object(telemetryFields).partial().strict().optional(),
  })
  .strict();
export type PublicSettingsPatch = z.infer<typeof publicSettingsPatchSchema>;

/** Why a setting is not in publicSettingsPatchSchema and what changes it, or null if it is. */
export function credentialBoundFix(key: string): string | null {
  if (key === 'stack.remoteWrite') {
    return 'Receivers change with their credentials: peak-watch remote-write add URL [--user NAME] [--password-stdin | --token-stdin], or remote-write remove URL.';
  }
  if (key.startsWith('source.') && key !== 'source.job') {
    return 'The source changes with its credential: peak-watch source use URL [--user NAME] [--password-stdin | --token-stdin] [--ca-file PATH], or peak-watch source use managed.';
  }
  return null;
}

/**
 * Settings that choose a program to run: a binary the native runtime executes, an image Docker
 * runs. Whoever can change them runs code as the user, so only the desktop window, the CLI and
 * the settings file change them; the web console shows them read-only and its host refuses a
 * patch that names one (electron/web-host/server.ts). Every other setting and ConsoleApi method
 * only reads, starts what these name, or writes inside the data folder.
 */
export const DESKTOP_ONLY_SETTINGS = [
  'stack.prometheusBinary',
  'stack.grafanaBinary',
  'stack.prometheusImage',
  'stack.grafanaImage',
] as const;
export type DesktopOnlySetting = (typeof DESKTOP_ONLY_SETTINGS)[number];

/** Where a desktop-only setting can be changed, as the web console and its host say it. */
export function desktopOnlyFix(key: DesktopOnlySetting): string {
  return `Change it in the desktop window, with "peak-watch settings set ${key} VALUE", or in settings.json in the data folder.`;
}

/** The desktop-only settings a patch names (present at all, whatever the value). */
export function desktopOnlyIn(patch: unknown): DesktopOnlySetting[] {
  if (!patch || typeof patch !== 'object') return [];
  return DESKTOP_ONLY_SETTINGS.filter((key) => {
    const [sectionName, field] = key.split('.') as [string, string];
    const part = (patch as Record<string, unknown>)[sectionName];
    return !!part && typeof part === 'object' && Object.hasOwn(part, field);
  });
}

/**
 * The instances a patch would give a token file they do not have now (a new instance with one, or
 * another file): Prometheus would send that file's content to that host, so only the desktop
 * window, the CLI and settings.json choose it. A token-less instance, or dropping a token, is not
 * refused.
 */
export function instanceTokenFilesIn(current: Settings, patch: unknown): string[] {
  if (!patch || typeof patch !== 'object') return [];
  const stack = (patch as Record<string, unknown>).stack;
  if (!stack || typeof stack !== 'object' || !Object.hasOwn(stack, 'instances')) return [];
  const instances = (stack as Record<string, unknown>).instances;
  if (!Array.isArray(instances)) return [];
  const now = new Map(current.stack.instances.map((i) => [i.target, i.tokenFile]));
  return instances.flatMap((i: unknown) => {
    if (!i || typeof i !== 'object') return [];
    const { target, tokenFile } = i as Record<string, unknown>;
    if (tokenFile === undefined || tokenFile === '') return [];
    // Anything but the very file this target already has, whatever its type (the schema refuses
    // a wrong type later; the refusal here must not depend on it).
    return now.get(String(target)) === tokenFile ? [] : [String(target)];
  });
}

/**
 * Whether host:port names the embedded server itself (scraped already): a second scrape of it in
 * the same job would write every series twice under one instance label.
 */
export function namesEmbeddedServer(settings: Settings, target: string): boolean {
  const i = target.lastIndexOf(':');
  const host = target.slice(0, i);
  if (Number(target.slice(i + 1)) !== settings.server.port) return false;
  const bound = settings.server.host;
  return (
    host === bound ||
    (isLoopbackHost(host) && (isLoopbackHost(bound) || ['0.0.0.0', '::', '[::]'].includes(bound)))
  );
}

/** Where an instance's token file can be chosen, as the web console and its host say it. */
export const INSTANCE_TOKEN_FIX =
  'Add it in the desktop window, with "peak-watch instances add HOST:PORT --token-file PATH", or in settings.json in the data folder.';

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/** Applies a patch and re-validates the whole, so a patch can never produce invalid settings. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  return settingsSchema.parse({
    ...current,
    server: { ...current.server, ...patch.server },
    stack: { ...current.stack, ...patch.stack },
    ui: { ...current.ui, ...patch.ui },
    alerts: { ...current.alerts, ...patch.alerts },
    source: { ...current.source, ...patch.source },
    telemetry: { ...current.telemetry, ...patch.telemetry },
  });
}

/** Structural equality of settings values: primitives, arrays and plain objects (what JSON holds). */
export function settingsValuesEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => settingsValuesEqual(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!settingsValuesEqual(ra[key], rb[key])) return false;
  return true;
}

/** The field names of one section. */
export type SettingsField<S extends SettingsSection> = keyof Settings[S] & string;

/**
 * What a settings change changed, field by field in every section. Everything that reacts to a
 * change (the server, the Prometheus client, the stack, the preflight checks, the Alerts page,
 * the settings file's overlay) asks this one answer, so a new field is noticed wherever its
 * section is watched without another comparison to update.
 */
export interface SettingsDiff {
  /** The changed fields of each section (every section present; empty when unchanged). */
  readonly fields: { readonly [S in SettingsSection]: ReadonlySet<SettingsField<S>> };
  /** Nothing changed. */
  readonly empty: boolean;
  /** Any of these fields of the section changed; with no field named, any field of it. */
  has<S extends SettingsSection>(section: S, ...fields: SettingsField<S>[]): boolean;
  /** A field of the section other than these changed. */
  hasExcept<S extends SettingsSection>(section: S, ...fields: SettingsField<S>[]): boolean;
}

/**
 * Compares every section of SETTINGS_SECTIONS and every field either side has (a field only one
 * side has counts as changed), by value: arrays and objects compare element by element, so key
 * order never makes a change.
 */
export function diffSettings(previous: Settings, next: Settings): SettingsDiff {
  const fields = {} as Record<SettingsSection, Set<string>>;
  for (const section of SETTINGS_SECTIONS) {
    const a = previous[section] as Record<string, unknown>;
    const b = next[section] as Record<string, unknown>;
    const changed = new Set<string>();
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!settingsValuesEqual(a[key], b[key])) changed.add(key);
    }
    fields[section] = changed;
  }
  return {
    fields: fields as unknown as SettingsDiff['fields'],
    empty: SETTINGS_SECTIONS.every((s) => fields[s].size === 0),
    has: (section, ...named) =>
      named.length === 0 ? fields[section].size > 0 : named.some((f) => fields[section].has(f)),
    hasExcept: (section, ...named) => [...fields[section]].some((f) => !named.includes(f as never)),
  };
}

/**
 * localhost, ::1 (bracketed or not) or a canonical dotted quad in 127.0.0.0/8. Only the canonical
 * spelling counts: resolvers read `127.1`, `0177.0.0.1` or `2130706433` as loopback too, but a
 * name like `127.999.999.999` is no address at all and a DNS name can be anything, so anything
 * that is not plainly an address of this machine is treated as foreign.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return (
    octets !== null &&
    octets.slice(1).every((o) => (o === '0' || !o.startsWith('0')) && Number(o) <= 255)
  );
}
