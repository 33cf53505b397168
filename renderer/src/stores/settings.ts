// Settings as the host holds them; updated by `settings` events and by the Settings page.
import { create } from 'zustand';
import {
  toErrorInfo,
  type ConsoleErrorInfo,
  type SettingsUpdateResult,
  type SettingsView,
} from '../../../shared/api';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { getApi } from '../api/console-api';

export type UpdateOutcome =
  { ok: true; result: SettingsUpdateResult } | { ok: false; error: ConsoleErrorInfo };

/**
 * Sends every touched section whole (current values + the change). settingsPatchSchema's
 * `.partial()` still fills zod defaults, so a bare `{server: {enabled}}` would come out of the
 * host's validation as `{server: {enabled, host: '127.0.0.1', port: 8000, …}}` and reset the
 * section; a whole section survives that either way, and the host reports only what changed.
 */
function completeSections(patch: SettingsPatch, current: Settings | undefined): SettingsPatch {
  if (!current) return patch;
  return {
    ...(patch.server ? { server: { ...current.server, ...patch.server } } : {}),
    ...(patch.stack ? { stack: { ...current.stack, ...patch.stack } } : {}),
    ...(patch.ui ? { ui: { ...current.ui, ...patch.ui } } : {}),
  };
}

interface SettingsStore {
  view: SettingsView | null;
  error: ConsoleErrorInfo | null;
  /** Which update is on its way, so the control that sent it can show it is busy. */
  saving: boolean;
  load: () => Promise<void>;
  setView: (view: SettingsView) => void;
  update: (patch: SettingsPatch) => Promise<UpdateOutcome>;
}

export const useSettingsStore = create<SettingsStore>()((set, get) => ({
  view: null,
  error: null,
  saving: false,
  async load() {
    try {
      set({ view: await getApi().getSettings(), error: null });
    } catch (err) {
      set({ error: toErrorInfo(err) });
    }
  },
  setView(view) {
    set({ view, error: null });
  },
  async update(patch) {
    set({ saving: true });
    try {
      const result = await getApi().updateSettings(completeSections(patch, get().view?.settings));
      const view: SettingsView = {
        settings: result.settings,
        dataDir: result.dataDir,
        warnings: result.warnings,
      };
      set({ view, saving: false, error: null });
      return { ok: true, result };
    } catch (err) {
      set({ saving: false });
      return { ok: false, error: toErrorInfo(err) };
    }
  },
}));

export const useSettings = () => useSettingsStore((s) => s.view?.settings ?? null);
