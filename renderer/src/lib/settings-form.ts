// The Settings form's draft: strings as typed, turned into a minimal SettingsPatch and checked
// with the shared zod schema before anything is sent, so issues show under their field.
import type { z } from 'zod';
import { ALERT_NAMES } from '../../../shared/alert-names';
import { configuredJob } from '../../../shared/dashboard';
import { settingsPatchSchema, type Settings, type SettingsPatch } from '../../../shared/settings';

const byName = (a: string, b: string): number =>
  (ALERT_NAMES as readonly string[]).indexOf(a) - (ALERT_NAMES as readonly string[]).indexOf(b);

/** Every scalar field of the form, as section.key. */
export const SCALAR_FIELDS = {
  'server.host': 'text',
  'server.port': 'int',
  'stack.runtime': 'text',
  'stack.profile': 'text',
  'stack.prometheusPort': 'int',
  'stack.grafanaPort': 'int',
  'stack.scrapeIntervalSeconds': 'int',
  'stack.prometheusImage': 'text',
  'stack.grafanaImage': 'text',
  'stack.prometheusBinary': 'text',
  'stack.grafanaBinary': 'text',
  'stack.onQuit': 'text',
  'stack.retentionTime': 'text',
  'stack.retentionSize': 'text',
  'ui.refreshSeconds': 'int',
  'ui.rangeMinutes': 'int',
  'alerts.evaluationIntervalSeconds': 'int',
  'alerts.notifyEveryMinutes': 'int',
  'alerts.targetDownForSeconds': 'int',
  'alerts.fallbackForSeconds': 'int',
  'alerts.errorRatio': 'number',
  'alerts.errorRatioForSeconds': 'int',
  'alerts.latencyP95Seconds': 'number',
  'alerts.latencyForSeconds': 'int',
  'alerts.reloadFailedForSeconds': 'int',
  'alerts.extraTargetDownForSeconds': 'int',
  'alerts.ruleFailuresForSeconds': 'int',
  'telemetry.enabled': 'bool',
  'telemetry.host': 'text',
  'telemetry.port': 'int',
  'telemetry.instrument': 'bool',
  'telemetry.memoryMb': 'int',
} as const;

export type ScalarField = keyof typeof SCALAR_FIELDS;
type Section = 'server' | 'stack' | 'ui' | 'alerts' | 'telemetry';
const SECTIONS = ['server', 'stack', 'ui', 'alerts', 'telemetry'] as const;

export interface SettingsDraft {
  fields: Record<ScalarField, string>;
  extraTargets: string[];
  /** Alert names whose notifications are muted. */
  muted: string[];
}

/** Errors keyed by field ("stack.prometheusPort") or list item ("stack.extraTargets.2"). */
export type FieldErrors = Record<string, string>;

function split(field: ScalarField): [Section, string] {
  const [section, key] = field.split('.') as [Section, string];
  return [section, key];
}

function read(settings: Settings, field: ScalarField): unknown {
  const [section, key] = split(field);
  return (settings[section] as Record<string, unknown>)[key];
}

export function draftFromSettings(settings: Settings): SettingsDraft {
  const fields = {} as Record<ScalarField, string>;
  for (const field of Object.keys(SCALAR_FIELDS) as ScalarField[]) {
    const value = read(settings, field);
    fields[field] = ['string', 'number', 'boolean'].includes(typeof value) ? String(value) : '';
  }
  return {
    fields,
    extraTargets: [...settings.stack.extraTargets],
    muted: [...settings.alerts.muted],
  };
}

export interface DraftCheck {
  /** Only what differs from the current settings; null when nothing does. */
  patch: SettingsPatch | null;
  errors: FieldErrors;
}

function issueKey(issue: z.core.$ZodIssue, targetIndex: number[]): string {
  const [section, key, index] = issue.path;
  if (key === 'extraTargets' && typeof index === 'number') {
    return `stack.extraTargets.${targetIndex[index] ?? index}`;
  }
  return key === undefined ? String(section ?? 'settings') : `${String(section)}.${String(key)}`;
}

export function checkDraft(draft: SettingsDraft, settings: Settings): DraftCheck {
  const errors: FieldErrors = {};
  const patch: Record<Section, Record<string, unknown>> = {
    server: {},
    stack: {},
    ui: {},
    alerts: {},
    telemetry: {},
  };

  for (const field of Object.keys(SCALAR_FIELDS) as ScalarField[]) {
    const raw = draft.fields[field].trim();
    let value: unknown = raw;
    const kind: string = SCALAR_FIELDS[field];
    // A switch is a select of "true"/"false": the same draft of strings as every other field.
    if (kind === 'bool') value = raw === 'true';
    else if (kind !== 'text') {
      if (raw === '') {
        errors[field] = 'required';
        continue;
      }
      if (kind === 'int' && !/^-?\d+$/.test(raw)) {
        errors[field] = 'a whole number is required';
        continue;
      }
      if (kind === 'number' && !/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(raw)) {
        errors[field] = 'a number is required, e.g. 0.05';
        continue;
      }
      value = Number(raw);
    }
    if (value !== read(settings, field)) {
      const [section, key] = split(field);
      patch[section][key] = value;
    }
  }

  // Empty rows are rows the user added and has not filled yet: not sent, not an error.
  const targetIndex: number[] = [];
  const targets: string[] = [];
  draft.extraTargets.forEach((t, i) => {
    const value = t.trim();
    if (!value) return;
    if (targets.includes(value)) errors[`stack.extraTargets.${i}`] = 'listed twice';
    targets.push(value);
    targetIndex.push(i);
  });
  if (targets.join('\n') !== settings.stack.extraTargets.join('\n'))
    patch.stack.extraTargets = targets;

  // Muted rules in definition order, so the same set never shows as a change.
  const muted = ALERT_NAMES.filter((n) => draft.muted.includes(n));
  if (muted.join('\n') !== [...settings.alerts.muted].sort(byName).join('\n'))
    patch.alerts.muted = muted;

  const candidate: SettingsPatch = {};
  for (const section of SECTIONS) {
    if (Object.keys(patch[section]).length)
      (candidate as Record<Section, unknown>)[section] = patch[section];
  }
  const parsed = settingsPatchSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issueKey(issue, targetIndex);
      errors[key] ??= issue.message;
    }
  }
  const changed = Object.keys(candidate).length > 0;
  return { patch: changed ? candidate : null, errors };
}

/** The managed stack scrapes the extra targets beside the app's job, configuredJob(source). */
export function extraTargetsHint(settings: Pick<Settings, 'source'>): string {
  return `Scraped next to ${configuredJob(settings.source)}, as host:port (e.g. a node exporter on 127.0.0.1:9100).`;
}
