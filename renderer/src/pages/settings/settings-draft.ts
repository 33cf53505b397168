// The Settings form's state: only the user's edits on top of the current settings, so a change
// made elsewhere (the CLI, another window) shows up in every field not being edited. The draft is
// checked with the shared schema on every render; Save sends the minimal patch it yields.
import { createContext, useContext, useState } from 'react';
import type { ConsoleErrorInfo } from '../../../../shared/api';
import type { Settings } from '../../../../shared/settings';
import {
  checkDraft,
  draftFromSettings,
  type DraftCheck,
  type ScalarField,
  type SettingsDraft,
} from '../../lib/settings-form';
import { useSettingsStore } from '../../stores/settings';
import { toast } from '../../stores/toasts';

export interface SettingsDraftForm {
  draft: SettingsDraft;
  check: DraftCheck;
  hasErrors: boolean;
  saving: boolean;
  saveError: ConsoleErrorInfo | null;
  setField: (field: ScalarField, value: string) => void;
  setExtraTargets: (targets: string[]) => void;
  setMuted: (muted: string[]) => void;
  reset: () => void;
  save: () => Promise<void>;
}

export function useSettingsDraft(settings: Settings): SettingsDraftForm {
  const update = useSettingsStore((s) => s.update);
  const saving = useSettingsStore((s) => s.saving);
  const [edits, setEdits] = useState<Partial<Record<ScalarField, string>>>({});
  const [targetsEdit, setTargetsEdit] = useState<string[] | null>(null);
  const [mutedEdit, setMutedEdit] = useState<string[] | null>(null);
  const [saveError, setSaveError] = useState<ConsoleErrorInfo | null>(null);

  const base = draftFromSettings(settings);
  const draft: SettingsDraft = {
    fields: { ...base.fields, ...edits },
    extraTargets: targetsEdit ?? base.extraTargets,
    muted: mutedEdit ?? base.muted,
  };
  const check = checkDraft(draft, settings);
  const hasErrors = Object.keys(check.errors).length > 0;

  function reset(): void {
    setEdits({});
    setTargetsEdit(null);
    setMutedEdit(null);
    setSaveError(null);
  }

  async function save(): Promise<void> {
    if (!check.patch || hasErrors) return;
    setSaveError(null);
    const outcome = await update(check.patch);
    if (outcome.ok) {
      reset();
      toast('ok', 'Settings saved', outcome.result.applied.join(' · ') || undefined);
    } else {
      setSaveError(outcome.error);
    }
  }

  return {
    draft,
    check,
    hasErrors,
    saving,
    saveError,
    setField: (field, value) => setEdits((e) => ({ ...e, [field]: value })),
    setExtraTargets: setTargetsEdit,
    setMuted: setMutedEdit,
    reset,
    save,
  };
}

/** The form's draft for the cards and fields inside it (SettingsForm provides it). */
export const SettingsDraftContext = createContext<SettingsDraftForm | null>(null);

export function useDraftForm(): SettingsDraftForm {
  const form = useContext(SettingsDraftContext);
  if (!form) throw new Error('A settings field is rendered outside SettingsForm');
  return form;
}
