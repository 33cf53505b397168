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
  diffSettings,
  applySettingsPatch,
  defaultSettings,
  settingsPatchSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { ConsoleError, describeIssues, type IssueList } from '../../shared/errors';
import { withFileLock } from './file-lock';
import { linkTarget, notWritable, removeStaleTemps, writeFileAtomic } from './fs-atomic';
import { SETTINGS_FILE, fileContent, readSettingsText, type SettingsRead } from './settings-read';
import { checkSettingsFiles } from './settings-checks';

export { SETTINGS_FILE } from './settings-read';

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
