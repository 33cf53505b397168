// Settings on disk: one JSON file in the data folder, shared by every process that uses the
// folder (the app, the web host, the CLI). A write is read-merge-write under a lock file, so the
// patch lands on what is on disk now and no writer loses another's change. A file that cannot be
// read as settings is moved aside — kept, never deleted — and defaults load with a warning.
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SETTINGS_VERSION,
  applySettingsPatch,
  defaultSettings,
  describeIssues,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { ConsoleError } from '../../shared/errors';
import { withFileLock } from './file-lock';
import { writeFileAtomic } from './fs-atomic';
import { checkSettingsFiles } from './settings-checks';

export const SETTINGS_FILE = 'settings.json';
/** One lock for the data folder's shared files: settings and secrets. */
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

export class SettingsStore {
  readonly file: string;
  readonly lockFile: string;
  /** What the file held when last read or written; `current` adds the run's overlay. */
  private base: Settings = defaultSettings();
  private current: Settings = defaultSettings();
  private runOverlay: SettingsPatch = {};
  private warnings: string[] = [];
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
    return this.diskWarning ? [...this.warnings, this.diskWarning] : [...this.warnings];
  }

  /** Adds a warning the UI shows with the settings (e.g. a change that could not be applied). */
  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Loads the file; an unusable one is moved aside and defaults load with a warning. */
  async load(): Promise<LoadedSettings> {
    await mkdir(this.dataDir, { recursive: true });
    const read = await this.readFile();
    this.base =
      read.kind === 'ok'
        ? read.settings
        : read.kind === 'invalid'
          ? await this.locked(() => this.moveAside(defaultSettings(), 'defaults were loaded'))
          : defaultSettings();
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
    patch: SettingsPatch,
    prepare: (change: SettingsChange) => Promise<void>,
  ): Promise<SettingsChange> {
    const shape = settingsPatchSchema.safeParse(patch);
    if (!shape.success) throw invalid(describeIssues(shape.error));
    await checkSettingsFiles(patch);
    await mkdir(this.dataDir, { recursive: true });
    return this.locked(async () => {
      const read = await this.readFile();
      // A corrupt file is replaced by this write: keep its bytes aside, merge onto what we had.
      const disk =
        read.kind === 'ok'
          ? read.settings
          : read.kind === 'invalid'
            ? await this.moveAside(this.base, 'the settings in use were kept')
            : this.base;
      let written: Settings;
      try {
        written = applySettingsPatch(disk, patch);
      } catch (err) {
        throw invalid(
          err && typeof err === 'object' && 'issues' in err
            ? describeIssues(err as Parameters<typeof describeIssues>[0])
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
      await writeFileAtomic(this.file, JSON.stringify(written, null, 2) + '\n');
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
      const warning = `${SETTINGS_FILE} was changed on disk but cannot be used (${read.problem}); the settings in use are unchanged.`;
      const changed = warning !== this.diskWarning;
      this.diskWarning = warning;
      return changed ? { previous: this.current, next: this.current } : null;
    }
    const hadWarning = this.diskWarning !== null;
    this.diskWarning = null;
    if (sameSettings(read.settings, this.base)) {
      return hadWarning ? { previous: this.current, next: this.current } : null;
    }
    const previous = this.current;
    this.runOverlay = withoutKeys(this.runOverlay, differences(this.base, read.settings));
    this.base = read.settings;
    this.current = applySettingsPatch(this.base, this.runOverlay);
    return { previous, next: this.current };
  }

  /** Applies values for this run only, never written (environment flags, --metrics-port). */
  overlay(patch: SettingsPatch): void {
    this.runOverlay = {
      server: { ...this.runOverlay.server, ...patch.server },
      stack: { ...this.runOverlay.stack, ...patch.stack },
      ui: { ...this.runOverlay.ui, ...patch.ui },
    };
    this.current = applySettingsPatch(this.base, this.runOverlay);
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return withFileLock(this.lockFile, { purpose: SETTINGS_FILE }, fn);
  }

  private async readFile(): Promise<
    { kind: 'ok'; settings: Settings } | { kind: 'missing' } | { kind: 'invalid'; problem: string }
  > {
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
    const parsed = validate(text);
    return typeof parsed === 'string'
      ? { kind: 'invalid', problem: parsed }
      : { kind: 'ok', settings: parsed };
  }

  /** Under the lock: moves an unusable file aside (if it still is) and returns `fallback`. */
  private async moveAside(fallback: Settings, outcome: string): Promise<Settings> {
    const read = await this.readFile();
    if (read.kind === 'ok') return read.settings; // another process fixed it meanwhile
    if (read.kind === 'missing') return fallback;
    const kind = read.problem.startsWith('version') ? 'unknown-version' : 'corrupt';
    const aside = `${this.file}.${kind}-${stamp()}`;
    await rename(this.file, aside);
    this.warnings.push(
      `${SETTINGS_FILE} could not be used (${read.problem}); it was moved to ${aside} and ${outcome}.`,
    );
    return fallback;
  }
}

function invalid(message: string): ConsoleError {
  return new ConsoleError({ code: 'invalid-settings', message });
}

/** The fields whose values differ from `a` in `b`, as a patch of b's values. */
function differences(a: Settings, b: Settings): SettingsPatch {
  const out: Record<string, Record<string, unknown>> = {};
  for (const section of ['server', 'stack', 'ui'] as const) {
    const before = a[section] as Record<string, unknown>;
    for (const [key, value] of Object.entries(b[section])) {
      if (JSON.stringify(value) !== JSON.stringify(before[key])) (out[section] ??= {})[key] = value;
    }
  }
  return out;
}

function sameSettings(a: Settings, b: Settings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function withoutKeys(overlay: SettingsPatch, patch: SettingsPatch): SettingsPatch {
  const out: SettingsPatch = {};
  for (const section of ['server', 'stack', 'ui'] as const) {
    const kept = Object.fromEntries(
      Object.entries(overlay[section] ?? {}).filter(([k]) => !(k in (patch[section] ?? {}))),
    );
    if (Object.keys(kept).length) Object.assign(out, { [section]: kept });
  }
  return out;
}

/** Returns parsed settings, or a short reason why the text is not usable settings. */
function validate(text: string): Settings | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return `not valid JSON: ${(err as Error).message}`;
  }
  if (raw && typeof raw === 'object' && 'version' in raw && raw.version !== SETTINGS_VERSION) {
    return `version ${JSON.stringify(raw.version)} is not ${SETTINGS_VERSION}`;
  }
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) return `invalid: ${describeIssues(parsed.error).replace(/\n/g, '; ')}`;
  return parsed.data;
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}
