// Settings on disk: one JSON file in the data folder, shared by every process that uses the
// folder (the app, the web host, the CLI). A write is read-merge-write under a lock file, so the
// patch lands on what is on disk now and no writer loses another's change. A field that is not
// valid costs that field only: it is not used (its default is) and a warning names it with its
// line, as an editor would, while the file keeps it for the person to fix. Reading never writes.
// A file that is not JSON at all is moved aside — kept, never deleted — by the next write only.
// A key that is not a setting is named in a warning (with the setting it is probably a typo of)
// and left in the file: a write keeps keys this version does not know. A write goes through a
// symlink to the file it points at, and refuses a file or folder that is read-only instead of
// replacing it. A write also clears the temp files of writes that were killed.
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SETTINGS_SECTIONS,
  SETTINGS_VERSION,
  diffSettings,
  applySettingsPatch,
  defaultSettings,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { ConsoleError, describeIssues, type IssueList } from '../../shared/errors';
import { withFileLock } from './file-lock';
import { linkTarget, notWritable, removeStaleTemps, writeFileAtomic } from './fs-atomic';
import { keyLines, lineOf, parseJsonText } from './json-text';
import { checkSettingsFiles } from './settings-checks';

export const SETTINGS_FILE = 'settings.json';

/** Zod issues one per line; an issue about the file as a whole is about "settings". */
const settingsIssues = (error: IssueList): string =>
  describeIssues(error, { whole: 'settings', separator: '\n' });
/** One lock for the data folder's shared files: settings, secrets and the query history. */
export const DATA_LOCK_FILE = 'settings.json.lock';

export interface LoadedSettings {
  settings: Settings;
  warnings: string[];
}

/** The settings in use before and after a change (each with this run's overlay). */
export interface SettingsChange {
  previous: Settings;
  next: Settings;
}

interface Problem {
  kind: 'bad-value' | 'unknown-key';
  path: string;
  warning: string;
}

type SettingsRead =
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

/** A patch made from the settings on disk, under the data folder's lock (a read-modify-write). */
export type SettingsEdit = (disk: Settings) => SettingsPatch;

export class SettingsStore {
  readonly file: string;
  readonly lockFile: string;
  /** What the file held when last read or written; `current` adds the run's overlay. */
  private base: Settings = defaultSettings();
  private current: Settings = defaultSettings();
  private runOverlay: SettingsPatch = {};
  private warnings: string[] = [];
  /** What is wrong in the file as last read or written (bad fields, or not JSON at all). */
  private fileWarnings: string[] = [];
  /** Why the file as it is now on disk is not in use; cleared by the next good read or write. */
  private diskWarning: string | null = null;

  constructor(readonly dataDir: string) {
    this.file = join(dataDir, SETTINGS_FILE);
    this.lockFile = join(dataDir, DATA_LOCK_FILE);
  }

  get(): Settings {
    return this.current;
  }

  getWarnings(): string[] {
    return [
      ...this.warnings,
      ...this.fileWarnings,
      ...(this.diskWarning ? [this.diskWarning] : []),
    ];
  }

  /** Adds a warning the UI shows with the settings (e.g. a change that could not be applied). */
  warn(message: string): void {
    this.warnings.push(message);
  }

  /**
   * Reads the file; never writes or renames (a read-only `settings get` leaves the folder as it
   * is). Bad fields load as their defaults, a file that is not settings loads defaults, each
   * with a warning.
   */
  async load(): Promise<LoadedSettings> {
    // The folder itself is made (every process here expects it); nothing in it is touched.
    await mkdir(this.dataDir, { recursive: true });
    const read = await this.readFile();
    if (read.kind === 'ok') {
      this.base = read.settings;
      this.fileWarnings = read.problems.map((p) => p.warning);
    } else {
      this.base = defaultSettings();
      this.fileWarnings =
        read.kind === 'invalid'
          ? [
              `${read.problem} — the defaults are in use. Fix the file, or the next change of a setting keeps it aside as ${SETTINGS_FILE}.${read.version ? 'unknown-version' : 'corrupt'}-<time> and starts a new one.`,
            ]
          : [];
    }
    this.current = applySettingsPatch(this.base, this.runOverlay);
    return { settings: this.current, warnings: this.getWarnings() };
  }

  /** Validates, merges the patch onto the file as it is now and writes it. Throws 'invalid-settings'. */
  async update(patch: SettingsPatch): Promise<Settings> {
    return (await this.transact(patch, () => Promise.resolve())).next;
  }

  /**
   * update() with a step between merging and writing: `prepare` sees the change and may refuse it
   * by throwing (e.g. the new server port is taken), and then nothing is written.
   */
  async transact(
    patchOrEdit: SettingsPatch | SettingsEdit,
    prepare: (change: SettingsChange) => Promise<void>,
  ): Promise<SettingsChange> {
    const check = async (patch: SettingsPatch): Promise<void> => {
      const shape = settingsPatchSchema.safeParse(patch);
      if (!shape.success) throw invalid(settingsIssues(shape.error));
      await checkSettingsFiles(patch);
    };
    if (typeof patchOrEdit !== 'function') await check(patchOrEdit);
    await mkdir(this.dataDir, { recursive: true });
    return this.locked(async () => {
      const target = await linkTarget(this.file);
      await this.refuseReadOnly(target);
      // Every write of this file goes through here, under the data folder's lock, so no writer of
      // it is mid-write now: a temp beside it is a write that was killed. The age check still
      // spares one whose writer went around the lock (a lock file deleted by hand). Not at load:
      // reading never writes.
      await removeStaleTemps(target);
      const read = await this.readFile();
      // A file that is not settings is replaced by this write: keep its bytes aside, merge onto
      // what we had. A file with bad fields stays: the write changes only what the patch sets.
      const disk =
        read.kind === 'ok'
          ? read.settings
          : read.kind === 'invalid'
            ? await this.moveAside(target, this.base, 'the settings in use were kept')
            : this.base;
      // An edit is made from the file as it is under the lock, so two processes that each add
      // to a list (instances add) both land instead of the later overwriting the earlier.
      const patch = typeof patchOrEdit === 'function' ? patchOrEdit(disk) : patchOrEdit;
      if (typeof patchOrEdit === 'function') await check(patch);
      let written: Settings;
      try {
        written = applySettingsPatch(disk, patch);
      } catch (err) {
        throw invalid(
          err && typeof err === 'object' && 'issues' in err
            ? settingsIssues(err as IssueList)
            : String(err),
        );
      }
      // A value set explicitly — here or by another process — wins over this run's overlay.
      const overlay = withoutKeys(
        withoutKeys(this.runOverlay, differences(this.base, disk)),
        patch,
      );
      const change = { previous: this.current, next: applySettingsPatch(written, overlay) };
      await prepare(change);
      const text =
        JSON.stringify(fileContent(written, read.kind === 'ok' ? read : null, patch), null, 2) +
        '\n';
      const mode = await stat(target).then(
        (s) => s.mode & 0o777,
        () => 0o644,
      );
      await writeFileAtomic(target, text, mode).catch((err: unknown) => {
        throw readOnlyError(err, target) ?? err;
      });
      const after = readSettingsText(text);
      this.fileWarnings = after.kind === 'ok' ? after.problems.map((p) => p.warning) : [];
      this.base = written;
      this.runOverlay = overlay;
      this.current = change.next;
      this.diskWarning = null;
      return change;
    });
  }

  /**
   * Reads the file again after another process changed it. Returns the change, or null when
   * nothing in use changed. An unusable file is left where it is (it may be a person's editor
   * halfway through a save) and the settings in use stay, with a warning.
   */
  async reloadFromDisk(): Promise<SettingsChange | null> {
    const read = await this.readFile();
    if (read.kind === 'missing') return null; // the next write puts it back
    if (read.kind === 'invalid') {
      const warning = `${read.problem} — the file was changed on disk but cannot be used; the settings in use are unchanged.`;
      const changed = warning !== this.diskWarning;
      this.diskWarning = warning;
      return changed ? { previous: this.current, next: this.current } : null;
    }
    const fileWarnings = read.problems.map((p) => p.warning);
    const warningsChanged =
      this.diskWarning !== null ||
      JSON.stringify(fileWarnings) !== JSON.stringify(this.fileWarnings);
    this.diskWarning = null;
    this.fileWarnings = fileWarnings;
    if (sameSettings(read.settings, this.base)) {
      return warningsChanged ? { previous: this.current, next: this.current } : null;
    }
    const previous = this.current;
    this.runOverlay = withoutKeys(this.runOverlay, differences(this.base, read.settings));
    this.base = read.settings;
    this.current = applySettingsPatch(this.base, this.runOverlay);
    return { previous, next: this.current };
  }

  /** Applies values for this run only, never written (environment flags, --metrics-port). */
  overlay(patch: SettingsPatch): void {
    const merged: Record<string, object> = {};
    for (const section of SECTIONS) {
      const part = { ...this.runOverlay[section], ...patch[section] };
      if (Object.keys(part).length) merged[section] = part;
    }
    this.runOverlay = merged;
    this.current = applySettingsPatch(this.base, this.runOverlay);
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return withFileLock(this.lockFile, { purpose: SETTINGS_FILE }, fn);
  }

  private async readFile(): Promise<SettingsRead> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw new ConsoleError({
        code: 'settings-unreadable',
        message: `Cannot read ${this.file}: ${(err as Error).message}`,
        fix: 'Check the permissions of the data folder, or start with another --data-dir.',
      });
    }
    return readSettingsText(text);
  }

  /** A write that would replace a read-only file (or write into a read-only folder) is refused. */
  private async refuseReadOnly(target: string): Promise<void> {
    const blocked = await notWritable(target);
    if (!blocked) return;
    const via = target === this.file ? '' : ` (${this.file} links to it)`;
    const mode = blocked.mode.toString(8).padStart(4, '0');
    throw new ConsoleError({
      code: 'settings-read-only',
      message:
        blocked.kind === 'file'
          ? `${blocked.path} is read-only (mode ${mode})${via}, so the change was not saved; the file is unchanged.`
          : `The folder ${blocked.path} is read-only (mode ${mode}), so the change to ${SETTINGS_FILE} was not saved; nothing was changed.`,
      fix:
        blocked.kind === 'file'
          ? `Make it writable (chmod u+w ${blocked.path}) and try again, or edit the file by hand if it is read-only on purpose.`
          : `Make the folder writable (chmod u+w ${blocked.path}) and try again, or start with another --data-dir.`,
    });
  }

  /** Under the lock: moves an unusable file aside (if it still is) and returns `fallback`. */
  private async moveAside(target: string, fallback: Settings, outcome: string): Promise<Settings> {
    const read = await this.readFile();
    if (read.kind === 'ok') return read.settings; // another process fixed it meanwhile
    if (read.kind === 'missing') return fallback;
    const aside = `${target}.${read.version ? 'unknown-version' : 'corrupt'}-${stamp()}`;
    await rename(target, aside);
    this.fileWarnings = [];
    this.warnings.push(`${read.problem}: it was moved to ${aside} and ${outcome}.`);
    return fallback;
  }
}

function invalid(message: string): ConsoleError {
  return new ConsoleError({ code: 'invalid-settings', message });
}

/** A write's failure for want of permission, as the same sentence as a read-only file. */
function readOnlyError(err: unknown, target: string): ConsoleError | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') return null;
  return new ConsoleError({
    code: 'settings-read-only',
    message: `${target} cannot be written (${code}), so the change was not saved; the file is unchanged.`,
    fix: `Make the file and its folder writable (chmod u+w), or start with another --data-dir.`,
  });
}

const SECTIONS = SETTINGS_SECTIONS;

function isObject(v: unknown): v is Record<string, unknown> {
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
    let dropped = false;
    // A field zod names twice in one pass (a pattern and a range on the same value) is dropped
    // once: its second issue is not a rule across the section.
    const droppedNow = new Set<string>();
    // A list's bad items are left out one by one, so one bad instance keeps the others.
    const badItems = new Map<string, Set<number>>();
    for (const issue of result.error.issues) {
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
    if (!dropped) break;
  }
  // Unreachable while every issue names a section; kept so a schema change cannot loop or lie.
  return {
    kind: 'invalid',
    version: false,
    problem: `${SETTINGS_FILE} cannot be read as settings`,
  };
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
 * The known name `name` is most likely a typo of: the nearest by edit distance (ignoring case,
 * a swap of two neighbours counting as one edit), when it is near enough — one edit for a short
 * name, up to three for a long one — or null.
 */
function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const limit = Math.min(3, Math.max(1, Math.floor(candidate.length / 3)));
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase(), limit);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps). Stops early above `limit`:
 * a key in the file may be any length, and only near names matter.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * What a write puts in the file: the settings, on top of the file as it was — so keys this
 * version does not know stay, in their place — and a bad value the patch does not replace stays
 * for the person to fix (its warning says where).
 */
function fileContent(
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

/** The fields whose values differ from `a` in `b`, as a patch of b's values. */
export function differences(a: Settings, b: Settings): SettingsPatch {
  const diff = diffSettings(a, b);
  const out: Record<string, Record<string, unknown>> = {};
  for (const section of SECTIONS) {
    const after = b[section] as Record<string, unknown>;
    for (const key of diff.fields[section]) (out[section] ??= {})[key] = after[key];
  }
  return out;
}

function sameSettings(a: Settings, b: Settings): boolean {
  return diffSettings(a, b).empty;
}

function withoutKeys(overlay: SettingsPatch, patch: SettingsPatch): SettingsPatch {
  const out: SettingsPatch = {};
  for (const section of SECTIONS) {
    const kept = Object.fromEntries(
      Object.entries(overlay[section] ?? {}).filter(([k]) => !(k in (patch[section] ?? {}))),
    );
    if (Object.keys(kept).length) Object.assign(out, { [section]: kept });
  }
  return out;
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}
