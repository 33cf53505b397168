// The fields of each settings section with their rules; settings-schema.ts builds the file's
// schema and the patch schemas from them. Pure (zod only).
import { z } from 'zod';
import { ALERT_NAMES } from './alert-names';
import {
  HOST_SHAPE_MESSAGE,
  SOURCE_URL_MESSAGE,
  binaryPath,
  controlCharacterIn,
  imageRef,
  isAbsolutePath,
  isHostShape,
  isSourceUrl,
  port,
  remoteWriteReceiver,
  scrapeTarget,
  text,
} from './settings-values';

// Fields carry no defaults: zod 4 fills defaults even inside .partial(), which would turn every
// patch into "reset everything else". Defaults live beside the fields and are merged in.
export const serverFields = {
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

export const stackFields = {
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
export const sourceFields = {
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

export const uiFields = {
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
export const alertsFields = {
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
export const telemetryFields = {
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
