// What a settings change changed, section by section and field by field.
import { SETTINGS_SECTIONS, type Settings, type SettingsSection } from './settings-schema';

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
