// Reading settings.json's text: every valid field used, every bad one named with its line and
// replaced by its default, every key that is not a setting named (with the setting it is
// probably a typo of). Pure: the store does the file system and the lock.
import {
  SETTINGS_SECTIONS,
  SETTINGS_VERSION,
  defaultSettings,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import type { z } from 'zod';
import { keyLines, lineOf, parseJsonText } from './json-text';
import { closest } from './settings-typo';

export const SETTINGS_FILE = 'settings.json';

const SECTIONS = SETTINGS_SECTIONS;

type SettingsIssue = z.ZodError['issues'][number];

export interface Problem {
  kind: 'bad-value' | 'unknown-key';
  path: string;
  warning: string;
}

export type SettingsRead =
  | {
      kind: 'ok';
      settings: Settings;
      /** The file's object as written, unknown keys and bad values included. */
      raw: Record<string, unknown>;
      /**
       * What the file holds that is not used, with its warning: a field whose value is bad
       * ("section.field" or a whole section) or a key that is not a setting.
       */
      problems: Problem[];
    }
  | { kind: 'missing' }
  | { kind: 'invalid'; problem: string; version: boolean };

export function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** A value as a warning quotes it: JSON, cut short. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * The file's text as settings: every valid field used, every invalid one replaced by its default
 * and named with its line. Only text that is not a JSON object (or of another version) is unusable.
 */
export function readSettingsText(text: string): SettingsRead {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { line, column } = parsed.position;
    return {
      kind: 'invalid',
      version: false,
      problem: `${SETTINGS_FILE} line ${line}, column ${column}: not valid JSON (${parsed.reason})`,
    };
  }
  const raw = parsed.value;
  if (!isObject(raw)) {
    return {
      kind: 'invalid',
      version: false,
      problem: `${SETTINGS_FILE} holds ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : `a ${typeof raw}`}, not an object of settings`,
    };
  }
  if ('version' in raw && raw.version !== SETTINGS_VERSION) {
    return {
      kind: 'invalid',
      version: true,
      problem: `${SETTINGS_FILE} is of version ${quote(raw.version)}, not ${SETTINGS_VERSION}`,
    };
  }
  const lines = keyLines(text);
  const at = (path: string[]): string => {
    const line = lineOf(lines, path);
    return line === null ? SETTINGS_FILE : `${SETTINGS_FILE} line ${line}`;
  };
  const defaults = defaultSettings();
  const problems: Problem[] = unknownKeys(raw, at);
  const candidate: Record<string, Record<string, unknown>> = {};
  for (const section of SECTIONS) {
    const given = raw[section];
    if (given === undefined) continue;
    if (!isObject(given)) {
      problems.push({
        kind: 'bad-value',
        path: section,
        warning: `${at([section])}: ${section}: expected an object of settings, got ${quote(given)} — using the defaults of every ${section} setting`,
      });
      continue;
    }
    // Only the fields this version knows are validated; the others stay in the file.
    const known = Object.keys(defaults[section]);
    candidate[section] = Object.fromEntries(
      Object.entries(given).filter(([k]) => known.includes(k)),
    );
  }
  // Each pass drops the fields zod names; bounded by the number of fields.
  for (let pass = 0; pass < 100; pass++) {
    const result = settingsSchema.safeParse(candidate);
    if (result.success) {
      // In the file's order, as a person reads it top to bottom.
      const lineNo = (w: string) => Number(/ line (\d+)/.exec(w)?.[1] ?? Infinity);
      problems.sort((a, b) => lineNo(a.warning) - lineNo(b.warning));
      return { kind: 'ok', settings: result.data, raw, problems };
    }
    const dropped = dropBadFields(result.error.issues, candidate, problems, at);
    if (!dropped) break;
  }
  // Unreachable while every issue names a section; kept so a schema change cannot loop or lie.
  return {
    kind: 'invalid',
    version: false,
    problem: `${SETTINGS_FILE} cannot be read as settings`,
  };
}

/**
 * Drops from `candidate` what one pass of zod names as bad, with a warning for each; false when
 * nothing was dropped (so the caller stops).
 */
function dropBadFields(
  issues: readonly SettingsIssue[],
  candidate: Record<string, Record<string, unknown>>,
  problems: Problem[],
  at: (path: string[]) => string,
): boolean {
  const defaults = defaultSettings();
  let dropped = false;
  // A field zod names twice in one pass (a pattern and a range on the same value) is dropped
  // once: its second issue is not a rule across the section.
  const droppedNow = new Set<string>();
  // A list's bad items are left out one by one, so one bad instance keeps the others.
  const badItems = new Map<string, Set<number>>();
  for (const issue of issues) {
    const [section, field] = issue.path.map(String);
    const fields = section ? candidate[section] : undefined;
    if (!section || !fields) continue;
    if (field !== undefined && droppedNow.has(`${section}.${field}`)) continue;
    const index = issue.path[2];
    const list = field === undefined ? undefined : fields[field];
    if (field !== undefined && typeof index === 'number' && Array.isArray(list)) {
      const items = badItems.get(`${section}.${field}`) ?? new Set<number>();
      if (!items.has(index)) {
        problems.push({
          kind: 'bad-value',
          path: `${section}.${field}`,
          warning: `${at([section, field])}: ${section}.${field}[${index}]: ${issue.message}, got ${quote(list[index])} — left out`,
        });
      }
      items.add(index);
      badItems.set(`${section}.${field}`, items);
      dropped = true;
      continue;
    }
    if (field === undefined || !(field in fields)) {
      // A rule across the section's fields: the section's defaults are used.
      problems.push({
        kind: 'bad-value',
        path: section,
        warning: `${at([section])}: ${section}: ${issue.message} — using the defaults of every ${section} setting`,
      });
      delete candidate[section];
      dropped = true;
      continue;
    }
    const value = fields[field];
    const fallback = (defaults[section as (typeof SECTIONS)[number]] as Record<string, unknown>)[
      field
    ];
    const what =
      issue.code === 'invalid_type'
        ? `expected ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`
        : issue.message;
    problems.push({
      kind: 'bad-value',
      path: `${section}.${field}`,
      warning: `${at([section, field])}: ${section}.${field}: ${what}, got ${quote(value)} — using the default ${quote(fallback)}`,
    });
    delete fields[field];
    droppedNow.add(`${section}.${field}`);
    dropped = true;
  }
  for (const [path, items] of badItems) {
    const [section, field] = path.split('.') as [string, string];
    const fields = candidate[section];
    const list = fields?.[field];
    if (fields && Array.isArray(list)) fields[field] = list.filter((_, i) => !items.has(i));
  }
  return dropped;
}

/** At most this many unknown keys are named one by one; the rest are counted in one warning. */
const UNKNOWN_KEYS_NAMED = 20;

/**
 * A warning for every key the file holds that is not a setting — a typo such as "prot" is
 * otherwise silently ignored — as VS Code warns of an unknown setting: its line, the setting it
 * is probably meant to be, and that it stays in the file (a newer version may know it).
 */
function unknownKeys(raw: Record<string, unknown>, at: (path: string[]) => string): Problem[] {
  const defaults = defaultSettings();
  const found: { path: string[]; shown: string; meant: string | null }[] = [];
  const fieldsOf = (section: (typeof SECTIONS)[number]) => Object.keys(defaults[section]);
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'version') continue;
    const section = SECTIONS.find((s) => s === key);
    if (!section) {
      // "server.port" at the top level, as VS Code's own settings.json spells its keys.
      const [s, field, ...more] = key.split('.');
      const dotted = SECTIONS.find((x) => x === s);
      const meant =
        dotted && field && more.length === 0 && fieldsOf(dotted).includes(field)
          ? `${JSON.stringify(dotted)}: { ${JSON.stringify(field)}: … }`
          : closest(key, ['version', ...SECTIONS]);
      found.push({ path: [key], shown: keyName(key), meant });
      continue;
    }
    if (!isObject(value)) continue; // a bad value, warned of as such
    const fields = fieldsOf(section);
    for (const field of Object.keys(value)) {
      if (fields.includes(field)) continue;
      const near = closest(field, fields);
      // A field put in the wrong section: named where it belongs.
      const elsewhere = SECTIONS.find((s) => s !== section && fieldsOf(s).includes(field));
      found.push({
        path: [section, field],
        shown: `${section}.${keyName(field)}`,
        meant: near ? `${section}.${near}` : elsewhere ? `${elsewhere}.${field}` : null,
      });
    }
  }
  const problems: Problem[] = found.slice(0, UNKNOWN_KEYS_NAMED).map((k) => ({
    kind: 'unknown-key',
    path: k.path.join('.'),
    warning: `${at(k.path)}: ${k.shown} is not a setting${k.meant ? ` (did you mean ${k.meant}?)` : ''} — it is kept but has no effect`,
  }));
  const more = found.length - UNKNOWN_KEYS_NAMED;
  if (more > 0) {
    problems.push({
      kind: 'unknown-key',
      path: '',
      warning: `${SETTINGS_FILE}: ${more} more keys are not settings — they are kept but have no effect`,
    });
  }
  return problems;
}

/** A key as a warning names it: plain when it is a plain name, else quoted and cut short. */
function keyName(key: string): string {
  return /^[A-Za-z_$][\w$-]{0,59}$/.test(key) ? key : quote(key);
}

/**
 * What a write puts in the file: the settings, on top of the file as it was — so keys this
 * version does not know stay, in their place — and a bad value the patch does not replace stays
 * for the person to fix (its warning says where).
 */
export function fileContent(
  written: Settings,
  disk: Extract<SettingsRead, { kind: 'ok' }> | null,
  patch: SettingsPatch,
): Record<string, unknown> {
  const raw = disk?.raw ?? {};
  const out: Record<string, unknown> = { ...raw, version: written.version };
  for (const section of SECTIONS) {
    const before = raw[section];
    const merged: Record<string, unknown> = {
      ...(isObject(before) ? before : {}),
      ...written[section],
    };
    if (isObject(before)) {
      for (const problem of disk?.problems ?? []) {
        if (problem.kind !== 'bad-value') continue; // an unknown key is in `before` already
        const [s, field] = problem.path.split('.');
        if (s === section && field && !(field in (patch[section] ?? {})))
          merged[field] = before[field];
      }
    }
    out[section] = merged;
  }
  return out;
}
