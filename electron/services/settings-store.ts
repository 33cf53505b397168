// Settings on disk: one JSON file in the data folder, validated by the shared schema, written
// atomically. A file that cannot be read as settings is moved aside — kept, never deleted — and
// defaults load with a warning the UI shows.
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SETTINGS_VERSION,
  applySettingsPatch,
  defaultSettings,
  describeIssues,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { ConsoleError } from '../../shared/api';
import { writeFileAtomic } from './fs-atomic';

export const SETTINGS_FILE = 'settings.json';

export interface LoadedSettings {
  settings: Settings;
  warnings: string[];
}

export class SettingsStore {
  readonly file: string;
  /** What the file holds; `current` is this plus the run's overlay (flags, --metrics-port). */
  private base: Settings = defaultSettings();
  private current: Settings = defaultSettings();
  private runOverlay: SettingsPatch = {};
  private warnings: string[] = [];

  constructor(readonly dataDir: string) {
    this.file = join(dataDir, SETTINGS_FILE);
  }

  get(): Settings {
    return this.current;
  }

  getWarnings(): string[] {
    return [...this.warnings];
  }

  /** Loads the file; `seed` (from environment flags) applies on top for this run only. */
  async load(): Promise<LoadedSettings> {
    await mkdir(this.dataDir, { recursive: true });
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        this.base = this.current = defaultSettings();
        return { settings: this.current, warnings: [] };
      }
      throw new ConsoleError({
        code: 'settings-unreadable',
        message: `Cannot read ${this.file}: ${(err as Error).message}`,
        fix: 'Check the permissions of the data folder, or start with another --data-dir.',
      });
    }
    const problem = validate(text);
    if (typeof problem === 'string') {
      const aside = `${this.file}.${problem.startsWith('version') ? 'unknown-version' : 'corrupt'}-${stamp()}`;
      await rename(this.file, aside);
      this.base = this.current = defaultSettings();
      this.warnings.push(
        `${SETTINGS_FILE} could not be used (${problem}); it was moved to ${aside} and defaults were loaded.`,
      );
      return { settings: this.current, warnings: this.getWarnings() };
    }
    this.base = this.current = problem;
    return { settings: this.current, warnings: this.getWarnings() };
  }

  /** Validates the patch against the whole schema, then writes atomically. Throws 'invalid-settings'. */
  async update(patch: SettingsPatch): Promise<Settings> {
    let next: Settings;
    try {
      next = applySettingsPatch(this.base, patch);
    } catch (err) {
      const message =
        err && typeof err === 'object' && 'issues' in err
          ? describeIssues(err as Parameters<typeof describeIssues>[0])
          : String(err);
      throw new ConsoleError({ code: 'invalid-settings', message });
    }
    await mkdir(this.dataDir, { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n');
    this.base = next;
    // A value the user sets explicitly wins over this run's overlay from then on.
    this.runOverlay = withoutKeys(this.runOverlay, patch);
    this.current = applySettingsPatch(this.base, this.runOverlay);
    return this.current;
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
