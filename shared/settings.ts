// The one settings schema: the settings file, the settings pane, the CLI's `settings set` and
// every host validate against it. Pure (zod only) so both sides import it.
import { z } from 'zod';

export const SETTINGS_VERSION = 1;

const port = z.number().int().min(1).max(65535);

/** A scrape target as Prometheus writes it: host:port, no scheme, no path. */
export const scrapeTarget = z
  .string()
  .regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, 'a target is host:port, e.g. 127.0.0.1:9100');

/** An image reference with a pinned tag (never :latest), e.g. grafana/grafana:12.3.1. */
const imageRef = z
  .string()
  .regex(/^[a-z0-9./_-]+:[A-Za-z0-9._-]+$/, 'an image is name:tag, e.g. grafana/grafana:12.3.1')
  .refine((v) => !v.endsWith(':latest'), 'pin a tag; :latest changes under you');

export const serverSettings = z.object({
  /** Bind address of the embedded watch-only server. Anything off loopback requires a token. */
  host: z.string().min(1).default('127.0.0.1'),
  port: port.default(8000),
  /** PEAK_TRADE_PROMETHEUS_ENABLED: record peak_trade_http_* metrics. */
  enabled: z.boolean().default(false),
  /** REQUIRE_PROMETHEUS_CLIENT: /metrics answers 503 when prom-client is unavailable. */
  strict: z.boolean().default(false),
});

export const stackSettings = z.object({
  runtime: z.enum(['docker', 'native']).default('docker'),
  prometheusPort: port.default(9091),
  grafanaPort: port.default(3000),
  scrapeIntervalSeconds: z.number().int().min(1).max(300).default(15),
  prometheusImage: imageRef.default('prom/prometheus:v3.5.0'),
  grafanaImage: imageRef.default('grafana/grafana:12.3.1'),
  extraTargets: z.array(scrapeTarget).max(50).default([]),
  /** Path to a prometheus binary for the native runtime; empty means "find it on PATH". */
  prometheusBinary: z.string().default(''),
  grafanaBinary: z.string().default(''),
  /** What quitting the app does to a stack it started. */
  onQuit: z.enum(['stop', 'leave', 'ask']).default('stop'),
});

export const uiSettings = z.object({
  refreshSeconds: z.number().int().min(1).max(3600).default(10),
  rangeMinutes: z.number().int().min(1).max(7 * 24 * 60).default(30),
});

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  server: serverSettings.prefault({}),
  stack: stackSettings.prefault({}),
  ui: uiSettings.prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;
export type ServerSettings = Settings['server'];
export type StackSettings = Settings['stack'];

/** A partial update, one level deep per section: `{ server: { enabled: true } }`. */
export const settingsPatchSchema = z
  .object({
    server: serverSettings.partial().strict().optional(),
    stack: stackSettings.partial().strict().optional(),
    ui: uiSettings.partial().strict().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

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
  });
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Human-readable zod issues, one per line, with the setting's dotted path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'settings'}: ${i.message}`)
    .join('\n');
}
