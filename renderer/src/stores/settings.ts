// Settings as the host holds them; updated by `settings` events and by the Settings page.
import { create } from 'zustand';
import {
  toErrorInfo,
  type ConsoleErrorInfo,
  type SettingsUpdateResult,
  type SettingsView,
} from '../../../shared/api';
import type { SettingsPatch } from '../../../shared/settings';
import { getApi } from '../api/console-api';
import { loader } from './load';

export type UpdateOutcome =
  { ok: true; result: SettingsUpdateResult } | { ok: false; error: ConsoleErrorInfo };

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
  load: loader(set, get, { value: 'view', error: 'error' }, () => getApi().getSettings()),
  setView(view) {
    set({ view, error: null });
  },
  async update(patch) {
    set({ saving: true });
    try {
      const result = await getApi().updateSettings(patch);
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
