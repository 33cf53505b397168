// The settings file's schema (every section with its defaults), the patch schemas and the
// applying of a patch. Pure (zod only).
import { z } from 'zod';
import { DASHBOARD_DEFAULTS } from './dashboard';
import {
  alertsFields,
  serverFields,
  sourceFields,
  stackFields,
  telemetryFields,
  uiFields,
} from './settings-fields';
import type { RemoteWriteReceiverSettings } from './settings-values';

export const SETTINGS_VERSION = 1;

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
